package org.radarbeam.render;

/** The grid an output image is drawn on. */
public enum Projection {
  /** Web Mercator (EPSG:3857), north up, as web maps place image overlays. */
  WEBMERCATOR,
  /** The file's own grid, unchanged. */
  NATIVE
}
