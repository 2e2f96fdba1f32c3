package org.radarbeam.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.radarbeam.render.RenderSlots;

/** Composite grids: one per render slot, reused cleared, never more than the permits. */
class CompositeGridsTest {
  @Test
  void aGridIsReusedClearedForTheSameResolution() throws Exception {
    CompositeGrids grids = new CompositeGrids(1);
    SlotComposite g = grids.take(1000);
    assertTrue(g.add(new byte[] {42, 42, 42, 42}, SlotCompositeTest.lonLat(2, 2, 14.0, 48.0, 14.1, 48.1), 2, 2));
    grids.give(g);
    SlotComposite again = grids.take(1000);
    assertSame(g, again);
    assertTrue(java.util.Arrays.equals(new byte[again.cells().length], again.cells()), "cleared for the next slot");
    grids.give(again);
    SlotComposite other = grids.take(2000);
    assertNotSame(g, other, "another resolution, another grid");
    assertEquals(CompositeGrid.at(2000).width(), other.grid().width());
    grids.give(other);
  }

  @Test
  void aGridThatCannotBeMadeGivesItsPermitBack() throws Exception {
    CompositeGrids grids = new CompositeGrids(1);
    assertThrows(IllegalArgumentException.class, () -> grids.take(0));
    assertEquals(1, grids.available(), "the failed take kept its permit: the next would wait for ever");
    SlotComposite g = grids.take(2000);
    grids.give(g);
  }

  @Test
  void noMoreGridsAtOnceThanPermits() throws Exception {
    CompositeGrids grids = new CompositeGrids(1);
    SlotComposite held = grids.take(1000);
    CompletableFuture<SlotComposite> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return grids.take(1000);
      } catch (java.io.InterruptedIOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      waiting.get(300, TimeUnit.MILLISECONDS);
      throw new AssertionError("a second grid was lent while the only one was held");
    } catch (TimeoutException expected) {
      // waits while the only grid is held
    }
    grids.give(held);
    assertSame(held, waiting.get(10, TimeUnit.SECONDS));
    assertEquals(0, grids.available());
  }

  /** A cancelled run interrupts its workers: one waiting for a grid stops waiting, keeps its flag, holds no permit. */
  @Test
  void aThreadInterruptedWhileWaitingForAGridStopsWaiting() throws Exception {
    CompositeGrids grids = new CompositeGrids(1);
    SlotComposite held = grids.take(2000);
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        outcome.complete(grids.take(2000));
      } catch (java.io.InterruptedIOException e) {
        outcome.complete(e.getMessage() + "; interrupted " + Thread.currentThread().isInterrupted());
      }
    });
    waiter.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (waiter.getState() != Thread.State.WAITING && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    waiter.interrupt();
    assertEquals("interrupted while waiting for a composite grid; interrupted true", outcome.get(10, TimeUnit.SECONDS));
    assertEquals(0, grids.available(), "the interrupted take holds no permit");
    grids.give(held);
    assertEquals(1, grids.available());
  }

  @Test
  void theJvmHasOneGridPerRenderSlot() {
    assertTrue(CompositeGrids.shared().available() <= RenderSlots.shared().size());
  }
}
