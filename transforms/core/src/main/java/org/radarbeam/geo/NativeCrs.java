package org.radarbeam.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.parser.Proj4Keyword;
import org.locationtech.proj4j.proj.Projection;

/**
 * The coordinate system of a source grid, from its ODIM {@code projdef}: either a proj4j
 * projection (coordinates in the projdef's units) or plain WGS84 lon/lat in degrees.
 *
 * <p>Geodetic lon/lat pass between WGS84 and the projection's own ellipsoid or sphere unchanged,
 * as PROJ does for definitions without a datum shift ("ballpark" transformation), so the
 * projection is applied directly and no datum machinery is involved.
 *
 * <p>proj4j 1.4.1 differs from PROJ on some parameters the sources use; {@link #normalise} rewrites
 * those (each checked against pyproj/PROJ 9 in NativeCrsTest):
 * <ul>
 *   <li>{@code +R=r}: proj4j keeps the default ellipsoid's eccentricity, so it becomes {@code +a=r +b=r};
 *   <li>{@code +ellps=sphere}: proj4j's "sphere" has r = 6371008.7714, PROJ's 6370997;
 *   <li>{@code +proj=merc +lat_ts}: proj4j ignores lat_ts for Mercator, so it becomes the equivalent {@code +k_0};
 *   <li>parameters proj4j rejects but PROJ ignores for these projections (e.g. SHMU's {@code +lon_ts}) are dropped.
 * </ul>
 * Not thread-safe (proj4j projections are not documented as such): use from one thread, e.g. while
 * building a {@link WarpPlan}.
 */
public final class NativeCrs {
  /** The largest longitude (degrees, either sign) projected: twice around; no grid's corner lies further. */
  private static final double MAX_LONGITUDE = 720;
  /** PROJ's "sphere" ellipsoid (Normal Sphere, r = 6370997). */
  static final double PROJ_SPHERE_RADIUS = 6370997.0;

  private final String projdef;
  private final String normalised;
  private final Projection projection;
  /** cos of the angular radius around (lat_0, lon_0) outside which the projection is undefined; -2 = none. */
  private final double minCosFromCentre;
  private final double sinLat0;
  private final double cosLat0;
  private final double lon0;
  private final ProjCoordinate in = new ProjCoordinate();
  private final ProjCoordinate out = new ProjCoordinate();

  private NativeCrs(String projdef, String normalised, Projection projection) {
    this.projdef = projdef;
    this.normalised = normalised;
    this.projection = projection;
    // proj4j's gnomonic and orthographic projections return plausible coordinates for the far
    // hemisphere, where PROJ reports an error; without this check a warp would draw the source a
    // second time around the antipode.
    String name = projection == null ? "" : projection.getClass().getSimpleName();
    if (name.startsWith("Gnomonic")) {
      minCosFromCentre = 1e-10;
    } else if (name.startsWith("Orthographic")) {
      minCosFromCentre = 0;
    } else {
      minCosFromCentre = -2;
    }
    double lat0 = projection == null ? 0 : projection.getProjectionLatitude();
    this.sinLat0 = Math.sin(lat0);
    this.cosLat0 = Math.cos(lat0);
    this.lon0 = projection == null ? 0 : projection.getProjectionLongitude();
  }

