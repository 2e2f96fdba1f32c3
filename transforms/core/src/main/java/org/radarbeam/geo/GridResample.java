package org.radarbeam.geo;

import org.radarbeam.png.RowSource;

/**
 * Rows of a byte grid resampled onto a grid of other size over the same bounds, by nearest
 * neighbour: palette indices are picked, never blended, so a scaled image keeps the exact colours.
 */
public final class GridResample {
  private GridResample() {}

  /** {@code src} ({@code srcW x srcH}, row-major) as {@code dstW x dstH} rows. */
  public static RowSource nearest(byte[] src, int srcW, int srcH, int dstW, int dstH) {
    int[] cols = new int[dstW];
    for (int c = 0; c < dstW; c++) {
      cols[c] = Math.min(srcW - 1, (int) ((c + 0.5) * srcW / dstW));
    }
    return (y, dst, off) -> {
      int base = Math.min(srcH - 1, (int) ((y + 0.5) * srcH / dstH)) * srcW;
      for (int c = 0; c < dstW; c++) {
        dst[off + c] = src[base + cols[c]];
      }
    };
  }
}
