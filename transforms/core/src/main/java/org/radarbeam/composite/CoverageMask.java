package org.radarbeam.composite;

import java.nio.ByteBuffer;
import org.radarbeam.geo.WarpPlan;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.png.PngPalette;

/**
 * Coverage masks: where a radar network scans, on the grid of its Web Mercator images (and, merged,
 * on the composite grid). Covered pixels decode to RGBA (0, 0, 0, 0), the rest to (128, 128, 128, 255),
 * so a map can grey out what no radar sees. Written as a two-entry indexed PNG: the same pixels as an
 * RGBA image at a fraction of its size.
 */
public final class CoverageMask {
  /** Index 0: not covered (opaque grey); index 1: covered (transparent). */
  public static final PngPalette PALETTE = PngPalette.of(0xFF808080, 0x00000000);

  private CoverageMask() {}

  /** The data-store key of the mask of {@code id} (a source id or {@link CompositeGrid#FOLDER}). */
  public static String key(String id) {
    return "mask/" + id + "/coverage_mask.png";
  }

  /** The mask of one source: its coverage cells (1 covered, 0 not) warped onto its image grid. */
  public static ByteBuffer encode(IndexedPngWriter png, byte[] coverage, WarpPlan imageGrid) {
    return png.encode(imageGrid.rows(coverage), imageGrid.width(), imageGrid.height(), PALETTE);
  }

  /** The composite mask: coverage cells merged (largest wins, so covered by any) on the composite grid. */
  public static ByteBuffer encode(IndexedPngWriter png, SlotComposite merged) {
    return png.encode(merged.cells(), merged.grid().width(), merged.grid().height(), PALETTE);
  }
}
