package org.radarbeam.composite;

import org.radarbeam.geo.WebMercator;
import org.radarbeam.geo.WebMercatorGrid;

/**
 * The fixed grid every composite is drawn on, whichever sources are present: Web Mercator over the
 * union of the six sources' extents, at a chosen pixel size. Width and height are rounded up and
 * the pixels stretched to fit the bounds exactly, as the composites radarbeam reproduces are, so
 * 500 m gives 5548 x 4345 pixels of 499.92 x 499.99 m.
 */
public final class CompositeGrid {
  public static final double WEST = 1.461077;
  public static final double EAST = 26.376516;
  public static final double SOUTH = 44.001479;
  public static final double NORTH = 56.398335;
  public static final int DEFAULT_RESOLUTION = 500;
  /** The output folder and extent id of composites. */
  public static final String FOLDER = "composite";
  /** The half-world constant of the size rule, as the reproduced system writes it (not pi * R). */
  private static final double ORIGIN_SHIFT = 20037508.34;

  private CompositeGrid() {}

  /** The composite grid at {@code resolutionMetres} (> 0) per pixel, before stretching. */
  public static WebMercatorGrid at(double resolutionMetres) {
    if (!(resolutionMetres > 0)) {
      throw new IllegalArgumentException("resolution must be positive, got " + resolutionMetres);
    }
    double dx = (EAST - WEST) * ORIGIN_SHIFT / 180;
    double dy = WebMercator.y(NORTH) - WebMercator.y(SOUTH);
    int width = (int) Math.ceil(dx / resolutionMetres);
    int height = (int) Math.ceil(dy / resolutionMetres);
    double minX = WebMercator.x(WEST);
    double maxX = WebMercator.x(EAST);
    double maxY = WebMercator.y(NORTH);
    return new WebMercatorGrid(minX, maxY, (maxX - minX) / width, dy / height, width, height);
  }

  /** Pixels of the grid at {@code resolutionMetres}, without building it. */
  public static long pixels(double resolutionMetres) {
    WebMercatorGrid g = at(resolutionMetres);
    return (long) g.width() * g.height();
  }

  /** WGS84 west, south, east, north: the extent written for composites. */
  public static double[] bounds() {
    return new double[] {WEST, SOUTH, EAST, NORTH};
  }
}
