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

  public SlotComposite(WebMercatorGrid grid) {
    this.grid = grid;
    this.cells = new byte[Math.toIntExact((long) grid.width() * grid.height())];
  }

  public WebMercatorGrid grid() {
    return grid;
  }

  /** Starts a new slot: every pixel transparent. */
  public void clear() {
    Arrays.fill(cells, (byte) 0);
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
    RowSource rows = p.plan().rows(indices);
    for (int r = 0; r < p.plan().height(); r++) {
      rows.row(r, row, 0);
      int base = (p.row0() + r) * grid.width() + p.col0();
      for (int c = 0; c < w; c++) {
        int v = row[c] & 0xFF;
        if (v > (cells[base + c] & 0xFF)) {
          cells[base + c] = (byte) v;
        }
      }
    }
    return true;
  }

  /** The merged palette indices, row-major, first row north ({@code grid().width() x grid().height()}). */
  public byte[] cells() {
    return cells;
  }
}
