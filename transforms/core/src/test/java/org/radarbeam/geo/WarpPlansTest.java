package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-worker plan cache: one plan per grid value, built once even under concurrent demand. */
class WarpPlansTest {
  @BeforeEach
  void empty() {
    WarpPlans.clear();
  }

  @Test
  void onePlanPerGridValue() {
    WarpPlan a = WarpPlans.forGrid(Grids.shmu(), 64, 48, Long.MAX_VALUE);
    // an equal geometry built separately (as every decoded frame builds its own) hits the same plan
    assertSame(a, WarpPlans.forGrid(Grids.shmu(), 64, 48, Long.MAX_VALUE));
    assertEquals(1, WarpPlans.size());
    assertNotSame(a, WarpPlans.forGrid(Grids.shmu(), 32, 24, Long.MAX_VALUE), "other dimensions");
    GridGeometry s = Grids.shmu();
    GridGeometry moved = new GridGeometry(s.projdef(), 64, 48, s.xscale(), s.yscale(), s.ulLon() + 0.01, s.ulLat(), s.urLon(),
        s.urLat(), s.llLon() + 0.01, s.llLat(), s.lrLon(), s.lrLat());
    assertNotSame(a, WarpPlans.forGrid(moved, 64, 48, Long.MAX_VALUE), "other corners");
    // xscale/yscale do not take part (they are not used)
    GridGeometry rescaled = new GridGeometry(s.projdef(), 64, 48, 1, 2, s.ulLon(), s.ulLat(), s.urLon(), s.urLat(), s.llLon(),
        s.llLat(), s.lrLon(), s.lrLat());
    assertSame(a, WarpPlans.forGrid(rescaled, 64, 48, Long.MAX_VALUE));
    assertEquals(3, WarpPlans.size());
  }

  @Test
  void boundedLeastRecentlyUsed() {
    for (int i = 0; i < WarpPlans.MAX_PLANS + 5; i++) {
      WarpPlans.forGrid(Grids.shmu(), 20 + i, 20, Long.MAX_VALUE);
    }
    assertEquals(WarpPlans.MAX_PLANS, WarpPlans.size());
  }

  @Test
  void failuresAreReportedEveryTimeAndNotKept() {
    GridGeometry bad = new GridGeometry("+proj=nosuch", 10, 10, 1, 1, 1, 2, 3, 2, 1, 1, 3, 1);
    assertThrows(IllegalArgumentException.class, () -> WarpPlans.forGrid(bad, 10, 10, Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> WarpPlans.forGrid(bad, 10, 10, Long.MAX_VALUE));
    assertEquals(0, WarpPlans.size(), "a grid that cannot be placed keeps no place");
  }

  /**
   * A long, thin grid (two pixels by 400 000, a few bytes of a file) asks for a Web Mercator grid of
   * its thin pixels' size over its whole extent: refused from the grid's size, before any plan exists.
   */
  @Test
  void aGridLargerThanAllowedIsRefusedBeforeItsPlanIsBuilt() {
    GridGeometry s = Grids.shmu();
    GridGeometry thin = new GridGeometry(s.projdef(), 2, 400_000, 1, 1, s.ulLon(), s.ulLat(), s.urLon(), s.urLat(),
        s.llLon(), s.llLat(), s.lrLon(), s.lrLat());
    WarpPlans.TooLargeException e = assertThrows(WarpPlans.TooLargeException.class,
        () -> WarpPlans.forGrid(thin, 2, 400_000, 50_000_000L));
    assertTrue((long) e.grid().width() * e.grid().height() > 50_000_000L, e.getMessage());
    assertTrue(e.getMessage().endsWith("pixels exceeds the limit of 50000000"), e.getMessage());
    assertEquals(0, WarpPlans.size());
  }

  @Test
  void aCachedPlanIsStillCheckedAgainstTheCallersLimit() {
    WarpPlan plan = WarpPlans.forGrid(Grids.shmu(), 64, 48, Long.MAX_VALUE);
    long pixels = (long) plan.width() * plan.height();
    assertSame(plan, WarpPlans.forGrid(Grids.shmu(), 64, 48, pixels));
    assertThrows(WarpPlans.TooLargeException.class, () -> WarpPlans.forGrid(Grids.shmu(), 64, 48, pixels - 1));
  }

  @Test
  void builtOnceUnderConcurrentDemand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<WarpPlan>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> WarpPlans.forGrid(Grids.dwd(), 440, 480, Long.MAX_VALUE));
      }
      WarpPlan first = null;
      for (Future<WarpPlan> f : pool.invokeAll(calls)) {
        if (first == null) {
          first = f.get();
        }
        assertSame(first, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
