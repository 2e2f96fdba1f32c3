package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * proj4j (after {@link NativeCrs#normalise}) against PROJ 9.1 (pyproj 3.4, EPSG:4326 -> projdef,
 * always_xy): every projection family the sources use, at points across central Europe.
 */
class NativeCrsTest {
  static final double[][] POINTS = {{1.4633, 55.8621}, {18.7316, 55.8454}, {3.567, 45.6964}, {14.815, 46.12},
      {12.1, 44.7}, {20, 48}};

  /** Family name, projdef, then x,y per point from pyproj, in the projdef's units. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "polar stereographic (DWD)|+proj=stere +lat_ts=60 +lat_0=90 +lon_0=10 +x_0=543571.83521776402 +y_0=3622213.8619310022"
          + " +units=m +a=6378137 +b=6356752.3142451802 +no_defs|-124.877945,126.463504 1099874.625277,120.507172"
          + " -124.892123,-1199878.098752 946605.614810,-1162365.083328 725819.021851,-1347937.760755 1338253.572516,-884650.227189",
      "Mercator sphere lat_ts (SHMU)|+proj=merc +lon_0=18.7 +lat_0=0 +lon_ts=0 +lat_ts=48.43 +ellps=sphere|"
          + "-1271752.058064,4991493.198298 2331.499941,4989298.048480 -1116537.614200,3799009.738116"
          + " -286641.685797,3843927.354328 -486958.848458,3694676.868382 95916.136818,4047573.200163",
      "Mercator false origin (CHMI)|+proj=merc +lat_ts=0 +lon_0=0 +x_0=-1254222.15 +y_0=-6702777.85|"
          + "-1091328.339122,792840.070396 830970.023743,789535.113086 -857145.526340,-1001539.509625"
          + " 394976.106102,-933989.591136 92743.688599,-1158428.764373 972167.665865,-627692.759942",
      "Mercator +R (SMHI)|+proj=merc +lat_ts=0 +lon_0=0 +k=1.0 +R=6378137.0 +no_defs|"
          + "162893.810878,7531012.501539 2085192.173743,7527700.526532 397076.623660,5731829.874270"
          + " 1649198.256102,5799600.201864 1346965.838599,5574415.626655 2226389.815865,6106854.834885",
      "Lambert conformal conic km sphere (ARSO)|+proj=lcc +lat_1=46.12 +lat_2=46.12 +lat_0=46.12 +lon_0=14.815 +x_0=0"
          + " +y_0=0 +R=6371000 +units=km|-842.224451,1159.693811 248.216908,1093.024294 -870.689972,14.602684"
          + " 0.000000,0.000000 -214.609888,-154.247473 385.720906,221.668752",
      "Lambert conformal conic (RMI)|+proj=lcc +lat_1=49.83333333333334 +lat_2=51.16666666666666 +lat_0=50.797815"
          + " +lon_0=4.359215833333333 +x_0=649328 +y_0=665262 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs|"
          + "467231.685795,1233287.899532 1548023.309096,1315118.375790 587420.843008,97767.967563"
          + " 1457077.629209,201630.143551 1264712.937748,18356.459473 1808919.383211,476614.909639",
      "Lambert azimuthal equal area (OPERA)|+proj=laea +lat_0=55.0 +lon_0=10.0 +x_0=1950000.0 +y_0=-2100000.0 +units=m"
          + " +ellps=WGS84|1416950.224634,-1971419.531897 2495382.325073,-1971761.752029 1448125.902777,-3111449.674532"
          + " 2322930.718127,-3074433.862075 2117056.964122,-3241768.842969 2694858.544847,-2826253.142426",
      "gnomonic sphere, N/E suffixes (ARPAE)|+proj=gnom +lat_0=44.6547N +lon_0=11.6236E +units=m +ellps=sphere|"
          + "-647086.829982,1310884.953472 452594.651935,1284129.404791 -626835.032918,147441.083518"
          + " 246117.893603,167912.906068 37653.585808,5147.238965 625259.351594,406487.719956"})
  void matchesProjAndRoundTrips(String family, String projdef, String expected) {
    NativeCrs crs = NativeCrs.parse(projdef);
    assertFalse(crs.isLonLat());
    String[] xy = expected.split(" ");
    double[] p = new double[2];
    double[] back = new double[2];
    boolean km = projdef.contains("+units=km");
    for (int i = 0; i < POINTS.length; i++) {
      assertTrue(crs.forward(POINTS[i][0], POINTS[i][1], p), family);
      String[] e = xy[i].split(",");
      double tol = km ? 2e-6 : 2e-6; // pyproj printed 6 decimals in the projdef's own unit
      assertEquals(Double.parseDouble(e[0]), p[0], tol, family + " x of point " + i);
      assertEquals(Double.parseDouble(e[1]), p[1], tol, family + " y of point " + i);
      assertTrue(crs.inverse(p[0], p[1], back), family);
      // 1e-8 degrees ~ 1 mm (proj4j's ellipsoidal LAEA inverse is a series good to ~2e-9 degrees)
      assertEquals(POINTS[i][0], back[0], 1e-8, family + " lon round trip " + i);
      assertEquals(POINTS[i][1], back[1], 1e-8, family + " lat round trip " + i);
    }
  }

  @Test
  void normalisesWhatProj4jReadsDifferently() {
    assertEquals("+proj=lcc +lat_0=46 +a=6371000 +b=6371000",
        NativeCrs.normalise("+proj=lcc +lat_0=46 +R=6371000"));
    assertEquals("+proj=gnom +units=m +a=6370997.0 +b=6370997.0",
        NativeCrs.normalise("+proj=gnom +units=m +ellps=sphere"));
    // SHMU: lon_ts dropped (PROJ ignores it), lat_ts folded into k_0 = cos(48.43 deg) on the sphere
    String shmu = NativeCrs.normalise("+proj=merc +lon_0=18.7 +lat_0=0 +lon_ts=0 +lat_ts=48.43 +ellps=sphere");
    assertEquals("+proj=merc +lon_0=18.7 +lat_0=0 +a=6370997.0 +b=6370997.0 +k_0=" + Math.cos(Math.toRadians(48.43)), shmu);
    // ellipsoidal Mercator: k0 = cos(phi) / sqrt(1 - e^2 sin^2 phi)
    String ell = NativeCrs.normalise("+proj=merc +lat_ts=45 +ellps=WGS84");
    double es = 0.0066943799901413165;
    double k0 = Math.cos(Math.PI / 4) / Math.sqrt(1 - es * 0.5);
    assertEquals(k0, Double.parseDouble(ell.substring(ell.indexOf("+k_0=") + 5)), 1e-15);
    // an explicit k wins over lat_ts (PROJ's rule)
    assertEquals("+proj=merc +lat_ts=45 +k=1", NativeCrs.normalise("+proj=merc +lat_ts=45 +k=1"));
    // the ellipsoid by its inverse flattening, or by a name proj4j does not know (WGS84 then)
    String rf = NativeCrs.normalise("+proj=merc +lat_ts=45 +a=6378137 +rf=298.257223563");
    assertEquals(k0, Double.parseDouble(rf.substring(rf.indexOf("+k_0=") + 5)), 1e-12);
    String unknown = NativeCrs.normalise("+proj=merc +lat_ts=45 +ellps=nosuch");
    assertEquals(k0, Double.parseDouble(unknown.substring(unknown.indexOf("+k_0=") + 5)), 1e-15);
    // untouched otherwise
    assertEquals(Grids.DWD_PROJDEF, NativeCrs.normalise(Grids.DWD_PROJDEF));
  }

  /** proj's hemisphere suffixes: 10W is -10, 45S is -45, in the projection as in the checks. */
  @Test
  void westAndSouthSuffixesAreNegativeAngles() {
    NativeCrs suffixed = NativeCrs.parse("+proj=stere +lat_0=90 +lon_0=10W +lat_ts=60 +ellps=WGS84");
    NativeCrs signed = NativeCrs.parse("+proj=stere +lat_0=90 +lon_0=-10 +lat_ts=60 +ellps=WGS84");
    double[] a = new double[2];
    double[] b = new double[2];
    assertTrue(suffixed.forward(5, 52, a));
    assertTrue(signed.forward(5, 52, b));
    assertEquals(b[0], a[0], 1e-9);
    assertEquals(b[1], a[1], 1e-9);
    NativeCrs south = NativeCrs.parse("+proj=laea +lat_0=45S +lon_0=20 +ellps=WGS84");
    assertTrue(south.inverse(0, 0, a));
    assertEquals(-45, a[1], 1e-9);
    assertThrows(IllegalArgumentException.class, () -> NativeCrs.parse("+proj=stere +lat_0=91S"));
  }

  /** A point proj4j throws on (Mercator at a pole) is not projected, in either direction. */
  @Test
  void pointsTheProjectionThrowsOnAreUndefined() {
    NativeCrs merc = NativeCrs.parse("+proj=merc +lon_0=0 +ellps=WGS84");
    double[] xy = new double[2];
    assertFalse(merc.forward(10, 90, xy));
    assertTrue(Double.isNaN(xy[0]) && Double.isNaN(xy[1]));
    assertTrue(merc.forward(10, 50, xy));
  }

  @Test
  void lonLatGrids() {
    for (String p : new String[] {null, "", "  ", "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs", "+proj=latlong"}) {
      NativeCrs crs = NativeCrs.parse(p);
      assertTrue(crs.isLonLat(), String.valueOf(p));
      double[] xy = new double[2];
      assertTrue(crs.forward(17.1, 48.2, xy));
      assertEquals(17.1, xy[0], 0);
      assertEquals(48.2, xy[1], 0);
      assertTrue(crs.inverse(17.1, 48.2, xy));
      assertEquals(48.2, xy[1], 0);
    }
    assertTrue(NativeCrs.lonLat().isLonLat());
  }

  /** Every ARSO cell centre through the LCC in km gives W 12.105563 E 17.418262 S 44.687429 N 47.414912, imeteo-radar's ARSO extent. */
  @Test
  void arsoExtentFromLccCellCentres() {
    NativeCrs crs = NativeCrs.parse("+proj=lcc +lat_1=46.12 +lat_2=46.12 +lat_0=46.12 +lon_0=14.815 +x_0=0 +y_0=0"
        + " +R=6371000 +units=km");
    double w = 180;
    double e = -180;
    double s = 90;
    double n = -90;
    double[] ll = new double[2];
    for (int j = 1; j <= 301; j++) {
      for (int i = 1; i <= 401; i++) {
        assertTrue(crs.inverse(i - 205, 145 - j, ll));
        w = Math.min(w, ll[0]);
        e = Math.max(e, ll[0]);
        s = Math.min(s, ll[1]);
        n = Math.max(n, ll[1]);
      }
    }
    assertEquals(12.105563, w, 5e-7);
    assertEquals(17.418262, e, 5e-7);
    assertEquals(44.687429, s, 5e-7);
    assertEquals(47.414912, n, 5e-7);
  }

  @Test
  void undefinedPointsAndBadDefinitions() {
    NativeCrs gnom = NativeCrs.parse("+proj=gnom +lat_0=45 +lon_0=10 +ellps=sphere");
    double[] xy = new double[2];
    assertFalse(gnom.forward(-170, -45, xy), "antipode of a gnomonic centre");
    assertTrue(Double.isNaN(xy[0]) && Double.isNaN(xy[1]));
    assertFalse(gnom.forward(10, -45.01, xy), "90.01 degrees from the centre");
    assertTrue(gnom.forward(60, 45, xy));
    NativeCrs ortho = NativeCrs.parse("+proj=ortho +lat_0=45 +lon_0=10 +ellps=sphere");
    assertFalse(ortho.forward(-170, 0, xy), "far side of an orthographic view");
    assertTrue(ortho.forward(20, 50, xy));
    NativeCrs stere = NativeCrs.parse(Grids.DWD_PROJDEF);
    // the opposite pole: proj4j answers ~1e23 m rather than an error, which lands outside any grid
    assertTrue(!stere.forward(10, -90, xy) || Math.abs(xy[1]) > 1e15, "opposite pole at " + xy[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeCrs.parse("+proj=nosuch +x_0=1"));
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NativeCrs.parse("+proj=stere +lat_0=abc"));
  }

  /**
   * proj4j brings longitudes into range 360 degrees at a time: a file's {@code lon_0} or corner of 1e300
   * would keep a worker busy for good. Such angles are refused, and such points are not projected.
   */
  @Test
  void anglesNoGridHasAreRefusedAtOnce() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (String bad : new String[] {"+lon_0=1e300", "+lon_0=1e12", "+lon_0=Infinity", "+lat_ts=NaN", "+lat_0=91",
          "+lat_ts="}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> NativeCrs.parse("+proj=stere +lat_0=90 " + bad + " +a=6378137 +b=6356752.3"), bad);
        assertTrue(e.getMessage().startsWith("unusable projdef"), e.getMessage());
      }
      NativeCrs stere = NativeCrs.parse(Grids.DWD_PROJDEF);
      double[] xy = new double[2];
      assertFalse(stere.forward(1e300, 50, xy));
      assertFalse(stere.forward(Double.POSITIVE_INFINITY, 50, xy));
      assertFalse(stere.forward(10, 90.5, xy));
      assertTrue(stere.forward(370, 50, xy), "a longitude a lap around is still a place");
    });
  }

  /**
   * A file's projdef can name a grid-shift file ({@code +nadgrids}), which proj4j would open and read: a FIFO
   * no one writes would hold the worker for good, and any other path would be read. It is left out (only the
   * projection is used, without datum shifts); the projection is the same as without it.
   */
  @Test
  void gridShiftFilesAreNeverOpened(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path fifo = tmp.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (String grids : new String[] {fifo.toString(), "/dev/zero", "@null", "@conus," + fifo}) {
        NativeCrs withGrids = NativeCrs.parse(Grids.DWD_PROJDEF + " +nadgrids=" + grids);
        double[] a = new double[2];
        double[] b = new double[2];
        assertTrue(withGrids.forward(10, 50, a));
        assertTrue(NativeCrs.parse(Grids.DWD_PROJDEF).forward(10, 50, b));
        assertEquals(b[0], a[0], 0.0, grids);
        assertEquals(b[1], a[1], 0.0, grids);
      }
    });
  }
}
