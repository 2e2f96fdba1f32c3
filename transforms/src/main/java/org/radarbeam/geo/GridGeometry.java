package org.radarbeam.geo;

import java.io.Serializable;

/**
 * Where a Cartesian grid lies: its projection and the WGS84 corners of its corner pixels
 * (pixel centres), as ODIM /where groups state them. Missing values are NaN or null.
 */
public final class GridGeometry implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String projdef;
  public final int xsize;
  public final int ysize;
  public final double xscale;
  public final double yscale;
  public final double ulLon;
  public final double ulLat;
  public final double urLon;
  public final double urLat;
  public final double llLon;
  public final double llLat;
  public final double lrLon;
  public final double lrLat;

  public GridGeometry(String projdef, int xsize, int ysize, double xscale, double yscale,
      double ulLon, double ulLat, double urLon, double urLat,
      double llLon, double llLat, double lrLon, double lrLat) {
    this.projdef = projdef;
    this.xsize = xsize;
    this.ysize = ysize;
    this.xscale = xscale;
    this.yscale = yscale;
    this.ulLon = ulLon;
    this.ulLat = ulLat;
    this.urLon = urLon;
    this.urLat = urLat;
    this.llLon = llLon;
    this.llLat = llLat;
    this.lrLon = lrLon;
    this.lrLat = lrLat;
  }

  /** WGS84 bounding box of the four corners: west, south, east, north (NaN where unknown). */
  public double[] cornerBounds() {
    double w = min(ulLon, llLon, urLon, lrLon);
    double e = max(ulLon, llLon, urLon, lrLon);
    double s = min(ulLat, llLat, urLat, lrLat);
    double n = max(ulLat, llLat, urLat, lrLat);
    return new double[] {w, s, e, n};
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
