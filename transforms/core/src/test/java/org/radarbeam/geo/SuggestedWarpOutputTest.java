package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radarbeam.codec.srd.ArsoPlacement;
import org.radarbeam.source.SourceIdentity;

/**
 * Destination grids against rasterio 1.3.5 / GDAL 3.6.2 calculate_default_transform (the numbers in
 * each case were printed by it for the same source georeferencing; see resources/geo/README.md).
 */
class SuggestedWarpOutputTest {

  /**
   * The DWD HX grid: rasterio's numbers for it (see resources/geo/README.md); the bounds are also
   * the fixed DWD extent imeteo-radar states.
   */
  @Test
  void dwdMatchesUpstream() {
    WebMercatorGrid g = SuggestedWarpOutput.compute(NativeGrid.of(Grids.dwd(), 4400, 4800));
    assertEquals(5078, g.width(), "width");
    assertEquals(4946, g.height(), "height");
    double[] b = g.bounds();
    assertEquals(1.461077, b[0], 1e-5);
    assertEquals(45.683144, b[1], 1e-5);
    assertEquals(18.732899, b[2], 1e-5);
    assertEquals(56.220458, b[3], 1e-5);
    // rasterio: Affine(378.63143386247106, 0, 162646.34180875105, 0, -378.63143386247106, 7602428.451242918)
    assertEquals(378.63143386247106, g.resX(), 1e-9);
    assertEquals(g.resX(), g.resY(), 0);
    assertEquals(162646.34180875105, g.minX(), 1e-6);
    assertEquals(7602428.451242918, g.maxY(), 1e-6);
  }

  /** SHMU's own Mercator (sphere, lat_ts 48.43, lon_ts that proj4j rejects), trimmed 64 x 48 file. */
  @Test
  void shmuMercator() {
    check(NativeGrid.of(Grids.shmu(), 64, 48), 66, 45, 17531.781740590883, 1504929.5253547183, 6576701.3211222477,
        13.519011941, 46.046295063, 23.913396488, 50.747221330);
  }

  /** CHMI's Mercator with false origin; corners placed at its static extent (598 x 378, ~1556 m). */
  @Test
  void chmiMercator() {
    GridGeometry g = new GridGeometry("+proj=merc +lat_ts=0 +lon_0=0 +x_0=-1254222.15 +y_0=-6702777.85", 598, 378,
        1556, 1556, 11.266869, 51.458369, 19.623974, 51.458369, 11.266869, 48.047275, 19.623974, 48.047275);
    check(NativeGrid.of(g, 598, 378), 598, 378, 1558.7402477509531, 1253442.9669219682, 6703557.6916458542,
        11.259869750, 48.045056326, 19.633306077, 51.462733313);
  }

  /** SMHI's spherical Mercator (+R=...), 1022 x 1916. */
  @Test
  void smhiMercatorWithRadius() {
    GridGeometry g = new GridGeometry("+proj=merc +lat_ts=0 +lon_0=0 +k=1.0 +R=6378137.0 +no_defs", 1022, 1916,
        2000, 2000, 8.725675278292707, 69.88213444627353, 27.105205991405057, 69.88213444627353,
        8.725675278292707, 54.13866253393068, 27.105205991405057, 54.13866253393068);
    check(NativeGrid.of(g, 1022, 1916), 1023, 1916, 2002.4940272210447, 970335.7699431394, 11031462.223386418,
        8.716674529, 54.129307213, 27.119124767, 69.885227223);
  }

  /** OPERA's LAEA, 3800 x 4400: the top edge crosses Greenwich, which runs GDAL's bisection. */
  @Test
  void operaLambertAzimuthal() {
    check(NativeGrid.of(Grids.opera(), 3800, 4400), 6304, 5094, 1719.5443526129757, -4402957.7519391915,
        12487995.268692825, -39.552442439, 31.735466280, 57.825002621, 73.931641990);
  }

  /** ARSO's LCC grid in km on a sphere (401 x 301 cells of 1 km), warped as a projected grid. */
  @Test
  void arsoLambertConformalConic() {
    check(NativeGrid.of(arsoLcc(), 401, 301), 411, 304, 1442.6654840949341, 1346821.2175417696, 6010800.8201322565,
        12.098700847, 44.686045887, 17.425131194, 47.419395628);
  }

  /**
   * ARSO as imeteo-radar really draws it: the extent of the LCC cell centres taken as a regular
   * lon/lat grid, bbox = outer edges, instead of a warp from the LCC.
   */
  @Test
  void arsoAsUpstreamApproximatesIt() {
    GridGeometry g = new GridGeometry(null, 401, 301, Double.NaN, Double.NaN,
        12.105563, 47.414912, 17.418262, 47.414912, 12.105563, 44.687429, 17.418262, 44.687429);
    check(NativeGrid.of(g, 401, 301), 403, 298, 1467.3125571799667, 1347585.1089258932, 6010063.1993914638,
        12.105563, 44.689708861, 17.417543466, 47.414912);
  }

