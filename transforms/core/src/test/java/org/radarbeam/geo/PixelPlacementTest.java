package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The two rules for which source cell a Web Mercator pixel takes, each against its statement
 * evaluated exactly at every pixel centre: EXACT truncates the cell coordinate of the centre (0 = a
 * cell's west or north edge), IMETEO rounds it half to even and keeps centres within half a cell of
 * the grid, as imeteo-radar's cached grids do (numpy's round, -1 outside [-0.5, n - 0.5)). A pixel
 * may differ from its rule only where its centre lies within the warp's interpolation tolerance of
 * where the rule changes cell.
 */
class PixelPlacementTest {
  /** DWD's corners on a grid of 10 x 10 times fewer cells. */
  private static final GridGeometry STEREO = Grids.dwd();
  private static final int STEREO_W = 440;
  private static final int STEREO_H = 480;
  /** A lon/lat grid of OMSZ's kind (bbox as outer edges in a source's own image). */
  private static final GridGeometry LONLAT = new GridGeometry("+proj=longlat +datum=WGS84 +no_defs", 96, 81, 0, 0,
      13.5, 50.5, 25.5, 50.5, 13.5, 44.0, 25.5, 44.0);

  @Test
  void eachRuleIsWhatItSaysOnAProjectedGrid() {
    check(STEREO, STEREO_W, STEREO_H);
  }

  @Test
  void eachRuleIsWhatItSaysOnALonLatGrid() {
    check(LONLAT, 96, 81);
  }

  @Test
  void theRulesShareTheirWebMercatorGridAndAreCachedApart() {
    WarpPlan exact = WarpPlans.forGrid(STEREO, STEREO_W, STEREO_H, Long.MAX_VALUE);
    WarpPlan imeteo = WarpPlans.forGrid(STEREO, STEREO_W, STEREO_H, Long.MAX_VALUE, PixelPlacement.IMETEO);
    assertNotSame(exact, imeteo);
    assertEquals(exact.width(), imeteo.width());
    assertEquals(exact.height(), imeteo.height());
    assertEquals(exact.grid().minX(), imeteo.grid().minX(), 0);
    assertEquals(exact.grid().maxY(), imeteo.grid().maxY(), 0);
  }

  @Test
  void aShiftedGridKeepsItsCellsAndMovesItsOrigin() {
    NativeGrid g = NativeGrid.of(STEREO, STEREO_W, STEREO_H);
    NativeGrid s = g.shifted(-0.5, -0.5);
    assertEquals(g.x(-0.5), s.originX(), 1e-9);
    assertEquals(g.y(-0.5), s.originY(), 1e-9);
    assertEquals(g.pixelWidth(), s.pixelWidth(), 0);
    assertEquals(g.pixelHeight(), s.pixelHeight(), 0);
    assertEquals(g.col(1234.5) + 0.5, s.col(1234.5), 1e-9);
    assertEquals(g.row(-987.25) + 0.5, s.row(-987.25), 1e-9);
    assertEquals(g.width(), s.width());
  }

  private static void check(GridGeometry geometry, int w, int h) {
    byte[] src = new byte[w * h];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        src[r * w + c] = (byte) (1 + (c * 7 + r * 13) % 120); // neighbours differ
      }
    }
    WarpPlan exactPlan = WarpPlans.forGrid(geometry, w, h, Long.MAX_VALUE, PixelPlacement.EXACT);
    WarpPlan imeteoPlan = WarpPlans.forGrid(geometry, w, h, Long.MAX_VALUE, PixelPlacement.IMETEO);
    byte[] exact = new byte[exactPlan.width() * exactPlan.height()];
    byte[] imeteo = new byte[exact.length];
    exactPlan.warp(src, exact);
    imeteoPlan.warp(src, imeteo);

    GridTransform t = new GridTransform(NativeGrid.of(geometry, w, h));
    WebMercatorGrid grid = exactPlan.grid();
    double[] cell = new double[2];
    long rulesDiffer = 0;
    for (int v = 0; v < grid.height(); v++) {
      for (int u = 0; u < grid.width(); u++) {
        int i = v * grid.width() + u;
        rulesDiffer += exact[i] != imeteo[i] ? 1 : 0;
        byte truncated = 0;
        byte rounded = 0;
        double col = Double.NaN;
        double row = Double.NaN;
        if (t.toSource(grid.x(u + 0.5), grid.y(v + 0.5), cell)) {
          col = cell[0];
          row = cell[1];
          if (col >= 0 && col < w && row >= 0 && row < h) {
            truncated = src[(int) row * w + (int) col];
          }
          if (col >= -0.5 && col < w - 0.5 && row >= -0.5 && row < h - 0.5) {
            rounded = src[(int) Math.rint(row) * w + (int) Math.rint(col)];
          }
        }
        // the warp interpolates cell coordinates within its tolerance: only a centre that close to
        // where a rule changes cell may differ from the rule
        if (exact[i] != truncated) {
          assertTrue(nearEdge(col, 0) || nearEdge(row, 0), "exact at (" + u + ", " + v + "): cell " + col + ", " + row);
        }
        if (imeteo[i] != rounded) {
          assertTrue(nearEdge(col, 0.5) || nearEdge(row, 0.5), "imeteo at (" + u + ", " + v + "): cell " + col + ", "
              + row);
        }
      }
    }
    assertTrue(rulesDiffer / (double) exact.length > 0.2, "the rules pick other cells for about half the pixels: "
        + rulesDiffer / (double) exact.length);
  }

  /** Whether {@code x} lies within the warp's tolerance of a value {@code offset} past an integer. */
  private static boolean nearEdge(double x, double offset) {
    double d = x - offset - Math.floor(x - offset);
    return Math.min(d, 1 - d) <= WarpPlan.DEFAULT_TOLERANCE;
  }
}
