package org.radarbeam.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.radarbeam.output.ViewerSettings;
import org.radarbeam.store.S3Location;

/** The viewer page's settings from --viewerBasemap, --viewerAttribution and --viewerDataUrl. */
final class ViewerConfig {
  private static final String NONE = "none";

  private ViewerConfig() {}

  static ViewerSettings from(RunOptions o, String output, String dataPrefix) throws InvalidOptionsException {
    String basemap = OptionValues.isBlank(o.getViewerBasemap()) ? NONE : o.getViewerBasemap().trim();
    if (basemap.equalsIgnoreCase(NONE)) {
      basemap = "";
    } else if (!basemap.contains("{z}") || !basemap.contains("{x}")
        || !basemap.contains("{y}") && !basemap.contains("{-y}")) { // {-y}: Leaflet's TMS rows
      throw new InvalidOptionsException("--viewerBasemap must be a tile URL template with {z}, {x} and {y}"
          + " (e.g. " + ViewerSettings.OSM_TILES + ") or none, got " + basemap);
    }
    String attribution = o.getViewerAttribution() != null ? o.getViewerAttribution().trim()
        : basemap.equals(ViewerSettings.OSM_TILES) ? ViewerSettings.OSM_ATTRIBUTION : "";
    String dataUrl;
    if (!OptionValues.isBlank(o.getViewerDataUrl())) {
      dataUrl = o.getViewerDataUrl().trim();
      dataUrl = dataUrl.endsWith("/") ? dataUrl : dataUrl + "/";
    } else {
      dataUrl = relativeUrl(output, dataPrefix);
    }
    return new ViewerSettings(basemap, attribution, dataUrl == null ? "" : dataUrl);
  }

  /**
   * The URL of {@code target} relative to {@code from} (both directories, local or s3://), ending in
   * '/': {@code ./out} -> {@code ./out-data} gives {@code ../out-data/}. Null when no relative URL
   * leads there (another bucket, or one local and one in S3): a page cannot reach it by path alone.
   */
  static String relativeUrl(String from, String target) {
    List<String> a;
    List<String> b;
    if (from.startsWith("s3://") && target.startsWith("s3://")) {
      S3Location f = S3Location.parse(from);
      S3Location t = S3Location.parse(target);
      if (!f.bucket().equals(t.bucket())) {
        return null;
      }
      a = segments(f.prefix());
      b = segments(t.prefix());
    } else if (!from.contains("://") && !target.contains("://")) {
      try {
        a = segments(Paths.get(from).toAbsolutePath().normalize());
        b = segments(Paths.get(target).toAbsolutePath().normalize());
        if (!Paths.get(from).toAbsolutePath().getRoot().equals(Paths.get(target).toAbsolutePath().getRoot())) {
          return null; // another drive
        }
      } catch (InvalidPathException e) {
        return null;
      }
    } else {
      return null;
    }
    int common = 0;
    while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
      common++;
    }
    StringBuilder url = new StringBuilder();
    for (int i = common; i < a.size(); i++) {
      url.append("../");
    }
    for (int i = common; i < b.size(); i++) {
      url.append(encode(b.get(i))).append('/');
    }
    return url.length() == 0 ? "./" : url.toString();
  }

  private static List<String> segments(String prefix) {
    List<String> out = new ArrayList<>();
    for (String s : prefix.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<String> segments(Path p) {
    List<String> out = new ArrayList<>();
    p.forEach(name -> out.add(name.toString()));
    return out;
  }

  /** A path segment as it goes into a URL: spaces, '%', '?', '#' and non-ASCII percent-encoded. */
  private static String encode(String segment) {
    try {
      return new URI(null, null, segment, null).toASCIIString().replace(":", "%3A");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
