package org.radarbeam.png;

import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link IndexedPngWriter} compresses: java.util.zip's Deflater at a level with a row filter, or
 * the run-length encoder {@link RleDeflater} with a row filter (Up unless told otherwise).
 *
 * @param runLength true for {@link RleDeflater}, false for java.util.zip's Deflater
 * @param level the Deflater level; -1 for run-length deflate
 * @param filteredStrategy Deflater only: its FILTERED strategy
 */
public record PngCompression(boolean runLength, int level, PngFilter filter, boolean filteredStrategy)
    implements Serializable {

  public PngCompression {
    Objects.requireNonNull(filter, "filter");
    if (!runLength && (level < 0 || level > 9)) {
      throw new IllegalArgumentException("compression level must be 0..9, got " + level);
    }
  }

  /**
   * Run-length deflate over Up-filtered rows: on the real DWD frame about 5x faster than Deflater
   * level 6 and 10% smaller.
   */
  public static PngCompression rle() {
    return rle(PngFilter.UP);
  }

  /** Run-length deflate over rows filtered with {@code filter}. */
  public static PngCompression rle(PngFilter filter) {
    return new PngCompression(true, -1, filter, false);
  }

  /** java.util.zip.Deflater at {@code level} (0..9), no filter. */
  public static PngCompression deflater(int level) {
    return deflater(level, PngFilter.NONE, false);
  }

  /** java.util.zip.Deflater at {@code level} (0..9), {@code filter} on every row, optionally its FILTERED strategy. */
  public static PngCompression deflater(int level, PngFilter filter, boolean filteredStrategy) {
    return new PngCompression(false, level, filter, filteredStrategy);
  }

  @Override
  public String toString() {
    return runLength ? "rle, filter " + filter
        : "deflater level " + level + ", filter " + filter + (filteredStrategy ? ", filtered strategy" : "");
  }
}
