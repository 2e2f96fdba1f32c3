package org.radarbeam.geo;

import org.radarbeam.render.RowSource;

import java.util.Locale;

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
  /** 1.0 in the warp's 32.32 fixed point. */
  private static final double ONE = 4294967296.0;
  /** Source coordinates beyond this (pixels) are far outside any grid and skip the fixed-point path. */
  private static final double FIXED_LIMIT = 1e8;

  private final NativeGrid source;
  private final WebMercatorGrid grid;
  private final int srcW;
  private final int srcH;
  private final Lattice lattice;
  private final double maxError;
  private final int refinedCells;
  private final GridTransform exact;

  private WarpPlan(NativeGrid source, WebMercatorGrid grid, Lattice lattice, double maxError, int refinedCells) {
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
    Lattice main = b.lattice(0, Math.max(grid.width() - 1, 1), 0, Math.max(grid.height() - 1, 1), step);
    for (int cv = 0; cv < main.cellsV; cv++) {
      for (int cu = 0; cu < main.cellsU; cu++) {
        double e = b.cellError(main, cu, cv);
        if (e > tolerance) {
          if (main.subs == null) {
            main.subs = new Lattice[main.cellsU * main.cellsV];
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

    Lattice lattice(int u0, int u1, int v0, int v1, int step) {
      Lattice l = new Lattice(u0, u1, v0, v1, step);
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
    Lattice refine(Lattice l, int cu, int cv, int step) {
      int u0 = l.u(cu);
      int u1 = l.u(cu + 1);
      int v0 = l.v(cv);
      int v1 = l.v(cv + 1);
      for (int s = Math.max(step / 2, 1); ; s = Math.max(s / 2, 1)) {
        Lattice sub = lattice(u0, u1, v0, v1, s);
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
    double cellError(Lattice l, int cu, int cv) {
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

    private double pointError(Lattice l, int u, int v) {
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

  /**
   * Exact source coordinates at destination pixels u0, u0 + step, ..., u1 (always included) by
   * v0, v0 + step, ..., v1; optionally a finer lattice per cell.
   */
  private static final class Lattice {
    final int u0;
    final int u1;
    final int v0;
    final int v1;
    final int step;
    final int nu;
    final int nv;
    final int cellsU;
    final int cellsV;
    final double[] x;
    final double[] y;
    Lattice[] subs;

    Lattice(int u0, int u1, int v0, int v1, int step) {
      this.u0 = u0;
      this.u1 = u1;
      this.v0 = v0;
      this.v1 = v1;
      this.step = step;
      this.nu = (u1 - u0 + step - 1) / step + 1;
      this.nv = (v1 - v0 + step - 1) / step + 1;
      this.cellsU = nu - 1;
      this.cellsV = nv - 1;
      this.x = new double[nu * nv];
      this.y = new double[nu * nv];
    }

    int u(int i) {
      return Math.min(u0 + i * step, u1);
    }

    int v(int j) {
      return Math.min(v0 + j * step, v1);
    }

    int cellV(int r) {
      return Math.min((r - v0) / step, cellsV - 1);
    }

    int cellU(int c) {
      return Math.min((c - u0) / step, cellsU - 1);
    }

    int maxSubNodes() {
      int m = 1;
      if (subs != null) {
        for (Lattice s : subs) {
          if (s != null) {
            m = Math.max(m, s.nu);
          }
        }
      }
      return m;
    }

    long bytes() {
      long b = 16L * x.length + 64;
      if (subs != null) {
        b += 4L * subs.length;
        for (Lattice s : subs) {
          if (s != null) {
            b += s.bytes();
          }
        }
      }
      return b;
    }

    /** Interpolated source coordinate of destination pixel (u, v): the same arithmetic as fillRow. */
    void interpolate(int u, int v, double[] out) {
      int cv = cellV(v);
      int cu = cellU(u);
      if (subs != null && subs[cv * cellsU + cu] != null) {
        subs[cv * cellsU + cu].interpolate(u, v, out);
        return;
      }
      int va = v(cv);
      double t = (v - va) / (double) (v(cv + 1) - va);
      int ua = u(cu);
      int len = u(cu + 1) - ua;
      int k = u - ua;
      double ax = lerp(x[cv * nu + cu], x[(cv + 1) * nu + cu], t);
      double ay = lerp(y[cv * nu + cu], y[(cv + 1) * nu + cu], t);
      if (k == 0) {
        out[0] = ax;
        out[1] = ay;
        return;
      }
      double bx = lerp(x[cv * nu + cu + 1], x[(cv + 1) * nu + cu + 1], t);
      double by = lerp(y[cv * nu + cu + 1], y[(cv + 1) * nu + cu + 1], t);
      if (k == len) {
        out[0] = bx;
        out[1] = by;
        return;
      }
      out[0] = ax + k * ((bx - ax) / len);
      out[1] = ay + k * ((by - ay) / len);
    }

    /** Warps destination row r, columns u0 until {@code end} (exclusive). */
    void fillRow(int r, int end, byte[] src, int sw, int sh, byte[] dst, int off,
        double[] rx, double[] ry, double[] sx, double[] sy) {
      int cv = cellV(r);
      int va = v(cv);
      double t = (r - va) / (double) (v(cv + 1) - va);
      int base0 = cv * nu;
      int base1 = base0 + nu;
      for (int i = 0; i < nu; i++) {
        rx[i] = lerp(x[base0 + i], x[base1 + i], t);
        ry[i] = lerp(y[base0 + i], y[base1 + i], t);
      }
      for (int cu = 0; cu < cellsU; cu++) {
        int a = u(cu);
        int b = u(cu + 1);
        int e = cu == cellsU - 1 ? end : b;
        Lattice sub = subs == null ? null : subs[cv * cellsU + cu];
        if (sub != null) {
          sub.fillRow(r, e, src, sw, sh, dst, off, sx, sy, null, null);
        } else {
          span(src, sw, sh, dst, off, a, e, rx[cu], ry[cu], rx[cu + 1], ry[cu + 1], b - a);
        }
      }
    }

    /** Pixels a..end-1 of one row, source coordinates linear from (ax, ay) at a to (bx, by) at a + len. */
    private static void span(byte[] src, int sw, int sh, byte[] dst, int off, int a, int end,
        double ax, double ay, double bx, double by, int len) {
      dst[off + a] = sample(src, sw, sh, ax, ay);
      int stop = Math.min(end, a + len);
      if (end > stop) {
        // Only the image's last column lies on the far node: take it as is (see lerp).
        dst[off + stop] = sample(src, sw, sh, bx, by);
      }
      int n = stop - a;
      if (n <= 1) {
        return;
      }
      double dx = (bx - ax) / len;
      double dy = (by - ay) / len;
      int lo = 1;
      int hi = 1;
      if (Math.abs(ax) < FIXED_LIMIT && Math.abs(ay) < FIXED_LIMIT && Math.abs(bx) < FIXED_LIMIT
          && Math.abs(by) < FIXED_LIMIT) {
        // 32.32 fixed point: the points inside the source are then an exact integer interval of k,
        // and the loop over it needs no bounds tests and no double-to-int conversions.
        long fx = Math.round(ax * ONE);
        long fy = Math.round(ay * ONE);
        long gx = Math.round(dx * ONE);
        long gy = Math.round(dy * ONE);
        long[] r = {1, n - 1};
        clip(fx, gx, ((long) sw << 32) - 1, r);
        clip(fy, gy, ((long) sh << 32) - 1, r);
        if (r[0] <= r[1]) {
          lo = (int) r[0];
          hi = (int) r[1] + 1;
          long cx = fx + lo * gx;
          long cy = fy + lo * gy;
          for (int k = lo; k < hi; k++) {
            dst[off + a + k] = src[(int) (cy >>> 32) * sw + (int) (cx >>> 32)];
            cx += gx;
            cy += gy;
          }
        }
      } // else: NaN or absurdly far outside, so transparent
      if (lo > 1) {
        java.util.Arrays.fill(dst, off + a + 1, off + a + lo, (byte) 0);
      }
      if (hi < n) {
        java.util.Arrays.fill(dst, off + a + Math.max(hi, 1), off + a + n, (byte) 0);
      }
    }

    /** Narrows [r[0], r[1]] to the integers k with 0 <= f + k g <= max (exact in long arithmetic). */
    private static void clip(long f, long g, long max, long[] r) {
      if (g == 0) {
        if (f < 0 || f > max) {
          r[1] = r[0] - 1;
        }
        return;
      }
      long lo;
      long hi;
      if (g > 0) {
        lo = ceilDiv(-f, g);
        hi = Math.floorDiv(max - f, g);
      } else {
        lo = ceilDiv(f - max, -g);
        hi = Math.floorDiv(f, -g);
      }
      r[0] = Math.max(r[0], lo);
      r[1] = Math.min(r[1], hi);
    }

    private static long ceilDiv(long a, long b) {
      return -Math.floorDiv(-a, b);
    }

    private static byte sample(byte[] src, int sw, int sh, double cx, double cy) {
      if (cx >= 0 && cx < sw && cy >= 0 && cy < sh) {
        return src[(int) cy * sw + (int) cx];
      }
      return 0;
    }

    /** a + t (b - a), exact at the ends so an undefined neighbour does not spoil a defined node. */
    private static double lerp(double a, double b, double t) {
      if (t == 0) {
        return a;
      }
      if (t == 1) {
        return b;
      }
      return a + t * (b - a);
    }
  }
}
