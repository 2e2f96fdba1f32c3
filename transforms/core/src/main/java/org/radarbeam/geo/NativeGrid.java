package org.radarbeam.geo;

/**
 * A source grid's affine georeferencing in its own CRS, as imeteo-radar derives it: pixel (col, row),
 * with (0, 0) the outer north-west corner of the first pixel, maps to
 * {@code x = originX + col * pixelW}, {@code y = originY - row * pixelH}.
 *
 * <p>Projected grids: the ODIM corners UL/UR/LL are pixel <em>centres</em>, so
 * pixelW = (UR_x - UL_x)/(W - 1), pixelH = (UL_y - LL_y)/(H - 1) and the origin lies half a pixel
 * beyond UL. The file's xscale/yscale are not used (SHMU's are wrong, DWD's are rounded).
 *
 * <p>Lon/lat grids: imeteo-radar's single-image exporter takes the corner bbox as the <em>outer
 * edges</em> ({@link LonLatCorners#EDGES}); its compositor takes it as pixel centres
 * ({@link LonLatCorners#CENTRES}). Both are kept so that single images and composites each match
 * imeteo-radar's.
 */
public final class NativeGrid {
  /** How the corner bbox of a lon/lat grid is read. */
  public enum LonLatCorners {
    /** bbox = outer edges of the outer pixels (single-image exporter). */
    EDGES,
    /** bbox = centres of the outer pixels (compositor). */
    CENTRES
  }

  private final NativeCrs crs;
  private final int width;
  private final int height;
  private final double originX;
  private final double originY;
  private final double pixelW;
  private final double pixelH;

  NativeGrid(NativeCrs crs, int width, int height, double originX, double originY, double pixelW, double pixelH) {
    this.crs = crs;
    this.width = width;
    this.height = height;
    this.originX = originX;
    this.originY = originY;
    this.pixelW = pixelW;
    this.pixelH = pixelH;
  }

  /** The exporter's georeferencing of a {@code width x height} grid described by {@code g}. */
  public static NativeGrid of(GridGeometry g, int width, int height) {
    return of(g, width, height, LonLatCorners.EDGES);
  }

  /**
   * Georeferencing of a {@code width x height} grid described by {@code g}.
   *
   * @throws IllegalArgumentException when the corners are missing, the projdef is unusable or the
   *     corners do not span a north-up grid
   */
  public static NativeGrid of(GridGeometry g, int width, int height, LonLatCorners lonLat) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("empty grid " + width + "x" + height);
    }
    NativeCrs crs = NativeCrs.parse(g.projdef());
    NativeGrid grid = crs.isLonLat() ? lonLat(crs, g, width, height, lonLat) : projected(crs, g, width, height);
    if (!(grid.pixelW > 0) || !(grid.pixelH > 0) || !Double.isFinite(grid.originX) || !Double.isFinite(grid.originY)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "corners give no north-up grid: pixel %s x %s at (%s, %s) in %s",
          grid.pixelW, grid.pixelH, grid.originX, grid.originY, crs));
    }
    return grid;
  }

  private static NativeGrid projected(NativeCrs crs, GridGeometry g, int width, int height) {
    if (width < 2 || height < 2) {
      throw new IllegalArgumentException("a projected grid needs at least 2x2 pixels to place its corners, got "
          + width + "x" + height);
    }
    double[] ul = project(crs, g.ulLon(), g.ulLat(), "UL");
    double[] ur = project(crs, g.urLon(), g.urLat(), "UR");
    double[] ll = project(crs, g.llLon(), g.llLat(), "LL");
    double pw = (ur[0] - ul[0]) / (width - 1);
    double ph = (ul[1] - ll[1]) / (height - 1);
    return new NativeGrid(crs, width, height, ul[0] - pw / 2, ul[1] + ph / 2, pw, ph);
  }

  private static double[] project(NativeCrs crs, double lon, double lat, String name) {
    if (Double.isNaN(lon) || Double.isNaN(lat)) {
      throw new IllegalArgumentException("missing corner " + name + "_lon/" + name + "_lat");
    }
    double[] xy = new double[2];
    if (!crs.forward(lon, lat, xy)) {
      throw new IllegalArgumentException("corner " + name + " (" + lon + ", " + lat + ") is outside " + crs);
    }
    return xy;
  }

  private static NativeGrid lonLat(NativeCrs crs, GridGeometry g, int width, int height, LonLatCorners mode) {
    double[] b = g.cornerBounds(); // west, south, east, north
    for (double v : b) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("lon/lat grid without corner coordinates");
      }
    }
    if (mode == LonLatCorners.EDGES) {
      double pw = (b[2] - b[0]) / width;
      double ph = (b[3] - b[1]) / height;
      return new NativeGrid(crs, width, height, b[0], b[3], pw, ph);
    }
    if (width < 2 || height < 2) {
      throw new IllegalArgumentException("corner centres need at least 2x2 pixels, got " + width + "x" + height);
    }
    double pw = (b[2] - b[0]) / (width - 1);
    double ph = (b[3] - b[1]) / (height - 1);
    return new NativeGrid(crs, width, height, b[0] - pw / 2, b[3] + ph / 2, pw, ph);
  }

  public NativeCrs crs() {
    return crs;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double originX() {
    return originX;
  }

  public double originY() {
    return originY;
  }

  public double pixelWidth() {
    return pixelW;
  }

  public double pixelHeight() {
    return pixelH;
  }

  /** Native x of pixel coordinate {@code col} (0 = west edge; col + 0.5 = a pixel centre). */
  public double x(double col) {
    return originX + col * pixelW;
  }

  /** Native y of pixel coordinate {@code row} (0 = north edge). */
  public double y(double row) {
    return originY - row * pixelH;
  }

  /** Pixel column of native {@code x}. */
  public double col(double x) {
    return (x - originX) / pixelW;
  }

  /** Pixel row of native {@code y}. */
  public double row(double y) {
    return (originY - y) / pixelH;
  }

  /**
   * This grid moved by {@code cols} pixels east and {@code rows} pixels south (negative: west, north),
   * its pixel size and CRS kept.
   */
  NativeGrid shifted(double cols, double rows) {
    return new NativeGrid(crs, width, height, x(cols), y(rows), pixelW, pixelH);
  }

  /** Native bounds as outer edges: minX, minY, maxX, maxY. */
  public double[] nativeBounds() {
    return new double[] {originX, originY - height * pixelH, originX + width * pixelW, originY};
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%dx%d origin (%.6f, %.6f) pixel %.9g x %.9g in %s",
        width, height, originX, originY, pixelW, pixelH, crs);
  }
}
