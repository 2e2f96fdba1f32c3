package org.radarbeam.codec.srd;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.geo.GridGeometry;

/**
 * The ARSO (Slovenia, domain SI0) grid: Lambert conformal conic on a sphere of radius 6371 km,
 * 1 km cells, cell (i = 205, j = 145) (1-based, i west to east, j north to south) at the
 * projection origin, so a cell centre lies at x_km = i - 205, y_km = 145 - j, as imeteo-radar
 * places it.
 *
 * <p>imeteo-radar states the sphere as {@code +R=6371000}. proj4j 1.4.1 silently ignores {@code +R}
 * (it falls back to the WGS84 ellipsoid, which moves the grid by up to 0.005 degrees, about
 * 400 m), so {@link #PROJDEF} states the same sphere as {@code +a=6371000 +b=6371000}, which
 * proj4j honours and which reproduces imeteo-radar's extent to the last published digit. The sphere
 * carries no datum shift, exactly as PROJ treats it: its lon/lat are taken as WGS84 lon/lat.
 */
public final class ArsoGrid {
  /** The projection of {@link GridGeometry#projdef()} for SRD grids: imeteo-radar's, with +R as +a/+b. */
  public static final String PROJDEF = "+proj=lcc +lat_1=46.12 +lat_2=46.12 +lat_0=46.12 +lon_0=14.815"
      + " +x_0=0 +y_0=0 +a=6371000 +b=6371000 +units=km +no_defs";
  /** The projection as imeteo-radar writes it (PROJ syntax; proj4j misreads +R). */
  public static final String SPEC_PROJDEF = "+proj=lcc +lat_1=46.12 +lat_2=46.12 +lat_0=46.12 +lon_0=14.815"
      + " +x_0=0 +y_0=0 +R=6371000 +units=km";
  public static final int ORIGIN_I = 205;
  public static final int ORIGIN_J = 145;
  /** Cell size in metres. */
  public static final double CELL_METRES = 1000.0;
  public static final int DEFAULT_WIDTH = 401;
  public static final int DEFAULT_HEIGHT = 301;

  private static final CRSFactory CRS = new CRSFactory();
  private static final CoordinateReferenceSystem LCC = CRS.createFromParameters("ARSO-SI0", PROJDEF);
  private static final CoordinateReferenceSystem WGS84 = CRS.createFromParameters("WGS84", "+proj=longlat +datum=WGS84 +no_defs");
  private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

  private ArsoGrid() {}

  /** A transform from grid kilometres to WGS84 lon/lat; not thread-safe, so one per caller. */
  public static CoordinateTransform toLonLat() {
    return TRANSFORMS.createTransform(LCC, WGS84);
  }

  /** {lon, lat} of the centre of cell (i, j), 1-based, i west to east, j north to south. */
  public static double[] cellCentre(CoordinateTransform t, int i, int j) {
    ProjCoordinate out = new ProjCoordinate();
    t.transform(new ProjCoordinate(i - ORIGIN_I, ORIGIN_J - j), out);
    return new double[] {out.x, out.y};
  }

  /** The geometry of a {@code width x height} grid: its corner cell centres in WGS84. */
  public static GridGeometry geometry(int width, int height) {
    CoordinateTransform t = toLonLat();
    double[] ul = cellCentre(t, 1, 1);
    double[] ur = cellCentre(t, width, 1);
    double[] ll = cellCentre(t, 1, height);
    double[] lr = cellCentre(t, width, height);
    return new GridGeometry(PROJDEF, width, height, CELL_METRES, CELL_METRES,
        ul[0], ul[1], ur[0], ur[1], ll[0], ll[1], lr[0], lr[1]);
  }

  /**
   * Most cells a side of a grid {@link #lonLatGeometry} places: 10000 km, a quarter of the way round the
   * Earth (ARSO's grid is 401 x 301). Its bounds transform every border cell, about a microsecond each,
   * so a 16 MB file of 8 million x 2 cells took 10 s.
   */
  static final int MAX_LONLAT_SIDE = 10_000;

  /** The projection of {@link #lonLatGeometry}. */
  static final String LONLAT_PROJDEF = "+proj=longlat +datum=WGS84 +no_defs";

  /**
   * imeteo-radar's placement of a {@code width x height} grid ({@link ArsoPlacement#LONLAT}): the
   * {@link #cellCentreBounds} as the corners of a regular lon/lat grid, rows north to south.
   *
   * @throws BadInputException for a grid of one row or column, whose centres span no box to stretch it over,
   *     or of more than {@link #MAX_LONLAT_SIDE} cells a side
   */
  public static GridGeometry lonLatGeometry(int width, int height) throws BadInputException {
    if (width < 2 || height < 2) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "cannot place the grid on a map: --arsoGrid=lonlat needs at"
          + " least 2x2 cells to span a lon/lat box, got " + width + "x" + height + " (use --arsoGrid=lcc)");
    }
    if (width > MAX_LONLAT_SIDE || height > MAX_LONLAT_SIDE) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "cannot place the grid on a map: --arsoGrid=lonlat spans a lon/lat"
          + " box over at most " + MAX_LONLAT_SIDE + " cells (km) a side, got " + width + "x" + height + " (use --arsoGrid=lcc)");
    }
    double[] b = cellCentreBounds(width, height);
    return new GridGeometry(LONLAT_PROJDEF, width, height, (b[2] - b[0]) / (width - 1), (b[3] - b[1]) / (height - 1),
        b[0], b[3], b[2], b[3], b[0], b[1], b[2], b[1]);
  }

  /**
   * {west, south, east, north} of all cell centres of a {@code width x height} grid, the extent
   * imeteo-radar derives (W 12.105563, E 17.418262, S 44.687429, N 47.414912 for 401 x 301).
   * Only the outermost cells are transformed: latitude is monotone in the distance from the cone's
   * apex and longitude in the angle around it, and both take their extremes over a rectangle that
   * excludes the apex on its border.
   */
  public static double[] cellCentreBounds(int width, int height) {
    CoordinateTransform t = toLonLat();
    double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 1; i <= width; i++) {
      extend(b, cellCentre(t, i, 1));
      extend(b, cellCentre(t, i, height));
    }
    for (int j = 1; j <= height; j++) {
      extend(b, cellCentre(t, 1, j));
      extend(b, cellCentre(t, width, j));
    }
    return b;
  }

  private static void extend(double[] b, double[] lonLat) {
    b[0] = Math.min(b[0], lonLat[0]);
    b[1] = Math.min(b[1], lonLat[1]);
    b[2] = Math.max(b[2], lonLat[0]);
    b[3] = Math.max(b[3], lonLat[1]);
  }
}
