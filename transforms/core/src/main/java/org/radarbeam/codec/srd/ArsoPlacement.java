package org.radarbeam.codec.srd;

import org.radarbeam.codec.BadInputException;
import org.radarbeam.geo.GridGeometry;

/** Where ARSO's SRD cells are put on the map (--arsoGrid). */
public enum ArsoPlacement {
  /** Each cell where it lies: Lambert conformal conic, 1 km cells. */
  LCC,
  /**
   * As imeteo-radar places them: the lon/lat box of all cell centres taken as a regular lon/lat grid, its
   * bounds as outer edges in a source's own image and as cell centres in the composite (as for any lon/lat
   * grid). Cells move by up to about 10 km from where they lie; for images that must equal that system's.
   */
  LONLAT;

  /** The geometry of a {@code width x height} SRD grid placed this way; one it cannot place is bad input. */
  public GridGeometry geometry(int width, int height) throws BadInputException {
    return this == LCC ? ArsoGrid.geometry(width, height) : ArsoGrid.lonLatGeometry(width, height);
  }
}
