package org.radarbeam.composite;

import java.util.Arrays;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.geo.Placement;
import org.radarbeam.geo.WarpPlans;
import org.radarbeam.geo.WebMercatorGrid;
import org.radarbeam.png.RowSource;

/**
 * The image of one composite slot while its members are merged into it: one byte per pixel of the
 * composite grid, holding the largest palette index any member put there. Palette indices rise
 * with dBZ (and 0, transparent, is below every echo), so the largest index is the index of the
 * largest reflectivity: the per-pixel maximum of the members without a float grid. Members are
 * added one at a time from their native index buffers; the order of additions does not matter.
 * One instance per worker, cleared for each slot; not thread-safe.
 */
public final class SlotComposite {
  private final WebMercatorGrid grid;
  private final byte[] cells;
  private byte[] row = new byte[0];
  /** Rows [dirtyFrom, dirtyTo) may hold indices; the rest are 0, so clear() fills only these. */
  private int dirtyFrom;
  private int dirtyTo;

  public SlotComposite(WebMercatorGrid grid) {
    this.grid = grid;
    this.cells = new byte[Math.toIntExact((long) grid.width() * grid.height())];
  }

  public WebMercatorGrid grid() {
    return grid;
  }

  /**
   * Starts a new slot: every pixel transparent. Only the rows members were placed on are filled (a
   * new grid is already zero), which spares a one-slot run the fill of the 24 MB grid.
   */
  public void clear() {
    if (dirtyFrom < dirtyTo) {
      Arrays.fill(cells, dirtyFrom * grid.width(), dirtyTo * grid.width(), (byte) 0);
    }
    dirtyFrom = 0;
    dirtyTo = 0;
  }

  /**
   * Merges one member: {@code indices} holds its {@code width x height} palette indices on its own
   * grid (row-major, first row north), placed by nearest neighbour.
   *
   * @return false when the member's grid lies wholly outside the composite
   * @throws IllegalArgumentException when its geometry cannot be placed on a map
   */
  public boolean add(byte[] indices, GridGeometry geometry, int width, int height) {
    Placement p = WarpPlans.forTarget(geometry, width, height, grid);
    if (p == null) {
      return false;
    }
    int w = p.plan().width();
    if (row.length < w) {
      row = new byte[w];
    }
    int h = p.plan().height();
    dirtyFrom = dirtyFrom < dirtyTo ? Math.min(dirtyFrom, p.row0()) : p.row0();
    dirtyTo = Math.max(dirtyTo, p.row0() + h);
    RowSource rows = p.plan().rows(indices);
    for (int r = 0; r < h; r++) {
      rows.row(r, row, 0);
      int base = (p.row0() + r) * grid.width() + p.col0();
      for (int c = 0; c < w; c++) {
        int v = row[c] & 0xFF;
        if (v != 0 && v > (cells[base + c] & 0xFF)) { // most of a member is transparent: no read of cells there
          cells[base + c] = (byte) v;
        }
      }
    }
    return true;
  }

  /**
   * The merged palette indices, row-major, first row north ({@code grid().width() x grid().height()});
   * read only: {@link #clear} resets just the rows that {@link #add} wrote.
   */
  public byte[] cells() {
    return cells;
  }
}
