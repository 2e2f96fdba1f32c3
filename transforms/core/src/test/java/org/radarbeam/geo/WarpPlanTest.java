package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The warp on synthetic index buffers over the sources' real georeferencing (no real data needed). */
class WarpPlanTest {

  static Stream<Arguments> grids() {
    GridGeometry d = Grids.dwd();
    GridGeometry o = Grids.opera();
    GridGeometry chmi = new GridGeometry("+proj=merc +lat_ts=0 +lon_0=0 +x_0=-1254222.15 +y_0=-6702777.85", 598, 378,
        1556, 1556, 11.266869, 51.458369, 19.623974, 51.458369, 11.266869, 48.047275, 19.623974, 48.047275);
    return Stream.of(
        Arguments.of("polar stereographic (DWD corners, 1/10 resolution)", d, 440, 480),
        Arguments.of("Mercator on a sphere (SHMU)", Grids.shmu(), 64, 48),
        Arguments.of("Mercator with false origin (CHMI)", chmi, 598, 378),
        Arguments.of("Lambert conformal conic in km (ARSO)", SuggestedWarpOutputTest.arsoLcc(), 401, 301),
        Arguments.of("lon/lat (OMSZ)", SuggestedWarpOutputTest.omsz(null), 961, 813),
        Arguments.of("Lambert azimuthal equal area (OPERA corners, 1/10 resolution)", o, 380, 440));
  }

