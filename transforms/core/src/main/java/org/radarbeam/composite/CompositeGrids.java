package org.radarbeam.composite;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import org.radarbeam.geo.WebMercatorGrid;
import org.radarbeam.render.RenderSlots;

/**
 * The composite grids of a JVM, one per render slot: a thread merging a slot holds one from its
 * first member to its encoding, downloads included, so their number is bounded here rather than
 * by the threads (a 500 m grid is 24 MB). A thread takes its grid before any render slot and
 * gives it back after, so the two never wait on each other in a circle.
 */
public final class CompositeGrids {
  private static final CompositeGrids SHARED = new CompositeGrids(RenderSlots.shared().size());

  private final Semaphore permits;
  private final Deque<SlotComposite> idle = new ArrayDeque<>();

  public CompositeGrids(int size) {
    permits = new Semaphore(size, true);
  }

  public static CompositeGrids shared() {
    return SHARED;
  }

  /** Waits for a grid and returns it cleared, at {@code metres} resolution; give it back when done. */
  public SlotComposite take(int metres) throws InterruptedIOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a composite grid");
    }
    try {
      return cleared(metres);
    } catch (RuntimeException | Error e) {
      permits.release(); // a grid that could not be made (out of memory) must not keep its permit
      throw e;
    }
  }

  private SlotComposite cleared(int metres) {
    WebMercatorGrid want = CompositeGrid.at(metres);
    SlotComposite grid = null;
    synchronized (idle) {
      for (Iterator<SlotComposite> it = idle.iterator(); it.hasNext() && grid == null;) {
        SlotComposite g = it.next();
        if (g.grid().width() == want.width() && g.grid().height() == want.height()) {
          it.remove();
          grid = g;
        }
      }
      if (grid == null && !idle.isEmpty()) {
        idle.removeLast(); // another resolution's: dropped, so grids never outnumber the permits
      }
    }
    if (grid == null) {
      grid = new SlotComposite(want);
    }
    grid.clear();
    return grid;
  }

  /** Gives back a grid from {@link #take}. */
  public void give(SlotComposite grid) {
    synchronized (idle) {
      idle.push(grid);
    }
    permits.release();
  }

  /** Grids not taken at this moment. */
  public int available() {
    return permits.availablePermits();
  }
}
