package org.radarbeam.transforms;

import org.radarbeam.composite.CompositeGrids;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.render.RenderSlots;

/**
 * What a DoFn that builds composite grids keeps between elements: the JVM's render slots and grids
 * (shared by every such DoFn, so their bound holds across steps), an input buffer and a PNG writer
 * of its own. Made in {@code @Setup}, closed in {@code @Teardown}.
 */
final class GridWork implements AutoCloseable {
  final RenderSlots slots = RenderSlots.shared();
  final CompositeGrids grids = CompositeGrids.shared();
  final ReusableBuffer input = new ReusableBuffer();
  final IndexedPngWriter png;

  GridWork(RenderSettings settings) {
    png = new IndexedPngWriter(settings.png());
  }

  @Override
  public void close() {
    png.close();
  }
}
