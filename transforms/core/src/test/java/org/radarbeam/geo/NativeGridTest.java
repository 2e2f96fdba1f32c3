package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Georeferencing as imeteo-radar does it: corners are pixel centres of projected grids; a lon/lat
 * bbox is outer edges or pixel centres.
 */
class NativeGridTest {
  @Test
  void dwdAffineFromCornerCentres() {
    NativeGrid g = NativeGrid.of(Grids.dwd(), 4400, 4800);
    // pyproj: UL (-125.0, 124.99999999813735), UR x 1099875.0000001239, LL y -1199874.999999607
    assertEquals(250.05683109800498, g.pixelWidth(), 1e-9);
    assertEquals(250.05209418620652, g.pixelHeight(), 1e-9);
    assertEquals(-125.0 - 250.05683109800498 / 2, g.originX(), 1e-6);
    assertEquals(124.99999999813735 + 250.05209418620652 / 2, g.originY(), 1e-6);
    assertCornerCentres(Grids.dwd(), g);
  }

  @Test
  void everyFamilyPutsItsCornersOnPixelCentres() {
    assertCornerCentres(Grids.shmu(), NativeGrid.of(Grids.shmu(), 64, 48));
    assertCornerCentres(Grids.opera(), NativeGrid.of(Grids.opera(), 3800, 4400));
    assertCornerCentres(SuggestedWarpOutputTest.arsoLcc(), NativeGrid.of(SuggestedWarpOutputTest.arsoLcc(), 401, 301));
    // ARSO's LCC grid is 1 km in km units: the corners land on whole kilometres
    NativeGrid arso = NativeGrid.of(SuggestedWarpOutputTest.arsoLcc(), 401, 301);
    assertEquals(1.0, arso.pixelWidth(), 1e-9);
    assertEquals(1.0, arso.pixelHeight(), 1e-9);
    assertEquals(-204.5, arso.originX(), 1e-9);
    assertEquals(144.5, arso.originY(), 1e-9);
  }

  /** UL, UR and LL (which define the affine) map back to the centres of their pixels; LR to within 0.5 px. */
  static void assertCornerCentres(GridGeometry geo, NativeGrid g) {
    int w = g.width();
    int h = g.height();
    double[][] corners = {{geo.ulLon(), geo.ulLat(), 0.5, 0.5}, {geo.urLon(), geo.urLat(), w - 0.5, 0.5},
        {geo.llLon(), geo.llLat(), 0.5, h - 0.5}, {geo.lrLon(), geo.lrLat(), w - 0.5, h - 0.5}};
    double[] xy = new double[2];
    for (int i = 0; i < corners.length; i++) {
      double[] c = corners[i];
      assertTrue(g.crs().forward(c[0], c[1], xy));
      double tol = i < 3 ? 1e-6 : 0.5;
      assertEquals(c[2], g.col(xy[0]), tol, "col of corner " + i + " in " + g);
      assertEquals(c[3], g.row(xy[1]), tol, "row of corner " + i + " in " + g);
      assertEquals(xy[0], g.x(g.col(xy[0])), 1e-6);
      assertEquals(xy[1], g.y(g.row(xy[1])), 1e-6);
    }
  }

  @Test
  void lonLatBboxAsEdgesOrCentres() {
    GridGeometry omsz = SuggestedWarpOutputTest.omsz(null);
    NativeGrid edges = NativeGrid.of(omsz, 961, 813);
    assertEquals(13.5, edges.originX(), 0);
    assertEquals(50.5, edges.originY(), 0);
    assertEquals(12.0 / 961, edges.pixelWidth(), 1e-15);
    assertEquals(6.496 / 813, edges.pixelHeight(), 1e-12);
    assertEquals(25.5, edges.x(961), 1e-12);
    NativeGrid centres = NativeGrid.of(omsz, 961, 813, NativeGrid.LonLatCorners.CENTRES);
    assertEquals(0.0125, centres.pixelWidth(), 1e-12);
    assertEquals(0.008, centres.pixelHeight(), 1e-12);
    assertEquals(13.5 - 0.00625, centres.originX(), 1e-12);
    assertEquals(50.504, centres.originY(), 1e-12);
    double[] b = centres.nativeBounds();
    assertEquals(25.50625, b[2], 1e-9);
    assertEquals(44.0, b[1], 1e-9); // LL centre 44.004 minus half a 0.008 pixel
  }

  @Test
  void refusesWhatCannotBeGeoreferenced() {
    GridGeometry noCorners = new GridGeometry(Grids.DWD_PROJDEF, 10, 10, 1, 1, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NativeGrid.of(noCorners, 10, 10))
        .getMessage().contains("missing corner UL"));
    assertThrows(IllegalArgumentException.class, () -> NativeGrid.of(nullProjdef(), 10, 10), "lon/lat without corners");
    assertThrows(IllegalArgumentException.class, () -> NativeGrid.of(Grids.dwd(), 1, 4800), "1 pixel wide");
    assertThrows(IllegalArgumentException.class, () -> NativeGrid.of(Grids.dwd(), 0, 0));
    // corners swapped east/west: not a north-up grid
    GridGeometry d = Grids.dwd();
    GridGeometry mirrored = new GridGeometry(d.projdef(), 4400, 4800, 250, 250, d.urLon(), d.urLat(), d.ulLon(), d.ulLat(),
        d.lrLon(), d.lrLat(), d.llLon(), d.llLat());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NativeGrid.of(mirrored, 4400, 4800))
        .getMessage().contains("north-up"));
    GridGeometry badProj = new GridGeometry("+proj=nosuch", 10, 10, 1, 1, 1, 2, 3, 2, 1, 1, 3, 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NativeGrid.of(badProj, 10, 10))
        .getMessage().contains("projdef"));
  }

  private static GridGeometry nullProjdef() {
    return new GridGeometry(null, 10, 10, 1, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN);
  }
}
