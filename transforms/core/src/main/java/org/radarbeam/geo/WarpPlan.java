package org.radarbeam.geo;

import java.util.Locale;
import org.radarbeam.png.RowSource;

/**
 * Everything a nearest-neighbour warp of one source grid into its suggested EPSG:3857 grid needs,
 * built once per source grid and reused for every frame on it. Immutable and thread-safe.
 *
 * <p>Exact inverse projection of each of 25 million destination pixels would cost seconds per
 * frame, and a per-pixel index map 4 bytes per pixel. Instead the plan holds the exact source pixel
 * coordinates of a coarse lattice of destination pixel centres (every {@code step} pixels) and the
 * warp interpolates bilinearly between them, row by row, as GDAL's approximate transformer does
 * along rows. While building, each lattice cell's interpolation is compared with the exact
 * transform at 13 points (3x3 inside, 4 edge midpoints); a cell whose error (|dx| + |dy| in source
 * pixels) exceeds the tolerance gets its own finer lattice, halving the spacing until it passes or
 * reaches one pixel (exact). Cells touching undefined points (outside a projection's domain) are
 * refined the same way. Along each row span the warp steps in 32.32 fixed point, with the run of
 * pixels inside the source found by integer division, so the inner loop has no bounds tests.
 *
 * <p>Memory: 16 bytes per lattice node, i.e. about 16 / step^2 bytes per destination pixel
 * (0.016 B/px at step 32: 0.4 MB for DWD) plus refined cells; the warp itself allocates only row
 * arrays of a few KB. Per worker the reprojected path thus needs the native index buffer (1 B per
 * source pixel), the destination buffer (1 B per destination pixel) and the cached plans.
 */
public final class WarpPlan {
  public static final int DEFAULT_STEP = 32;
  /** Maximum interpolation error in source pixels (GDAL's default error threshold). */
  public static final double DEFAULT_TOLERANCE = 0.125;

  private final NativeGrid source;
  private final WebMercatorGrid grid;
  private final int srcW;
  private final int srcH;
  private final WarpLattice lattice;
  private final double maxError;
  private final int refinedCells;
  private final GridTransform exact;

  private WarpPlan(NativeGrid source, WebMercatorGrid grid, WarpLattice lattice, double maxError, int refinedCells) {
    this.source = source;
    this.grid = grid;
    this.srcW = source.width();
    this.srcH = source.height();
    this.lattice = lattice;
    this.maxError = maxError;
    this.refinedCells = refinedCells;
    this.exact = new GridTransform(source);
  }

  /** The plan for {@code source} onto GDAL's suggested Web Mercator grid, with default step and tolerance. */
  public static WarpPlan build(NativeGrid source) {
    return build(source, SuggestedWarpOutput.compute(source), DEFAULT_STEP, DEFAULT_TOLERANCE);
  }

  /** The plan for {@code source} onto {@code grid}, lattice spacing {@code step} (>= 1) pixels. */
  public static WarpPlan build(NativeGrid source, WebMercatorGrid grid, int step, double tolerance) {
    if (step < 1 || !(tolerance > 0)) {
      throw new IllegalArgumentException("step " + step + ", tolerance " + tolerance);
    }
    Builder b = new Builder(new GridTransform(source), grid, tolerance);
    WarpLattice main = b.lattice(0, Math.max(grid.width() - 1, 1), 0, Math.max(grid.height() - 1, 1), step);
    for (int cv = 0; cv < main.cellsV; cv++) {
      for (int cu = 0; cu < main.cellsU; cu++) {
        double e = b.cellError(main, cu, cv);
        if (e > tolerance) {
          if (main.subs == null) {
            main.subs = new WarpLattice[main.cellsU * main.cellsV];
          }
          main.subs[cv * main.cellsU + cu] = b.refine(main, cu, cv, step);
          b.refined++;
        } else {
          b.maxError = Math.max(b.maxError, e);
        }
      }
    }
    return new WarpPlan(source, grid, main, b.maxError, b.refined);
  }

  /** Destination width in pixels. */
  public int width() {
    return grid.width();
  }

  /** Destination height in pixels. */
  public int height() {
    return grid.height();
  }

  /** WGS84 bounds of the destination image's outer edges: west, south, east, north. */
  public double[] bounds() {
    return grid.bounds();
  }

  public WebMercatorGrid grid() {
    return grid;
  }

  public NativeGrid source() {
    return source;
  }

  /** Largest interpolation error (source pixels, |dx| + |dy|) seen at the check points while building. */
  public double maxError() {
    return maxError;
  }

  /** Lattice cells that needed a finer lattice. */
  public int refinedCells() {
    return refinedCells;
  }

  /** Approximate heap bytes held by the plan (lattice coordinates and indices). */
  public long memoryBytes() {
    return lattice.bytes();
  }

  /**
   * Warps {@code src} (source palette indices, row-major, first row north, {@code srcW x srcH})
   * into {@code dst} ({@link #width()} x {@link #height()}, first row north). Destination pixels
   * whose centre maps outside the source grid get index 0 (transparent).
   */
  public void warp(byte[] src, byte[] dst) {
    int w = grid.width();
    int h = grid.height();
    if (dst.length < (long) w * h) {
      throw new IllegalArgumentException("destination buffer " + dst.length + " < " + w + "x" + h);
    }
    RowSource rows = rows(src);
    for (int r = 0; r < h; r++) {
      rows.row(r, dst, r * w);
    }
  }

