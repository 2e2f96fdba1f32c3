package org.radarbeam.render;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.radarbeam.codec.srd.ArsoPlacement;
import org.radarbeam.geo.PixelPlacement;
import org.radarbeam.png.PngCompression;
import org.radarbeam.png.PngFilter;

/**
 * The knobs of one rendering: what to draw, how large a grid may be, how the PNG is compressed,
 * on which grid, at which coarser resolutions scaled variants are written too, where ARSO's cells lie and which
 * cell a pixel takes.
 *
 * @param variants pixel sizes in metres of the scaled variants written beside each image (Web
 *     Mercator only), ascending; empty for none
 * @param arsoGrid where ARSO's SRD cells are put on the map
 * @param pixels which source cell a pixel of a Web Mercator image takes
 */
public record RenderSettings(String quantity, double minDbz, long maxPixels, PngCompression png, Projection projection,
    List<Integer> variants, ArsoPlacement arsoGrid, PixelPlacement pixels) implements Serializable {
  public static final double DEFAULT_MIN_DBZ = 10.0;
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  /** The Deflater level of --compressionLevel's most common choice (the run-length encoder is the default). */
  public static final int DEFAULT_COMPRESSION_LEVEL = 6;
  public static final String DEFAULT_QUANTITY = "DBZH";

  public RenderSettings {
    variants = List.copyOf(variants);
    Objects.requireNonNull(arsoGrid, "arsoGrid");
    Objects.requireNonNull(pixels, "pixels");
    if (!variants.isEmpty() && projection != Projection.WEBMERCATOR) {
      throw new IllegalArgumentException("scaled variants are Web Mercator images: they need the Web Mercator projection");
    }
  }

  /** Settings with each pixel taking the cell its centre lies in ({@link PixelPlacement#EXACT}). */
  public RenderSettings(String quantity, double minDbz, long maxPixels, PngCompression png, Projection projection,
      List<Integer> variants, ArsoPlacement arsoGrid) {
    this(quantity, minDbz, maxPixels, png, projection, variants, arsoGrid, PixelPlacement.EXACT);
  }

  /** Settings with ARSO's cells where they lie ({@link ArsoPlacement#LCC}). */
  public RenderSettings(String quantity, double minDbz, long maxPixels, PngCompression png, Projection projection,
      List<Integer> variants) {
    this(quantity, minDbz, maxPixels, png, projection, variants, ArsoPlacement.LCC);
  }

  /** Settings without scaled variants. */
  public RenderSettings(String quantity, double minDbz, long maxPixels, PngCompression png, Projection projection) {
    this(quantity, minDbz, maxPixels, png, projection, List.of());
  }

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
