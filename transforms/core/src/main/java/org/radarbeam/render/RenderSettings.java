package org.radarbeam.render;

import java.io.Serializable;
import org.radarbeam.png.PngFilter;

/**
 * The knobs of one rendering: what to draw, how large a grid may be, how hard to compress, and
 * on which grid.
 */
public record RenderSettings(String quantity, double minDbz, long maxPixels, int compressionLevel, PngFilter filter,
    Projection projection) implements Serializable {
  public static final double DEFAULT_MIN_DBZ = 10.0;
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  public static final int DEFAULT_COMPRESSION_LEVEL = 6;
  public static final String DEFAULT_QUANTITY = "DBZH";

  /** Settings on each file's native grid (no reprojection). */
  public RenderSettings(String quantity, double minDbz, long maxPixels, int compressionLevel, PngFilter filter) {
    this(quantity, minDbz, maxPixels, compressionLevel, filter, Projection.NATIVE);
  }

  /** The defaults on each file's native grid (no reprojection). */
  public static RenderSettings defaults() {
    return new RenderSettings(DEFAULT_QUANTITY, DEFAULT_MIN_DBZ, DEFAULT_MAX_PIXELS, DEFAULT_COMPRESSION_LEVEL, PngFilter.NONE);
  }
}