  /**
   * The warped image of {@code src} as rows computed on demand, so the destination image never
   * exists whole (one instance per thread: it holds scratch arrays).
   */
  public RowSource rows(byte[] src) {
    if (src.length < (long) srcW * srcH) {
      throw new IllegalArgumentException("source buffer " + src.length + " < " + srcW + "x" + srcH);
    }
    int w = grid.width();
    double[] rx = new double[lattice.nu];
    double[] ry = new double[lattice.nu];
    double[] sx = new double[lattice.maxSubNodes()];
    double[] sy = new double[sx.length];
    return (r, dst, off) -> lattice.fillRow(r, w, src, srcW, srcH, dst, off, rx, ry, sx, sy);
  }

  /**
   * The interpolated source pixel coordinate (col, row) of destination pixel (u, v): what
   * {@link #warp} samples (it steps the same line in fixed point, within ~1e-8 px of this).
   */
  void approxSource(int u, int v, double[] out) {
    lattice.interpolate(u, v, out);
  }

  /** The exact source pixel coordinate of destination pixel (u, v); false if undefined. */
  synchronized boolean exactSource(int u, int v, double[] out) {
    return exact.toSource(grid.x(u + 0.5), grid.y(v + 0.5), out);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "WarpPlan[%s -> %s, max error %.4f px, %d refined cells, %d bytes]",
        source, grid, maxError, refinedCells, memoryBytes());
  }

  /** Builds lattices and measures their interpolation error against the exact transform. */
  private static final class Builder {
    final GridTransform t;
    final WebMercatorGrid grid;
    final double tolerance;
    final double[] p = new double[2];
    final double[] q = new double[2];
    double maxError;
    int refined;

    Builder(GridTransform t, WebMercatorGrid grid, double tolerance) {
      this.t = t;
      this.grid = grid;
      this.tolerance = tolerance;
    }

    WarpLattice lattice(int u0, int u1, int v0, int v1, int step) {
      WarpLattice l = new WarpLattice(u0, u1, v0, v1, step);
      for (int j = 0; j < l.nv; j++) {
        int v = l.v(j);
        for (int i = 0; i < l.nu; i++) {
          exact(l.u(i), v, p);
          l.x[j * l.nu + i] = p[0];
          l.y[j * l.nu + i] = p[1];
        }
      }
      return l;
    }

    void exact(int u, int v, double[] out) {
      t.toSource(grid.x(u + 0.5), grid.y(v + 0.5), out);
    }

    /** A finer lattice over cell (cu, cv) of {@code l}: halve the spacing until every sub-cell passes. */
    WarpLattice refine(WarpLattice l, int cu, int cv, int step) {
      int u0 = l.u(cu);
      int u1 = l.u(cu + 1);
      int v0 = l.v(cv);
      int v1 = l.v(cv + 1);
      for (int s = Math.max(step / 2, 1); ; s = Math.max(s / 2, 1)) {
        WarpLattice sub = lattice(u0, u1, v0, v1, s);
        double worst = 0;
        for (int j = 0; j < sub.cellsV && worst <= tolerance; j++) {
          for (int i = 0; i < sub.cellsU && worst <= tolerance; i++) {
            worst = Math.max(worst, cellError(sub, i, j));
          }
        }
        if (worst <= tolerance || s == 1) { // at s == 1 every pixel is an exact node
          if (worst <= tolerance) {
            maxError = Math.max(maxError, worst);
          }
          return sub;
        }
      }
    }

    /**
     * Largest |dx| + |dy| between interpolation and exact transform at 13 check points of cell
     * (cu, cv); infinite where only one of the two is defined.
     */
    double cellError(WarpLattice l, int cu, int cv) {
      int u0 = l.u(cu);
      int u1 = l.u(cu + 1);
      int v0 = l.v(cv);
      int v1 = l.v(cv + 1);
      int du = u1 - u0;
      int dv = v1 - v0;
      double worst = 0;
      int[] fu = {u0 + du / 4, u0 + du / 2, u0 + (3 * du) / 4};
      int[] fv = {v0 + dv / 4, v0 + dv / 2, v0 + (3 * dv) / 4};
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          worst = Math.max(worst, pointError(l, fu[a], fv[b]));
        }
      }
      worst = Math.max(worst, pointError(l, fu[1], v0));
      worst = Math.max(worst, pointError(l, fu[1], v1));
      worst = Math.max(worst, pointError(l, u0, fv[1]));
      worst = Math.max(worst, pointError(l, u1, fv[1]));
      return worst;
    }

    private double pointError(WarpLattice l, int u, int v) {
      l.interpolate(u, v, q);
      exact(u, v, p);
      boolean exactOk = !Double.isNaN(p[0]);
      boolean approxOk = !Double.isNaN(q[0]) && !Double.isNaN(q[1]);
      if (exactOk != approxOk) {
        return Double.POSITIVE_INFINITY;
      }
      return exactOk ? Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) : 0;
    }
  }
}
