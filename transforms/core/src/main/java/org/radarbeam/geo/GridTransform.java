package org.radarbeam.geo;

/**
 * Exact point transforms between a source grid's pixel coordinates and Web Mercator metres:
 * affine -> projdef CRS -> WGS84 lon/lat -> EPSG:3857, and back. The slow path that
 * {@link WarpPlan} samples on a coarse grid. Not thread-safe (scratch state, proj4j).
 */
final class GridTransform {
  private final NativeGrid src;
  private final NativeCrs crs;
  private final double[] tmp = new double[2];

  GridTransform(NativeGrid src) {
    this.src = src;
    this.crs = src.crs();
  }

  NativeGrid source() {
    return src;
  }

  /** Source pixel coordinate (col, row) to Mercator (x, y) in {@code out}; false if undefined. */
  boolean toMercator(double col, double row, double[] out) {
    if (!crs.inverse(src.x(col), src.y(row), tmp)) {
      return fail(out);
    }
    double y = WebMercator.y(tmp[1]);
    if (Double.isNaN(y)) {
      return fail(out);
    }
    out[0] = WebMercator.x(tmp[0]);
    out[1] = y;
    return true;
  }

  /** Mercator (x, y) to source pixel coordinate (col, row) in {@code out}; false if undefined. */
  boolean toSource(double x, double y, double[] out) {
    if (!crs.forward(WebMercator.lon(x), WebMercator.lat(y), tmp)) {
      return fail(out);
    }
    out[0] = src.col(tmp[0]);
    out[1] = src.row(tmp[1]);
    return true;
  }

  private static boolean fail(double[] out) {
    out[0] = Double.NaN;
    out[1] = Double.NaN;
    return false;
  }
}
