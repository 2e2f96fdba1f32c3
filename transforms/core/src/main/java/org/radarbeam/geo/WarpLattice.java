package org.radarbeam.geo;

/**
 * Exact source coordinates at destination pixels u0, u0 + step, ..., u1 (always included) by
 * v0, v0 + step, ..., v1; optionally a finer lattice per cell.
 */
final class WarpLattice {
  /** 1.0 in the warp's 32.32 fixed point. */
  private static final double ONE = 4294967296.0;
  /** Source coordinates beyond this (pixels) are far outside any grid and skip the fixed-point path. */
  private static final double FIXED_LIMIT = 1e8;

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
  WarpLattice[] subs;

  WarpLattice(int u0, int u1, int v0, int v1, int step) {
    this.u0 = u0;
    this.u1 = u1;
    this.v0 = v0;
    this.v1 = v1;
    this.step = step;
    this.nu = (u1 - u0 + step - 1) / step + 1;
    this.nv = (v1 - v0 + step - 1) / step + 1;
    this.cellsU = nu - 1;
    this.cellsV = nv - 1;
    int nodes = Math.multiplyExact(nu, nv); // an overflow throws rather than making a short lattice
    this.x = new double[nodes];
    this.y = new double[nodes];
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
      for (WarpLattice s : subs) {
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
      for (WarpLattice s : subs) {
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
      WarpLattice sub = subs == null ? null : subs[cv * cellsU + cu];
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
      long maxX = ((long) sw << 32) - 1;
      long maxY = ((long) sh << 32) - 1;
      if (inside(fx + gx, maxX) && inside(fx + (n - 1) * gx, maxX) && inside(fy + gy, maxY)
          && inside(fy + (n - 1) * gy, maxY)) {
        hi = n; // both ends inside, so every point between them (most spans): no divisions in clip
      } else {
        long[] r = {1, n - 1};
        clip(fx, gx, maxX, r);
        clip(fy, gy, maxY, r);
        if (r[0] <= r[1]) {
          lo = (int) r[0];
          hi = (int) r[1] + 1;
        }
      }
      long cx = fx + lo * gx;
      long cy = fy + lo * gy;
      for (int k = lo, d = off + a + lo; k < hi; k++, d++) {
        dst[d] = src[(int) (cy >>> 32) * sw + (int) (cx >>> 32)];
        cx += gx;
        cy += gy;
      }
    } // else: NaN or absurdly far outside, so transparent
    if (lo > 1) {
      java.util.Arrays.fill(dst, off + a + 1, off + a + lo, (byte) 0);
    }
    if (hi < n) {
      java.util.Arrays.fill(dst, off + a + Math.max(hi, 1), off + a + n, (byte) 0);
    }
  }

  /**
   * Whether fixed-point coordinate f lies in [0, max]. The caller's coordinates are below
   * FIXED_LIMIT pixels (2^58.6 in 32.32) and a span moves at most 2 FIXED_LIMIT pixels, so f + (n - 1) g
   * cannot overflow.
   */
  private static boolean inside(long f, long max) {
    return f >= 0 && f <= max;
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
