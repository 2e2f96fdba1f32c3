package org.radarbeam.geo;

/** Which source cell a pixel of a source's own Web Mercator image takes (--pixelPlacement). */
public enum PixelPlacement {
  /** The cell its centre lies in: GDAL's nearest neighbour, as imeteo-radar's compositor and coverage masks warp. */
  EXACT,
  /**
   * As imeteo-radar's single-source images: its cached reprojection grids round the cell coordinate of each
   * pixel centre (0 = a cell's west or north edge) instead of truncating it, so about half the pixels take
   * the next cell east or south, and the picture lies half a cell west and north of where the cells are.
   */
  IMETEO;

  /** {@code grid} as this placement samples it. */
  NativeGrid sampled(NativeGrid grid) {
    return this == EXACT ? grid : grid.shifted(-0.5, -0.5);
  }
}
