package org.radarbeam.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.radarbeam.http.Redaction;
import org.radarbeam.source.RadarSource;

/** The sources a run renders: --sources from the catalog, with --folder and --providerUrl applied. */
final class SourceSelection {
  private SourceSelection() {}

  static Map<String, RadarSource> from(SourceOptions s, ProviderOptions p, boolean fromFiles)
      throws InvalidOptionsException {
    Map<String, RadarSource> sources = new LinkedHashMap<>();
    String known = String.join(", ", SourceCatalog.ids());
    for (String raw : (s.getSources() == null ? "" : s.getSources()).split(",")) {
      String id = raw.trim().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      if (!SourceCatalog.contains(id)) {
        throw new InvalidOptionsException("--sources: unknown source '" + raw.trim() + "' (known: " + known + ")");
      }
      RadarSource source = SourceCatalog.get(id);
      if (id.equals(SourceCatalog.ANY_ODIM)) {
        source = source.withFolder(folder(s.getFolder()));
      }
      if (!fromFiles && source.provider() == null) {
        throw new InvalidOptionsException("source '" + id + "' has no provider to download from: give --input");
      }
      sources.put(id, source);
    }
    if (sources.isEmpty()) {
      throw new InvalidOptionsException("--sources names no source (known: " + known + ")");
    }
    if (fromFiles && !s.getInput().contains("{source}") && sources.size() > 1) {
      throw new InvalidOptionsException("--input has no {source} placeholder, so --sources must name exactly one source"
          + " (it names " + String.join(", ", sources.keySet()) + ")");
    }
    overrideProviderUrls(p.getProviderUrl(), sources, fromFiles);
    return sources;
  }

  /** source=url pairs; a source that is not selected (or reads files) keeps no override. */
  private static void overrideProviderUrls(String spec, Map<String, RadarSource> sources, boolean fromFiles)
      throws InvalidOptionsException {
    if (OptionValues.isBlank(spec)) {
      return;
    }
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidOptionsException("--providerUrl expects source=url pairs, got '" + pair.trim() + "'");
      }
      String id = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String url = pair.substring(eq + 1).trim();
      if (!SourceCatalog.contains(id) || SourceCatalog.get(id).provider() == null) {
        throw new InvalidOptionsException("--providerUrl: '" + id + "' is not a source with a provider");
      }
      if (!url.matches("https?://[^\\s]+") || !hasHost(url)) {
        throw new InvalidOptionsException("--providerUrl: " + id + " needs an http(s) URL, got '"
            + Redaction.redact(url) + "'");
      }
      if (!fromFiles && sources.containsKey(id)) {
        sources.put(id, sources.get(id).withProviderBase(url));
      }
    }
  }

  /** Whether {@code url} is a URL with a host (http://a|b is not: every request to it would fail). */
  private static boolean hasHost(String url) {
    try {
      return new URI(url).getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String folder(String f) throws InvalidOptionsException {
    if (f == null || !f.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new InvalidOptionsException("--folder must be one path segment of letters, digits, '.', '_' or '-', got " + f);
    }
    return f;
  }
}
