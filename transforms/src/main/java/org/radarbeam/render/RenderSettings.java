package org.radarbeam.render;

import java.io.Serializable;

/** The knobs of one rendering: what to draw and how hard to compress it. */
public final class RenderSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_MIN_DBZ = 10.0;
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  public static final int DEFAULT_COMPRESSION_LEVEL = 6;
  public static final String DEFAULT_QUANTITY = "DBZH";

  private final String quantity;
  private final double minDbz;
  private final long maxPixels;
  private final int compressionLevel;
  private final PngFilter filter;
  private final Projection projection;

  public RenderSettings(String quantity, double minDbz, long maxPixels, int compressionLevel, PngFilter filter) {
    this(quantity, minDbz, maxPixels, compressionLevel, filter, Projection.NATIVE);
  }

  public RenderSettings(String quantity, double minDbz, long maxPixels, int compressionLevel, PngFilter filter,
      Projection projection) {
    this.quantity = quantity;
    this.minDbz = minDbz;
    this.maxPixels = maxPixels;
    this.compressionLevel = compressionLevel;
    this.filter = filter;
    this.projection = projection;
  }

  /** The defaults on each file's native grid (no reprojection). */
  public static RenderSettings defaults() {
    return new RenderSettings(DEFAULT_QUANTITY, DEFAULT_MIN_DBZ, DEFAULT_MAX_PIXELS, DEFAULT_COMPRESSION_LEVEL, PngFilter.NONE);
  }

  public String quantity() {
    return quantity;
  }

  public double minDbz() {
    return minDbz;
  }

  public long maxPixels() {
    return maxPixels;
  }

  public int compressionLevel() {
    return compressionLevel;
  }

  public PngFilter filter() {
    return filter;
  }

  public Projection projection() {
    return projection;
  }
}
