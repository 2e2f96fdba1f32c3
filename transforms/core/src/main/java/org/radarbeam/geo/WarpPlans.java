package org.radarbeam.geo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-JVM (= per worker) cache of {@link WarpPlan}s and {@link Placement}s, keyed by what they
 * depend on: the grid's projdef, its corner coordinates, its pixel dimensions and, for placements,
 * the target grid. Frames of the same source share one plan, built once by the first thread that
 * asks while others wait for it. At most {@link #MAX_PLANS} are kept, least recently used first out:
 * a composite run of every source with two variants uses 4 per source. A DWD plan holds about 0.4 MB.
 * A build that fails keeps no place.
 */
public final class WarpPlans {
  public static final int MAX_PLANS = 48;

  private static final Map<Key, Holder> PLANS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Holder> e) {
      return size() > MAX_PLANS;
    }
  };

  private WarpPlans() {}

  /** A frame's Web Mercator grid has more pixels than allowed: refused before its plan is built. */
  public static final class TooLargeException extends IllegalArgumentException {
    private final transient WebMercatorGrid grid;

    TooLargeException(WebMercatorGrid grid, long maxPixels) {
      super(size(grid) + " exceeds the limit of " + maxPixels);
      this.grid = grid;
    }

    /** The grid that was refused. */
    public WebMercatorGrid grid() {
      return grid;
    }

    /** The refused grid's size, "Web Mercator grid WxH = N pixels", for a message naming the limit otherwise. */
    public String size() {
      return size(grid);
    }

    private static String size(WebMercatorGrid grid) {
      return "Web Mercator grid " + grid.width() + "x" + grid.height() + " = " + pixels(grid) + " pixels";
    }
  }

  /**
   * The plan for a {@code width x height} frame georeferenced by {@code geometry} (upstream's
   * single-image exporter rules), built on first use. Its Web Mercator grid's size is known before the
   * plan is built, and a grid of more than {@code maxPixels} is refused then: a long, thin source grid
   * (a file's few bytes) can ask for a warp of billions of pixels.
   *
   * @throws TooLargeException if the Web Mercator grid has more than {@code maxPixels} pixels
   * @throws IllegalArgumentException if the geometry cannot be georeferenced (missing corners,
   *     unusable projdef, no Web Mercator image)
   */
  public static WarpPlan forGrid(GridGeometry geometry, int width, int height, long maxPixels) {
    return forGrid(geometry, width, height, maxPixels, PixelPlacement.EXACT);
  }

  /**
   * {@link #forGrid(GridGeometry, int, int, long)} with the source's cells taken as {@code pixels} says; the
   * Web Mercator grid is the same either way.
   */
  public static WarpPlan forGrid(GridGeometry geometry, int width, int height, long maxPixels, PixelPlacement pixels) {
    WarpPlan plan = (WarpPlan) cached(new Key(geometry, width, height, null, pixels), () -> {
      NativeGrid source = NativeGrid.of(geometry, width, height);
      WebMercatorGrid grid = SuggestedWarpOutput.compute(source);
      requireAtMost(grid, maxPixels);
      return WarpPlan.build(pixels.sampled(source), grid, WarpPlan.DEFAULT_STEP, WarpPlan.DEFAULT_TOLERANCE);
    });
    requireAtMost(plan.grid(), maxPixels); // built for a caller that allowed more
    return plan;
  }

  private static void requireAtMost(WebMercatorGrid grid, long maxPixels) {
    if (pixels(grid) > maxPixels) {
      throw new TooLargeException(grid, maxPixels);
    }
  }

  private static long pixels(WebMercatorGrid grid) {
    return (long) grid.width() * grid.height();
  }

  /**
   * The plan of a {@code width x height} frame onto {@code target} (its own Web Mercator grid at
   * another resolution: a scaled variant) by the same rules as {@link #forGrid}, built on first use.
   */
  public static WarpPlan forGrid(GridGeometry geometry, int width, int height, WebMercatorGrid target) {
    return forGrid(geometry, width, height, target, PixelPlacement.EXACT);
  }

  /** {@link #forGrid(GridGeometry, int, int, WebMercatorGrid)} with the source's cells taken as {@code pixels} says. */
  public static WarpPlan forGrid(GridGeometry geometry, int width, int height, WebMercatorGrid target,
      PixelPlacement pixels) {
    // a 7th value keeps these keys apart from placements' on the same target
    return (WarpPlan) cached(new Key(geometry, width, height, List.of(target.minX(), target.maxY(), target.resX(),
        target.resY(), (double) target.width(), (double) target.height(), 0.0), pixels),
        () -> WarpPlan.build(pixels.sampled(NativeGrid.of(geometry, width, height)), target, WarpPlan.DEFAULT_STEP,
            WarpPlan.DEFAULT_TOLERANCE));
  }

  /**
   * The placement of a {@code width x height} frame on {@code target} by upstream's compositor rules
   * (lon/lat corners are pixel centres), built on first use; null when the frame lies outside it.
   *
   * @throws IllegalArgumentException if the geometry cannot be georeferenced
   */
  public static Placement forTarget(GridGeometry geometry, int width, int height, WebMercatorGrid target) {
    Object p = cached(new Key(geometry, width, height, List.of(target.minX(), target.maxY(), target.resX(),
        target.resY(), (double) target.width(), (double) target.height()), PixelPlacement.EXACT),
        () -> {
          Placement placed = Placement.of(NativeGrid.of(geometry, width, height, NativeGrid.LonLatCorners.CENTRES),
              target);
          return placed == null ? Holder.NONE : placed;
        });
    return p == Holder.NONE ? null : (Placement) p;
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

  private static Object cached(Key key, Supplier<Object> build) {
    Holder h;
    synchronized (PLANS) {
      h = PLANS.computeIfAbsent(key, k -> new Holder());
    }
    try {
      return h.get(build);
    } catch (RuntimeException | Error e) {
      synchronized (PLANS) {
        PLANS.remove(key, h); // no place kept for a grid that cannot be placed
      }
      throw e;
    }
  }

  /** Builds its value once; a failed build is not cached, so the next caller retries and gets the error. */
  private static final class Holder {
    /** Stands for "built, and there is nothing": a grid outside the target. */
    static final Object NONE = new Object();
    private Object value;

    synchronized Object get(Supplier<Object> build) {
      if (value == null) {
        value = build.get();
      }
      return value;
    }
  }

  /**
   * The geometry's georeferencing values (xscale/yscale are not used, see NativeGrid), the
   * target grid of a placement (null for a frame's own Web Mercator grid) and how cells are sampled.
   */
  private record Key(String projdef, int width, int height, List<Double> corners, List<Double> target,
      PixelPlacement pixels) {
    Key(GridGeometry g, int width, int height, List<Double> target, PixelPlacement pixels) {
      this(g.projdef(), width, height, Arrays.stream(g.corners()).boxed().toList(), target, pixels);
    }
  }
}
