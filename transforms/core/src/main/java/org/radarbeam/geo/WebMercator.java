package org.radarbeam.geo;

/**
 * EPSG:3857, spherical Web Mercator on R = 6378137 m, in closed form: it is the destination of
 * every warp, so it is evaluated millions of times while a plan is built and needs no proj4j.
 */
public final class WebMercator {
  public static final double RADIUS = 6378137.0;
  /** Half the world's width in metres (pi * R). */
  public static final double HALF_WORLD = Math.PI * RADIUS;

  private WebMercator() {}

  /** Longitude (degrees) to x (metres). */
  public static double x(double lonDeg) {
    return RADIUS * Math.toRadians(lonDeg);
  }

  /** Latitude (degrees, |lat| < 90) to y (metres); NaN at or beyond the poles. */
  public static double y(double latDeg) {
    if (!(Math.abs(latDeg) < 90)) {
      return Double.NaN;
    }
    return RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(latDeg) / 2));
  }

  /** x (metres) to longitude (degrees). */
  public static double lon(double x) {
    return Math.toDegrees(x / RADIUS);
  }

  /** y (metres) to latitude (degrees). */
  public static double lat(double y) {
    return Math.toDegrees(Math.PI / 2 - 2 * Math.atan(Math.exp(-y / RADIUS)));
  }
}
