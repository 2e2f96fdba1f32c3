package org.radarbeam.render;

import java.io.Serializable;
import org.radarbeam.png.PngCompression;
import org.radarbeam.png.PngFilter;

/**
 * The knobs of one rendering: what to draw, how large a grid may be, how the PNG is compressed,
 * and on which grid.
 */
public record RenderSettings(String quantity, double minDbz, long maxPixels, PngCompression png, Projection projection)
    implements Serializable {
  public static final double DEFAULT_MIN_DBZ = 10.0;
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  /** The Deflater level of --compressionLevel's most common choice (the run-length encoder is the default). */
  public static final int DEFAULT_COMPRESSION_LEVEL = 6;
  public static final String DEFAULT_QUANTITY = "DBZH";

  /** Settings on each file's native grid with java.util.zip's Deflater at {@code compressionLevel}. */
  public RenderSettings(String quantity, double minDbz, long maxPixels, int compressionLevel, PngFilter filter) {
    this(quantity, minDbz, maxPixels, PngCompression.deflater(compressionLevel, filter, false), Projection.NATIVE);
  }

  /** The defaults on each file's native grid (no reprojection): run-length deflate over Up-filtered rows. */
  public static RenderSettings defaults() {
    return new RenderSettings(DEFAULT_QUANTITY, DEFAULT_MIN_DBZ, DEFAULT_MAX_PIXELS, PngCompression.rle(),
        Projection.NATIVE);
  }
}
