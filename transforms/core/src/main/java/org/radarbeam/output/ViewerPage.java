package org.radarbeam.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The viewer page at the output root: index.html, its script and style below viewer/, and Leaflet
 * copied from its webjar into viewer/leaflet/, so the page needs nothing but the output's own
 * server (no CDN). Every URL in it is relative, so it works from any static server or S3 website
 * that serves the output.
 */
public final class ViewerPage {
  public static final String INDEX_KEY = "index.html";
  /** The Leaflet release of the webjar this module depends on (the parent pom's leaflet.version). */
  static final String LEAFLET_VERSION = "1.9.4";

  private static final String OWN = "/org/radarbeam/output/viewer/";
  private static final String LEAFLET = "/META-INF/resources/webjars/leaflet/" + LEAFLET_VERSION + "/";
  private static final String JS = "application/javascript";
  private static final String CSS = "text/css";
  private static final String PNG = "image/png";

  /** A file of the page: its key below the output root, the class-path resource it is copied from, its type. */
  public record Asset(String key, String resource, String contentType) {
    public byte[] bytes() {
      try (InputStream in = ViewerPage.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing from the class path: " + resource);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private ViewerPage() {}

  /** The files index.html loads, written before it. */
  public static List<Asset> assets() {
    return List.of(
        new Asset("viewer/viewer.js", OWN + "viewer.js", JS),
        new Asset("viewer/viewer.css", OWN + "viewer.css", CSS),
        new Asset("viewer/leaflet/leaflet.js", LEAFLET + "dist/leaflet.js", JS),
        new Asset("viewer/leaflet/leaflet.css", LEAFLET + "dist/leaflet.css", CSS),
        new Asset("viewer/leaflet/LICENSE", LEAFLET + "LICENSE", "text/plain"),
        // leaflet.css points at these, relative to itself
        new Asset("viewer/leaflet/images/layers.png", LEAFLET + "dist/images/layers.png", PNG),
        new Asset("viewer/leaflet/images/layers-2x.png", LEAFLET + "dist/images/layers-2x.png", PNG),
        new Asset("viewer/leaflet/images/marker-icon.png", LEAFLET + "dist/images/marker-icon.png", PNG),
        new Asset("viewer/leaflet/images/marker-icon-2x.png", LEAFLET + "dist/images/marker-icon-2x.png", PNG),
        new Asset("viewer/leaflet/images/marker-shadow.png", LEAFLET + "dist/images/marker-shadow.png", PNG));
  }

  /** index.html with the settings filled in (as HTML attribute values). */
  public static String index(ViewerSettings s) {
    String page = new String(new Asset(INDEX_KEY, OWN + "index.html", "text/html").bytes(), StandardCharsets.UTF_8);
    return page.replace("@BASEMAP@", attribute(s.basemap()))
        .replace("@ATTRIBUTION@", attribute(s.attribution()))
        .replace("@LEGEND@", attribute(s.legendUrl()));
  }

  /** {@code v} escaped for a double-quoted HTML attribute. */
  static String attribute(String v) {
    return v.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
