package org.radarbeam.output;

import java.io.Serializable;

/**
 * What the viewer page is told when it is written: where its map tiles come from and where it finds
 * the legend. Fixed per deployment, so they go into index.html itself.
 *
 * @param basemap tile URL template ({z}, {x}, {y}; Leaflet's {s} and {r} work too), or empty for no basemap
 * @param attribution the basemap's attribution, HTML as Leaflet's attribution control takes it
 * @param dataUrl URL of the data prefix as the page reaches it, ending in '/' (relative to the page or
 *     absolute), or empty when the page cannot reach it: then it shows no legend
 */
public record ViewerSettings(String basemap, String attribution, String dataUrl) implements Serializable {
  public static final String OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  public static final String OSM_ATTRIBUTION =
      "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

  public ViewerSettings {
    basemap = basemap == null ? "" : basemap;
    attribution = attribution == null ? "" : attribution;
    dataUrl = dataUrl == null ? "" : dataUrl;
  }

  /** The legend image's URL for the page, or empty when it has none. */
  public String legendUrl() {
    return dataUrl.isEmpty() ? "" : dataUrl + Legend.PNG_KEY;
  }
}
