package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One lattice row against the warp's definition, pixel by pixel: between two nodes the source
 * position advances linearly in 32.32 fixed point, and a pixel takes the source cell it lands in,
 * transparent when that lies outside the source. Spans wholly inside, crossing an edge, and wholly
 * outside all occur, so both the clipped and the unclipped way through a span are checked.
 */
class WarpLatticeTest {
  private static final double ONE = 4294967296.0;

  @Test
  void everySpanTakesExactlyTheSourceCellsItsFixedPointPositionsLandIn() {
    Random random = new Random(7);
    int sw = 37;
    int sh = 23;
    byte[] src = new byte[sw * sh];
    for (int i = 0; i < src.length; i++) {
      src[i] = (byte) (1 + i % 250); // never 0, so a wrong transparent pixel shows
    }
    int clippedSpans = 0;
    int wholeSpans = 0;
    for (int trial = 0; trial < 400; trial++) {
      int step = 1 + random.nextInt(12);
      int width = 2 + random.nextInt(90);
      WarpLattice l = new WarpLattice(0, width - 1, 0, 1, step);
      boolean inside = trial % 2 == 0; // half the rows keep every node well inside the source
      for (int i = 0; i < l.nu; i++) {
        l.x[i] = inside ? 1 + random.nextDouble() * (sw - 2) : -sw + random.nextDouble() * 3 * sw;
        l.y[i] = inside ? 1 + random.nextDouble() * (sh - 2) : -sh + random.nextDouble() * 3 * sh;
        l.x[l.nu + i] = l.x[i];
        l.y[l.nu + i] = l.y[i];
      }
      byte[] got = new byte[width];
      java.util.Arrays.fill(got, (byte) -1); // every pixel must be written
      l.fillRow(0, width, src, sw, sh, got, 0, new double[l.nu], new double[l.nu], null, null);
      byte[] want = new byte[width];
      for (int cu = 0; cu < l.cellsU; cu++) {
        int a = l.u(cu);
        int len = l.u(cu + 1) - a;
        int e = cu == l.cellsU - 1 ? width : l.u(cu + 1);
        boolean clipped = reference(src, sw, sh, want, a, e, l.x[cu], l.y[cu], l.x[cu + 1], l.y[cu + 1], len);
        clippedSpans += clipped ? 1 : 0;
        wholeSpans += clipped ? 0 : 1;
      }
      assertArrayEquals(want, got, "trial " + trial + ", step " + step + ", width " + width);
    }
    assertTrue(clippedSpans > 100 && wholeSpans > 100, clippedSpans + " clipped, " + wholeSpans + " whole spans");
  }

  /** Pixels a..end-1 by the definition; returns whether some pixel inside the span fell outside the source. */
  private static boolean reference(byte[] src, int sw, int sh, byte[] dst, int a, int end, double ax, double ay,
      double bx, double by, int len) {
    dst[a] = at(src, sw, sh, ax, ay);
    int stop = Math.min(end, a + len);
    if (end > stop) {
      dst[stop] = at(src, sw, sh, bx, by);
    }
    long fx = Math.round(ax * ONE);
    long fy = Math.round(ay * ONE);
    long gx = Math.round((bx - ax) / len * ONE);
    long gy = Math.round((by - ay) / len * ONE);
    boolean clipped = false;
    for (int k = 1; k < stop - a; k++) {
      long cx = fx + k * gx;
      long cy = fy + k * gy;
      boolean in = cx >= 0 && cx <= ((long) sw << 32) - 1 && cy >= 0 && cy <= ((long) sh << 32) - 1;
      dst[a + k] = in ? src[(int) (cy >>> 32) * sw + (int) (cx >>> 32)] : 0;
      clipped |= !in;
    }
    return clipped;
  }

  private static byte at(byte[] src, int sw, int sh, double x, double y) {
    return x >= 0 && x < sw && y >= 0 && y < sh ? src[(int) y * sw + (int) x] : 0;
  }
}
