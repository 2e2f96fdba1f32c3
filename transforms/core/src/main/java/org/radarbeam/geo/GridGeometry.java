package org.radarbeam.geo;

import java.io.Serializable;

/**
 * Where a Cartesian grid lies: its projection and the WGS84 corners of its corner pixels
 * (pixel centres), as ODIM /where groups state them. Missing values are NaN or null.
 */
public record GridGeometry(String projdef, int xsize, int ysize, double xscale, double yscale,
    double ulLon, double ulLat, double urLon, double urLat,
    double llLon, double llLat, double lrLon, double lrLat) implements Serializable {

  /** WGS84 bounding box of the four corners: west, south, east, north (NaN where unknown). */
  public double[] cornerBounds() {
    double w = min(ulLon, llLon, urLon, lrLon);
    double e = max(ulLon, llLon, urLon, lrLon);
    double s = min(ulLat, llLat, urLat, lrLat);
    double n = max(ulLat, llLat, urLat, lrLat);
    return new double[] {w, s, e, n};
  }

  /** The eight corner coordinates: UL, UR, LL, LR, each lon then lat. */
  public double[] corners() {
    return new double[] {ulLon, ulLat, urLon, urLat, llLon, llLat, lrLon, lrLat};
  }

  private static double min(double... v) {
    double m = Double.NaN;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        m = Double.isNaN(m) ? x : Math.min(m, x);
      }
    }
    return m;
  }

  private static double max(double... v) {
    double m = Double.NaN;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        m = Double.isNaN(m) ? x : Math.max(m, x);
      }
    }
    return m;
  }
}
