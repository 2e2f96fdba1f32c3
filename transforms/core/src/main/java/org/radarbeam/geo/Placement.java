package org.radarbeam.geo;

/**
 * A source grid placed on part of a larger Web Mercator grid (the composite's): the warp onto the
 * window of that grid the source can reach, and where the window starts. Warping only the window
 * keeps a small source from costing a pass over the whole composite.
 *
 * @param plan the warp onto the window; its grid has the target's pixel size and pixel centres
 * @param col0 the window's first column in the target grid
 * @param row0 the window's first row in the target grid
 */
public record Placement(WarpPlan plan, int col0, int row0) {
  /** Samples per edge of the source grid when its footprint is measured. */
  private static final int EDGE_SAMPLES = 256;
  /** Pixels added around the sampled footprint: the edges between samples may bulge outwards. */
  private static final int MARGIN = 2;

  /**
   * The placement of {@code source} on {@code target}, or null when the source cannot reach any
   * pixel of it.
   */
  public static Placement of(NativeGrid source, WebMercatorGrid target) {
    double[] box = footprint(new GridTransform(source));
    if (box == null) {
      return null;
    }
    int c0 = clamp(Math.floor((box[0] - target.minX()) / target.resX()) - MARGIN, target.width());
    int c1 = clamp(Math.ceil((box[2] - target.minX()) / target.resX()) + MARGIN, target.width());
    int r0 = clamp(Math.floor((target.maxY() - box[3]) / target.resY()) - MARGIN, target.height());
    int r1 = clamp(Math.ceil((target.maxY() - box[1]) / target.resY()) + MARGIN, target.height());
    if (c1 <= c0 || r1 <= r0) {
      return null;
    }
    WebMercatorGrid window = new WebMercatorGrid(target.x(c0), target.y(r0), target.resX(), target.resY(),
        c1 - c0, r1 - r0);
    return new Placement(WarpPlan.build(source, window, WarpPlan.DEFAULT_STEP, WarpPlan.DEFAULT_TOLERANCE), c0, r0);
  }

  /** Mercator minX, minY, maxX, maxY of the source's outer edges, or null if none is defined. */
  private static double[] footprint(GridTransform t) {
    NativeGrid g = t.source();
    double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    double[] xy = new double[2];
    for (int i = 0; i <= EDGE_SAMPLES; i++) {
      double col = (double) g.width() * i / EDGE_SAMPLES;
      double row = (double) g.height() * i / EDGE_SAMPLES;
      include(t, col, 0, xy, box);
      include(t, col, g.height(), xy, box);
      include(t, 0, row, xy, box);
      include(t, g.width(), row, xy, box);
    }
    return box[0] <= box[2] ? box : null;
  }

  private static void include(GridTransform t, double col, double row, double[] xy, double[] box) {
    if (t.toMercator(col, row, xy)) {
      box[0] = Math.min(box[0], xy[0]);
      box[1] = Math.min(box[1], xy[1]);
      box[2] = Math.max(box[2], xy[0]);
      box[3] = Math.max(box[3], xy[1]);
    }
  }

  private static int clamp(double v, int max) {
    return (int) Math.max(0, Math.min(max, v));
  }
}
