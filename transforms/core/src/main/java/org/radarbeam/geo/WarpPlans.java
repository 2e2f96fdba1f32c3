package org.radarbeam.geo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-JVM (= per worker) cache of {@link WarpPlan}s, keyed by what the plan depends on: the
 * grid's projdef, its corner coordinates and its pixel dimensions. Frames of the same source share
 * one plan, built once by the first thread that asks while others wait for it. At most
 * {@link #MAX_PLANS} plans are kept (least recently used first out); a DWD plan holds about 0.4 MB.
 */
public final class WarpPlans {
  public static final int MAX_PLANS = 16;

  private static final Map<Key, Holder> PLANS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Holder> e) {
      return size() > MAX_PLANS;
    }
  };

  private WarpPlans() {}

  /**
   * The plan for a {@code width x height} frame georeferenced by {@code geometry} (upstream's
   * single-image exporter rules), built on first use.
   *
   * @throws IllegalArgumentException if the geometry cannot be georeferenced (missing corners,
   *     unusable projdef, no Web Mercator image)
   */
  public static WarpPlan forGrid(GridGeometry geometry, int width, int height) {
    Key key = new Key(geometry, width, height);
    Holder h;
    synchronized (PLANS) {
      h = PLANS.computeIfAbsent(key, k -> new Holder());
    }
    return h.get(geometry, width, height);
  }

  /** Drops every cached plan (tests, memory pressure). */
  public static void clear() {
    synchronized (PLANS) {
      PLANS.clear();
    }
  }

  /** Number of cached plans. */
  public static int size() {
    synchronized (PLANS) {
      return PLANS.size();
    }
  }

  /** Builds its plan once; a failed build is not cached, so the next caller retries and gets the error. */
  private static final class Holder {
    private WarpPlan plan;

    synchronized WarpPlan get(GridGeometry g, int width, int height) {
      if (plan == null) {
        plan = WarpPlan.build(NativeGrid.of(g, width, height));
      }
      return plan;
    }
  }

  /** The geometry's georeferencing values (xscale/yscale are not used, see NativeGrid). */
  private record Key(String projdef, int width, int height, List<Double> corners) {
    Key(GridGeometry g, int width, int height) {
      this(g.projdef(), width, height, Arrays.stream(g.corners()).boxed().toList());
    }
  }
}