  /**
   * The system of {@code projdef}; null, blank or {@code +proj=longlat}/{@code latlong} means WGS84
   * lon/lat, as in imeteo-radar (a file without a projdef is a lon/lat grid).
   *
   * @throws IllegalArgumentException if proj4j cannot build the projection
   */
  public static NativeCrs parse(String projdef) {
    if (isLonLat(projdef)) {
      return new NativeCrs(projdef, null, null);
    }
    try {
      String norm = normalise(projdef);
      Projection p = new CRSFactory().createFromParameters("native", norm).getProjection();
      return new NativeCrs(projdef, norm, p);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unusable projdef '" + projdef + "': "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  /** The projdef parameters that are latitudes, and those that are longitudes or azimuths, in degrees. */
  private static final List<String> LATITUDES = List.of("lat_0", "lat_1", "lat_2", "lat_ts");
  private static final List<String> LONGITUDES = List.of("lon_0", "lon_1", "lon_2", "lonc", "alpha", "gamma");

  /**
   * Refuses angles no grid has: proj4j brings a longitude into range by subtracting 360 degrees at a
   * time, so a {@code lon_0} of 1e300 (a file's attribute) would keep a worker busy for good.
   */
  private static void requireUsableAngles(List<String[]> params) {
    for (String[] p : params) {
      boolean lat = LATITUDES.contains(p[0]);
      if (!lat && !LONGITUDES.contains(p[0])) {
        continue;
      }
      double limit = lat ? 90 : 360;
      double v;
      try {
        v = p[1] == null || p[1].isBlank() ? Double.NaN : parseAngle(p[1]);
      } catch (NumberFormatException e) {
        v = Double.NaN; // proj's degree-minute-second form is not taken either
      }
      if (!(Math.abs(v) <= limit)) {
        throw new IllegalArgumentException("+" + p[0] + "=" + p[1] + " is not an angle within +-" + (int) limit
            + " degrees");
      }
    }
  }

  /** WGS84 lon/lat in degrees. */
  public static NativeCrs lonLat() {
    return new NativeCrs(null, null, null);
  }

  /** True when {@code projdef} describes a WGS84 lon/lat grid (or is absent). */
  public static boolean isLonLat(String projdef) {
    if (projdef == null || projdef.isBlank()) {
      return true;
    }
    String p = projdef.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return p.contains("+proj=longlat") || p.contains("+proj=latlong") || p.contains("+proj=lonlat")
        || p.contains("+proj=latlon");
  }

  /** Rewrites {@code projdef} so proj4j computes what PROJ computes (see the class comment). */
  static String normalise(String projdef) {
    List<String[]> params = new ArrayList<>();
    for (String tok : projdef.trim().split("\\s+")) {
      if (tok.isEmpty()) {
        continue;
      }
      String t = tok.startsWith("+") ? tok.substring(1) : tok;
      int eq = t.indexOf('=');
      String key = eq < 0 ? t : t.substring(0, eq);
      String val = eq < 0 ? null : t.substring(eq + 1);
      params.add(new String[] {key, val});
    }
    requireUsableAngles(params);
    String proj = value(params, "proj");
    String radius = value(params, "R");
    if (radius == null && "sphere".equalsIgnoreCase(value(params, "ellps"))) {
      radius = Double.toString(PROJ_SPHERE_RADIUS);
    }
    if (radius != null) {
      params.removeIf(p -> p[0].equals("R") || p[0].equals("ellps") || p[0].equals("a") || p[0].equals("b")
          || p[0].equals("rf") || p[0].equals("f") || p[0].equals("es"));
      params.add(new String[] {"a", radius});
      params.add(new String[] {"b", radius});
    }
    String latTs = value(params, "lat_ts");
    if ("merc".equals(proj) && latTs != null && value(params, "k") == null && value(params, "k_0") == null) {
      // PROJ: k0 = cos(lat_ts) / sqrt(1 - e^2 sin^2(lat_ts)); proj4j would silently use k0 = 1.
      double phi = Math.toRadians(parseAngle(latTs));
      double es = eccentricitySquared(params);
      double k0 = Math.cos(phi) / Math.sqrt(1 - es * Math.sin(phi) * Math.sin(phi));
      params.removeIf(p -> p[0].equals("lat_ts"));
      params.add(new String[] {"k_0", Double.toString(k0)});
    }
    // a grid-shift file, which proj4j opens and reads as named (any path: a FIFO, a device, another's
    // file): only the projection is used here, without datum shifts, so the file changes nothing
    params.removeIf(p -> !Proj4Keyword.isSupported(p[0]) || p[0].equals(Proj4Keyword.nadgrids));
    StringBuilder sb = new StringBuilder();
    for (String[] p : params) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append('+').append(p[0]);
      if (p[1] != null) {
        sb.append('=').append(p[1]);
      }
    }
    return sb.toString();
  }

  /** e^2 of the ellipsoid the (already rewritten) parameters name; WGS84 when none. */
  private static double eccentricitySquared(List<String[]> params) {
    String a = value(params, "a");
    String b = value(params, "b");
    if (a != null && b != null) {
      double aa = Double.parseDouble(a);
      double bb = Double.parseDouble(b);
      return 1 - (bb * bb) / (aa * aa);
    }
    String rf = value(params, "rf");
    if (rf != null) {
      double f = 1 / Double.parseDouble(rf);
      return f * (2 - f);
    }
    String ellps = value(params, "ellps");
    if (ellps != null) {
      org.locationtech.proj4j.datum.Ellipsoid e = lookupEllipsoid(ellps);
      if (e != null) {
        return e.getEccentricitySquared();
      }
    }
    return 0.0066943799901413165; // WGS84/GRS80 (their difference is far below a millimetre here)
  }

  private static org.locationtech.proj4j.datum.Ellipsoid lookupEllipsoid(String name) {
    for (org.locationtech.proj4j.datum.Ellipsoid e : org.locationtech.proj4j.datum.Ellipsoid.ellipsoids) {
      if (e.getShortName().equalsIgnoreCase(name)) {
        return e;
      }
    }
    return null;
  }

  /** Parses "48.43", "44.6547N", "11.6E", "10W" (proj's hemisphere suffixes). */
  private static double parseAngle(String s) {
    String t = s.trim();
    char last = Character.toUpperCase(t.charAt(t.length() - 1));
    if (last == 'N' || last == 'E') {
      return Double.parseDouble(t.substring(0, t.length() - 1));
    }
    if (last == 'S' || last == 'W') {
      return -Double.parseDouble(t.substring(0, t.length() - 1));
    }
    return Double.parseDouble(t);
  }

  private static String value(List<String[]> params, String key) {
    for (String[] p : params) {
      if (p[0].equals(key)) {
        return p[1];
      }
    }
    return null;
  }

  public boolean isLonLat() {
    return projection == null;
  }

  /** The projdef as given (null for a grid without one). */
  public String projdef() {
    return projdef;
  }

  /**
   * WGS84 lon/lat (degrees) to native coordinates, into {@code xy}. Returns false (xy = NaN) where
   * the projection is undefined.
   */
  public boolean forward(double lonDeg, double latDeg, double[] xy) {
    if (projection == null) {
      xy[0] = lonDeg;
      xy[1] = latDeg;
      return !Double.isNaN(lonDeg) && !Double.isNaN(latDeg);
    }
    if (!(Math.abs(lonDeg) <= MAX_LONGITUDE && Math.abs(latDeg) <= 90)) {
      return fail(xy); // no place on Earth; proj4j would wrap a huge longitude 360 degrees at a time
    }
    if (minCosFromCentre > -2) {
      double phi = Math.toRadians(latDeg);
      double cosC = sinLat0 * Math.sin(phi) + cosLat0 * Math.cos(phi) * Math.cos(Math.toRadians(lonDeg) - lon0);
      if (!(cosC > minCosFromCentre)) {
        return fail(xy);
      }
    }
    try {
      in.x = lonDeg;
      in.y = latDeg;
      projection.project(in, out);
      return finite(out.x, out.y, xy);
    } catch (RuntimeException e) { // proj4j's ProjectionException outside the domain
      return fail(xy);
    }
  }

  /** Native coordinates to WGS84 lon/lat (degrees), into {@code lonLat}; false where undefined. */
  public boolean inverse(double x, double y, double[] lonLat) {
    if (projection == null) {
      lonLat[0] = x;
      lonLat[1] = y;
      return !Double.isNaN(x) && !Double.isNaN(y);
    }
    try {
      in.x = x;
      in.y = y;
      projection.inverseProject(in, out);
      return finite(out.x, out.y, lonLat);
    } catch (RuntimeException e) {
      return fail(lonLat);
    }
  }

  private static boolean finite(double a, double b, double[] dst) {
    if (Double.isFinite(a) && Double.isFinite(b)) {
      dst[0] = a;
      dst[1] = b;
      return true;
    }
    return fail(dst);
  }

  private static boolean fail(double[] dst) {
    dst[0] = Double.NaN;
    dst[1] = Double.NaN;
    return false;
  }

  @Override
  public String toString() {
    return projection == null ? "WGS84 lon/lat" : normalised;
  }
}
