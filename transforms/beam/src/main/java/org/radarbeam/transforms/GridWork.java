package org.radarbeam.transforms;

import org.radarbeam.composite.CompositeGrids;
import org.radarbeam.render.RenderSlots;

/**
 * What a DoFn that builds composite grids uses: the JVM's render slots and grids (shared by every
 * such DoFn, so their bound holds across steps); inputs are read into the thread's buffer
 * ({@code ReusableBuffer.ofThisThread()}). Its
 * images are encoded with a render slot's PNG writer ({@code FrameRenderer.png()}), taken for the
 * encoding: nothing here needs closing, so a runner's teardown while a worker still encodes (a
 * cancelled run) takes nothing from under it.
 */
final class GridWork {
  final RenderSlots slots = RenderSlots.shared();
  final CompositeGrids grids = CompositeGrids.shared();
}
