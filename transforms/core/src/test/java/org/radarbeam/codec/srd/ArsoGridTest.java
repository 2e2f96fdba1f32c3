package org.radarbeam.codec.srd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.radarbeam.geo.GridGeometry;

/**
 * The ARSO Lambert conformal conic grid against the extent imeteo-radar derives for it and the
 * spherical LCC formulas.
 */
class ArsoGridTest {
  /** W, S, E, N of all cell centres of the 401 x 301 grid, as imeteo-radar computes them. */
  private static final double[] SPEC_BOUNDS = {12.105563, 44.687429, 17.418262, 47.414912};

  private static final double R = 6371000.0;
  private static final double PHI1 = Math.toRadians(46.12);
  private static final double LAMBDA0 = Math.toRadians(14.815);

  /**
   * Inverse Lambert conformal conic on a sphere, tangent cone (lat_1 = lat_2 = lat_0), after
   * Snyder, "Map Projections: A Working Manual" (USGS PP 1395), eqs. 15-1 to 15-5 and 14-10:
   * n = sin(phi1), F = cos(phi1) tan^n(pi/4 + phi1/2) / n, rho0 = R F / tan^n(pi/4 + phi0/2).
   * Independent of proj4j. Returns {lon, lat} in degrees of grid kilometres (x, y).
   */
  static double[] snyderInverse(double xKm, double yKm) {
    double x = xKm * 1000.0;
    double y = yKm * 1000.0;
    double n = Math.sin(PHI1);
    double f = Math.cos(PHI1) * Math.pow(Math.tan(Math.PI / 4 + PHI1 / 2), n) / n;
    double rho0 = R * f / Math.pow(Math.tan(Math.PI / 4 + PHI1 / 2), n);
    double rho = Math.signum(n) * Math.sqrt(x * x + (rho0 - y) * (rho0 - y));
    double theta = Math.atan2(x, rho0 - y);
    double phi = 2 * Math.atan(Math.pow(R * f / rho, 1 / n)) - Math.PI / 2;
    double lambda = LAMBDA0 + theta / n;
    return new double[] {Math.toDegrees(lambda), Math.toDegrees(phi)};
  }

  /** Transforms every one of the 120 701 cell centres, as upstream does, and takes min/max. */
  private static double[] allCellBounds(String projdef) {
    CRSFactory crs = new CRSFactory();
    CoordinateTransform t = new CoordinateTransformFactory().createTransform(
        crs.createFromParameters("lcc", projdef), crs.createFromParameters("wgs84", "+proj=longlat +datum=WGS84 +no_defs"));
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    ProjCoordinate in = new ProjCoordinate();
    ProjCoordinate out = new ProjCoordinate();
    for (int i = 1; i <= 401; i++) {
      for (int j = 1; j <= 301; j++) {
        in.x = i - 205;
        in.y = 145 - j;
        t.transform(in, out);
        b[0] = Math.min(b[0], out.x);
        b[1] = Math.min(b[1], out.y);
        b[2] = Math.max(b[2], out.x);
        b[3] = Math.max(b[3], out.y);
      }
    }
    return b;
  }

  @Test
  void allCellCentresGiveTheSpecExtent() {
    double[] b = allCellBounds(ArsoGrid.PROJDEF);
    assertArrayEquals(SPEC_BOUNDS, b, 1e-6, "W S E N of all cell centres");
    // the helper's edge-only walk finds the same extremes
    assertArrayEquals(b, ArsoGrid.cellCentreBounds(401, 301), 1e-12);
  }

  @Test
  void cellCentresMatchTheSphericalFormulas() {
    CoordinateTransform t = ArsoGrid.toLonLat();
    int[][] cells = {{1, 1}, {401, 1}, {1, 301}, {401, 301}, {205, 145}, {100, 200}, {333, 17}};
    for (int[] c : cells) {
      double[] want = snyderInverse(c[0] - 205, 145 - c[1]);
      double[] got = ArsoGrid.cellCentre(t, c[0], c[1]);
      assertArrayEquals(want, got, 1e-9, "cell " + c[0] + "," + c[1]);
    }
    assertArrayEquals(new double[] {14.815, 46.12}, ArsoGrid.cellCentre(t, 205, 145), 1e-12, "the origin cell");
  }

  @Test
  void geometryCornersAreTheCornerCellCentres() {
    GridGeometry g = ArsoGrid.geometry(401, 301);
    CoordinateTransform t = ArsoGrid.toLonLat();
    assertArrayEquals(ArsoGrid.cellCentre(t, 1, 1), new double[] {g.ulLon(), g.ulLat()});
    assertArrayEquals(ArsoGrid.cellCentre(t, 401, 1), new double[] {g.urLon(), g.urLat()});
    assertArrayEquals(ArsoGrid.cellCentre(t, 1, 301), new double[] {g.llLon(), g.llLat()});
    assertArrayEquals(ArsoGrid.cellCentre(t, 401, 301), new double[] {g.lrLon(), g.lrLat()});
    assertTrue(g.ulLat() > g.llLat() && g.urLat() > g.lrLat(), "first row north");
    assertTrue(g.ulLon() < g.urLon() && g.llLon() < g.lrLon(), "first column west");
  }

  /**
   * proj4j 1.4.1 ignores +R and uses the WGS84 ellipsoid: imeteo-radar's own projdef, read by
   * proj4j, misses imeteo-radar's extent by about 0.005 degrees. This is why {@link ArsoGrid#PROJDEF} says
   * +a=6371000 +b=6371000. If this test fails, proj4j has learnt +R and SPEC_PROJDEF may be used.
   */
  @Test
  void proj4jMisreadsPlusR() {
    double[] b = allCellBounds(ArsoGrid.SPEC_PROJDEF);
    double worst = 0;
    for (int k = 0; k < 4; k++) {
      worst = Math.max(worst, Math.abs(b[k] - SPEC_BOUNDS[k]));
    }
    assertTrue(worst > 1e-3, "proj4j now honours +R (worst difference " + worst + ")");
    assertEquals(6371000.0, new CRSFactory().createFromParameters("a", ArsoGrid.PROJDEF).getDatum().getEllipsoid().getA());
  }

  /**
   * --arsoGrid=lonlat transforms every border cell to find the box: a side of more than 10000 cells
   * (a quarter of the way round the Earth) is refused before any is transformed.
   */
  @Test
  void aLonLatBoxOfMoreThan10000CellsASideIsRefusedUntransformed() throws Exception {
    assertEquals(10_000, ArsoGrid.lonLatGeometry(10_000, 2).xsize());
    for (int[] wh : new int[][] {{10_001, 2}, {2, 10_001}, {8_000_000, 2}}) {
      org.radarbeam.codec.BadInputException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(1), () -> org.junit.jupiter.api.Assertions.assertThrows(
              org.radarbeam.codec.BadInputException.class, () -> ArsoGrid.lonLatGeometry(wh[0], wh[1])));
      assertEquals("cannot place the grid on a map: --arsoGrid=lonlat spans a lon/lat box over at most 10000 cells (km)"
          + " a side, got " + wh[0] + "x" + wh[1] + " (use --arsoGrid=lcc)", e.getMessage());
      assertEquals(org.radarbeam.codec.BadInputException.Kind.BAD_ATTRIBUTE, e.kind());
    }
  }
}