  /** A source with a different index in each quadrant: NW 2, NE 3, SW 4, SE 5. */
  static byte[] quadrants(int w, int h) {
    byte[] b = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        b[y * w + x] = (byte) (2 + (x >= w / 2 ? 1 : 0) + (y >= h / 2 ? 2 : 0));
      }
    }
    return b;
  }

  /** Distinct-ish indices 1..250 that change every pixel in both directions. */
  static byte[] pattern(int w, int h) {
    byte[] b = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        b[y * w + x] = (byte) (1 + (x * 7 + y * 13) % 250);
      }
    }
    return b;
  }

  /**
   * North up, and each of the file's corner coordinates falls in (or within one destination pixel
   * of) the destination pixels that show that corner's quadrant.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("grids")
  void northUpAndCornersLandOnTheirCoordinates(String family, GridGeometry geo, int w, int h) {
    WarpPlan plan = WarpPlan.build(NativeGrid.of(geo, w, h));
    byte[] dst = new byte[plan.width() * plan.height()];
    plan.warp(quadrants(w, h), dst);
    WebMercatorGrid g = plan.grid();
    double[][] corners = {{geo.ulLon(), geo.ulLat(), 2}, {geo.urLon(), geo.urLat(), 3}, {geo.llLon(), geo.llLat(), 4},
        {geo.lrLon(), geo.lrLat(), 5}};
    int[][] at = new int[4][];
    for (int i = 0; i < 4; i++) {
      int col = (int) Math.floor((WebMercator.x(corners[i][0]) - g.minX()) / g.resX());
      int row = (int) Math.floor((g.maxY() - WebMercator.y(corners[i][1])) / g.resY());
      at[i] = new int[] {col, row};
      int marker = (int) corners[i][2];
      int own = 0;
      for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++) {
          int r = row + dr;
          int c = col + dc;
          if (r < 0 || c < 0 || r >= plan.height() || c >= plan.width()) {
            continue;
          }
          int v = dst[r * plan.width() + c];
          assertTrue(v == 0 || v == marker, family + ": corner " + i + " neighbourhood shows quadrant " + v);
          if (v == marker) {
            own++;
          }
        }
      }
      assertTrue(own > 0, family + ": corner " + i + " not drawn near (" + col + ", " + row + ") of " + g);
    }
    // north up: UL above LL, UR above LR; west left: UL left of UR, LL left of LR
    assertTrue(at[0][1] < at[2][1] && at[1][1] < at[3][1], family);
    assertTrue(at[0][0] < at[1][0] && at[2][0] < at[3][0], family);
  }

  /**
   * Against an exact nearest-neighbour warp (every destination pixel centre inverse-projected):
   * a pixel may differ only where its exact source position is within the approximation error of
   * a source pixel edge; pixels outside the source are transparent.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("grids")
  void matchesExactNearestNeighbour(String family, GridGeometry geo, int w, int h) {
    WarpPlan plan = WarpPlan.build(NativeGrid.of(geo, w, h));
    byte[] src = pattern(w, h);
    byte[] dst = new byte[plan.width() * plan.height()];
    plan.warp(src, dst);
    double[] p = new double[2];
    int differ = 0;
    int inside = 0;
    for (int v = 0; v < plan.height(); v++) {
      for (int u = 0; u < plan.width(); u++) {
        byte got = dst[v * plan.width() + u];
        byte want = 0;
        boolean defined = plan.exactSource(u, v, p);
        if (defined && p[0] >= 0 && p[0] < w && p[1] >= 0 && p[1] < h) {
          want = src[(int) p[1] * w + (int) p[0]];
          inside++;
        }
        if (got != want) {
          differ++;
          double edge = Math.min(edgeDistance(p[0]), edgeDistance(p[1]));
          if (edge > plan.maxError() + 1e-9) {
            fail(family + ": pixel (" + u + ", " + v + ") is " + got + ", exact " + want
                + " at source (" + p[0] + ", " + p[1] + "), " + edge + " px from an edge; " + plan);
          }
        }
      }
    }
    assertTrue(inside > plan.width() * plan.height() / 3, family + " covers little: " + inside);
    // The pattern changes at every source pixel, so any straddled edge shows; a pixel straddles
    // with probability ~ the local error (|dx| + |dy|), which is far below the bound on average.
    System.out.printf("%s: %d of %d inside pixels differ from exact (%.3f%%), max error %.4f px%n",
        family, differ, inside, 100.0 * differ / inside, plan.maxError());
    assertTrue(differ <= inside * plan.maxError() + 10, family + ": " + differ + " of " + inside + " differ");
  }

  private static double edgeDistance(double c) {
    return Math.abs(c - Math.rint(c));
  }

  /** The interpolation error, measured against the exact transform on a dense sample of the full DWD grid. */
  @Test
  void approximationErrorIsBoundedOnTheFullDwdGrid() {
    WarpPlan plan = WarpPlan.build(NativeGrid.of(Grids.dwd(), 4400, 4800));
    double worst = worstError(plan, 4);
    System.out.printf("DWD plan: max interpolation error %.5f px over every 4th pixel in both directions (%.5f at check points); %s%n",
        worst, plan.maxError(), plan);
    assertTrue(worst <= WarpPlan.DEFAULT_TOLERANCE, "error " + worst);
    assertTrue(plan.memoryBytes() < 0.03 * plan.width() * plan.height(), "bytes " + plan.memoryBytes());
  }

  /** A lattice too coarse for the tolerance is refined where needed, and the bound still holds. */
  @Test
  void coarseLatticeIsRefinedToTheBound() {
    NativeGrid opera = NativeGrid.of(Grids.opera(), 380, 440);
    WebMercatorGrid g = SuggestedWarpOutput.compute(opera);
    WarpPlan coarse = WarpPlan.build(opera, g, 128, 0.05);
    assertTrue(coarse.refinedCells() > 0, coarse.toString());
    double worst = worstError(coarse, 1);
    System.out.printf("OPERA 1/10, step 128, tolerance 0.05: %d refined cells, max error %.5f px; %s%n",
        coarse.refinedCells(), worst, coarse);
    assertTrue(worst <= 0.05, "error " + worst);
    // the refined plan warps like the default one up to edge ties
    byte[] src = pattern(380, 440);
    byte[] a = new byte[g.width() * g.height()];
    byte[] b = new byte[a.length];
    coarse.warp(src, a);
    WarpPlan.build(opera, g, 16, 0.05).warp(src, b);
    int differ = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        differ++;
      }
    }
    assertTrue(differ < a.length / 500, differ + " differ");
  }

  private static double worstError(WarpPlan plan, int every) {
    double[] e = new double[2];
    double[] q = new double[2];
    double worst = 0;
    for (int v = 0; v < plan.height(); v += every) {
      for (int u = 0; u < plan.width(); u += every) {
        plan.exactSource(u, v, e);
        plan.approxSource(u, v, q);
        worst = Math.max(worst, Math.abs(e[0] - q[0]) + Math.abs(e[1] - q[1]));
      }
    }
    int lastU = plan.width() - 1;
    int lastV = plan.height() - 1;
    plan.exactSource(lastU, lastV, e);
    plan.approxSource(lastU, lastV, q);
    return Math.max(worst, Math.abs(e[0] - q[0]) + Math.abs(e[1] - q[1]));
  }

  /**
   * A destination reaching where the source projection is undefined (a gnomonic grid drawn on the
   * whole Mercator world): cells touching undefined points are refined down to exact pixels, and
   * undefined pixels stay transparent.
   */
  @Test
  void undefinedRegionsStayTransparent() {
    GridGeometry gnom = new GridGeometry("+proj=gnom +lat_0=45 +lon_0=10 +ellps=sphere", 100, 100, 10000, 10000,
        0, 50, 20, 50, 0, 40, 20, 40);
    NativeGrid src = NativeGrid.of(gnom, 100, 100);
    WebMercatorGrid world = new WebMercatorGrid(-WebMercator.HALF_WORLD, 15e6, 100e3, 100e3, 400, 300);
    WarpPlan plan = WarpPlan.build(src, world, 32, WarpPlan.DEFAULT_TOLERANCE);
    assertTrue(plan.refinedCells() > 0, plan.toString());
    byte[] pattern = pattern(100, 100);
    byte[] dst = new byte[400 * 300];
    plan.warp(pattern, dst);
    double[] p = new double[2];
    int undefined = 0;
    int drawn = 0;
    for (int v = 0; v < 300; v++) {
      for (int u = 0; u < 400; u++) {
        if (!plan.exactSource(u, v, p)) {
          undefined++;
          assertEquals(0, dst[v * 400 + u], () -> "undefined pixel drawn");
        } else if (p[0] >= 0 && p[0] < 100 && p[1] >= 0 && p[1] < 100) {
          drawn++;
          if (pattern[(int) p[1] * 100 + (int) p[0]] != dst[v * 400 + u]) {
            double edge = Math.min(edgeDistance(p[0]), edgeDistance(p[1]));
            if (edge > plan.maxError()) {
              fail("(" + u + ", " + v + ") at " + p[0] + ", " + p[1]);
            }
          }
        } else if (p[0] < -0.2 || p[0] > 100.2 || p[1] < -0.2 || p[1] > 100.2) {
          assertEquals(0, dst[v * 400 + u], () -> "outside pixel drawn");
        }
      }
    }
    assertTrue(undefined > 10000, "undefined " + undefined);
    assertTrue(drawn > 10, "drawn " + drawn);
  }

  @Test
  void tinyDestinationsAndBufferChecks() {
    NativeGrid shmu = NativeGrid.of(Grids.shmu(), 64, 48);
    for (int[] size : new int[][] {{1, 1}, {1, 7}, {7, 1}, {2, 2}, {33, 65}}) {
      WebMercatorGrid g = SuggestedWarpOutput.compute(shmu);
      WebMercatorGrid small = new WebMercatorGrid(g.minX(), g.maxY(), (g.maxX() - g.minX()) / size[0],
          (g.maxY() - g.minY()) / size[1], size[0], size[1]);
      WarpPlan plan = WarpPlan.build(shmu, small, 4, WarpPlan.DEFAULT_TOLERANCE);
      byte[] src = new byte[64 * 48];
      java.util.Arrays.fill(src, (byte) 9);
      byte[] dst = new byte[size[0] * size[1]];
      plan.warp(src, dst);
      double[] p = new double[2];
      for (int v = 0; v < size[1]; v++) {
        for (int u = 0; u < size[0]; u++) {
          plan.exactSource(u, v, p);
          boolean in = p[0] >= 0 && p[0] < 64 && p[1] >= 0 && p[1] < 48;
          int uu = u;
          int vv = v;
          assertEquals(in ? 9 : 0, dst[v * size[0] + u], () -> size[0] + "x" + size[1] + " at " + uu + "," + vv);
        }
      }
    }
    WarpPlan plan = WarpPlan.build(shmu);
    assertThrows(IllegalArgumentException.class, () -> plan.warp(new byte[10], new byte[plan.width() * plan.height()]));
    assertThrows(IllegalArgumentException.class, () -> plan.warp(new byte[64 * 48], new byte[10]));
    assertThrows(IllegalArgumentException.class, () -> WarpPlan.build(shmu, plan.grid(), 0, 0.1));
    assertThrows(IllegalArgumentException.class, () -> WarpPlan.build(shmu, plan.grid(), 8, 0));
  }

  @Test
  void boundsAreTheDestinationEdgesInWgs84() {
    WarpPlan plan = WarpPlan.build(NativeGrid.of(Grids.dwd(), 4400, 4800));
    double[] b = plan.bounds();
    assertEquals(1.461077, b[0], 1e-5);
    assertEquals(45.683144, b[1], 1e-5);
    assertEquals(18.732899, b[2], 1e-5);
    assertEquals(56.220458, b[3], 1e-5);
    assertEquals(5078, plan.width());
    assertEquals(4946, plan.height());
    double[] m = plan.grid().mercatorBounds();
    assertEquals(WebMercator.x(b[0]), m[0], 1e-6);
    assertEquals(WebMercator.y(b[3]), m[3], 1e-6);
    assertEquals(b[1], WebMercator.lat(m[1]), 1e-12);
  }
}