  /** --arsoGrid=lonlat places the cells as imeteo-radar does: the same image grid and bounds as above. */
  @Test
  void arsoLonLatPlacementIsUpstreams() throws Exception {
    GridGeometry g = ArsoPlacement.LONLAT.geometry(401, 301);
    assertEquals("longlat", SourceIdentity.projectionOf(g.projdef()));
    // the box here is proj4j's to the last digit, where the test above takes imeteo-radar's six decimals
    check(NativeGrid.of(g, 401, 301), 403, 298, 1467.3124641428606, 1347585.1422421355, 6010063.233112981,
        12.105563299, 44.689709253, 17.417543428, 47.414912205);
    // the composite takes the same box as cell centres, half a cell wider on every side
    double[] edges = NativeGrid.of(g, 401, 301, NativeGrid.LonLatCorners.CENTRES).nativeBounds();
    assertEquals(12.105563 - (17.418262 - 12.105563) / 800, edges[0], 1e-6);
    assertEquals(47.414912 + (47.414912 - 44.687429) / 600, edges[3], 1e-6);
  }

  /** The OMSZ lat/lon grid (bbox = outer edges) becomes 983 x 786 at 1358.33 m, as it does in imeteo-radar. */
  @Test
  void omszLatLon() {
    check(NativeGrid.of(omsz(null), 961, 813), 983, 786, 1358.3339746364425, 1502813.1257091931, 6533321.5678379303,
        13.5, 44.001478993, 25.494685635, 50.5);
    check(NativeGrid.of(omsz("+proj=longlat +ellps=WGS84 +no_defs"), 961, 813), 983, 786, 1358.3339746364425,
        1502813.1257091931, 6533321.5678379303, 13.5, 44.001478993, 25.494685635, 50.5);
  }

  @Test
  void latLonAcrossGreenwich() {
    GridGeometry g = new GridGeometry(null, 300, 200, Double.NaN, Double.NaN, -5, 50, 10, 50, -5, 40, 10, 40);
    check(NativeGrid.of(g, 300, 200), 262, 248, 6376.4354025065577, -556597.45396636787, 6446275.8410171606,
        -5.0, 39.992963872, 10.007489376, 50.0);
  }

  /**
   * A lon/lat grid touching the north pole: the top edge has no Web Mercator y, so GDAL's fallback
   * samples a full grid and the image stops short of the pole. (GDAL/PROJ instead map lat 90 to a
   * huge finite y, which gives a useless 0-pixel-wide grid; radarbeam keeps a usable one.)
   */
  @Test
  void gridTouchingThePoleFallsBackToGridSampling() {
    GridGeometry g = new GridGeometry(null, 100, 100, Double.NaN, Double.NaN, 0, 90, 10, 90, 0, 70, 10, 70);
    WebMercatorGrid m = SuggestedWarpOutput.compute(NativeGrid.of(g, 100, 100));
    double[] b = m.bounds();
    assertEquals(0, b[0], 1e-9);
    assertEquals(10, b[2], 0.5, m.toString()); // dims are rounded from the bbox-diagonal pixel size
    assertTrue(b[3] >= 88.9 && b[3] < 90, m.toString());
    assertTrue(b[1] < 70.5 && b[1] > 69.5, m.toString());
    WarpPlan plan = WarpPlan.build(NativeGrid.of(g, 100, 100));
    byte[] src = new byte[100 * 100];
    java.util.Arrays.fill(src, (byte) 7);
    byte[] dst = new byte[plan.width() * plan.height()];
    plan.warp(src, dst);
    assertEquals(7, dst[dst.length / 2]);
  }

  @Test
  void refusesAGridThatCannotReachWebMercator() {
    // Latitudes beyond the pole: no sample transforms.
    NativeGrid beyond = new NativeGrid(NativeCrs.lonLat(), 50, 50, 0, 100, 0.1, 0.1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SuggestedWarpOutput.compute(beyond));
    assertTrue(e.getMessage().contains("failed to transform"), e.getMessage());
  }

  static GridGeometry omsz(String projdef) {
    return new GridGeometry(projdef, 961, 813, Double.NaN, Double.NaN,
        13.5, 50.5, 25.5, 50.5, 13.5, 50.5 - 812 * 0.008, 25.5, 50.5 - 812 * 0.008);
  }

  /**
   * Corners = lon/lat of the centres of cells (1,1), (401,1), (1,301), (401,301), 1-based, cell
   * (205,145) being the projection origin.
   */
  static GridGeometry arsoLcc() {
    return new GridGeometry("+proj=lcc +lat_1=46.12 +lat_2=46.12 +lat_0=46.12 +lon_0=14.815 +x_0=0 +y_0=0"
        + " +R=6371000 +units=km", 401, 301, 1, 1,
        12.105563299284897, 47.383650322064604, 17.418261786069817, 47.386053526887679,
        12.234846888423801, 44.687429223136625, 17.294037568998810, 44.689717646903418);
  }

  private static void check(NativeGrid src, int w, int h, double res, double minX, double maxY,
      double west, double south, double east, double north) {
    WebMercatorGrid g = SuggestedWarpOutput.compute(src);
    String what = src + " -> " + g;
    assertEquals(w, g.width(), "width of " + what);
    assertEquals(h, g.height(), "height of " + what);
    assertEquals(res, g.resX(), res * 1e-9, what);
    assertEquals(res, g.resY(), res * 1e-9, what);
    // proj4j and PROJ agree to ~1e-10 relative; far from the projection centre (OPERA's corners
    // 4000 km away) that is millimetres.
    assertEquals(minX, g.minX(), 0.01, what);
    assertEquals(maxY, g.maxY(), 0.01, what);
    double[] b = g.bounds();
    assertEquals(west, b[0], 1e-7, what);
    assertEquals(south, b[1], 1e-7, what);
    assertEquals(east, b[2], 1e-7, what);
    assertEquals(north, b[3], 1e-7, what);
  }
}
