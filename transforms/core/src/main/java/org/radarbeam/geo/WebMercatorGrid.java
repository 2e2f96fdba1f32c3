package org.radarbeam.geo;

import java.util.Locale;

/**
 * A north-up raster in EPSG:3857: {@code width x height} pixels of {@code resX x resY} metres whose
 * outer north-west corner is (minX, maxY). Pixel (col, row) has its centre at
 * (minX + (col + 0.5) resX, maxY - (row + 0.5) resY).
 */
public final class WebMercatorGrid {
  private final double minX;
  private final double maxY;
  private final double resX;
  private final double resY;
  private final int width;
  private final int height;

  public WebMercatorGrid(double minX, double maxY, double resX, double resY, int width, int height) {
    if (width < 1 || height < 1 || !(resX > 0) || !(resY > 0)) {
      throw new IllegalArgumentException("bad grid " + width + "x" + height + " res " + resX + "x" + resY);
    }
    this.minX = minX;
    this.maxY = maxY;
    this.resX = resX;
    this.resY = resY;
    this.width = width;
    this.height = height;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double resX() {
    return resX;
  }

  public double resY() {
    return resY;
  }

  public double minX() {
    return minX;
  }

  public double maxY() {
    return maxY;
  }

  public double maxX() {
    return minX + width * resX;
  }

  public double minY() {
    return maxY - height * resY;
  }

  /** Mercator x of pixel coordinate {@code col} (col + 0.5 = a pixel centre). */
  public double x(double col) {
    return minX + col * resX;
  }

  /** Mercator y of pixel coordinate {@code row}. */
  public double y(double row) {
    return maxY - row * resY;
  }

  /**
   * The grid over the same bounds with pixels of about {@code metres}: width and height rounded up
   * (at least 1) and the pixels stretched to fit the bounds exactly, as the composite grid is sized.
   */
  public WebMercatorGrid atResolution(double metres) {
    if (!(metres > 0)) {
      throw new IllegalArgumentException("resolution must be positive, got " + metres);
    }
    double spanX = width * resX;
    double spanY = height * resY;
    int w = Math.max(1, (int) Math.ceil(spanX / metres - 1e-9));
    int h = Math.max(1, (int) Math.ceil(spanY / metres - 1e-9));
    return new WebMercatorGrid(minX, maxY, spanX / w, spanY / h, w, h);
  }

  /** Outer bounds in metres: minX, minY, maxX, maxY. */
  public double[] mercatorBounds() {
    return new double[] {minX, minY(), maxX(), maxY};
  }

  /**
   * Outer bounds in WGS84 degrees: west, south, east, north, what a web map needs to place the
   * image (and what extent_index.json holds).
   */
  public double[] bounds() {
    return new double[] {WebMercator.lon(minX), WebMercator.lat(minY()), WebMercator.lon(maxX()), WebMercator.lat(maxY)};
  }

  @Override
  public String toString() {
    double[] b = bounds();
    return String.format(Locale.ROOT, "%dx%d at %.6f x %.6f m, W %.6f S %.6f E %.6f N %.6f",
        width, height, resX, resY, b[0], b[1], b[2], b[3]);
  }
}
