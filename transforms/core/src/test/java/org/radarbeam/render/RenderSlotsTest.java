package org.radarbeam.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.palette.Scaling;
import org.radarbeam.source.RadarSource;

/** At most one frame per slot at a time, renderers kept per slot, slots always given back. */
class RenderSlotsTest {
  private static final RenderSettings SETTINGS = RenderSettings.defaults();

  @Test
  void noMoreFramesAtOnceThanSlotsWhateverTheThreads() throws Exception {
    RenderSlots slots = new RenderSlots(2);
    AtomicInteger inSlot = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        done.add(threads.submit(() -> {
          try (RenderSlots.Slot s = slots.take()) {
            most.accumulateAndGet(inSlot.incrementAndGet(), Math::max);
            Thread.sleep(2);
            inSlot.decrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(2, most.get(), "8 threads, 2 slots");
    assertEquals(2, slots.available());
  }

  @Test
  void aSlotKeepsItsRendererWhileTheSettingsStayTheSame() throws Exception {
    RenderSlots slots = new RenderSlots(1);
    FrameRenderer first;
    try (RenderSlots.Slot s = slots.take()) {
      first = s.renderer(SETTINGS);
    }
    try (RenderSlots.Slot s = slots.take()) {
      assertSame(first, s.renderer(RenderSettings.defaults()));
      assertNotSame(first, s.renderer(new RenderSettings(SETTINGS.quantity(), 20.0, SETTINGS.maxPixels(),
          SETTINGS.png(), SETTINGS.projection())), "other settings, another renderer");
    }
  }

  @Test
  void aFrameThatCannotBeDecodedGivesItsSlotBack() {
    RenderSlots slots = new RenderSlots(1);
    ByteBuffer junk = ByteBuffer.wrap("not a radar file".getBytes());
    assertThrows(BadInputException.class, () -> slots.decode(junk, SETTINGS, new RadarSource("odim", "odim", InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS, null, null)));
    assertEquals(1, slots.available());
  }

  @Test
  void closingTwiceGivesBackOnce() throws Exception {
    RenderSlots slots = new RenderSlots(1);
    RenderSlots.Slot s = slots.take();
    s.close();
    s.close();
    assertEquals(1, slots.available());
    assertThrows(IllegalStateException.class, () -> s.renderer(SETTINGS), "a slot given back lends nothing");
  }

  /** A stale handle closed again after another thread took the slot gives back nothing: never a slot in use. */
  @Test
  void aStaleHandleNeverGivesBackTheSlotAnotherHolds() throws Exception {
    RenderSlots slots = new RenderSlots(1);
    RenderSlots.Slot first = slots.take();
    FrameRenderer renderer = first.renderer(SETTINGS);
    first.close();
    RenderSlots.Slot second = slots.take();
    first.close();
    assertEquals(0, slots.available(), "the slot is the second holder's until it gives it back");
    assertSame(renderer, second.renderer(SETTINGS), "the slot's renderer goes with it from loan to loan");
    second.close();
    assertEquals(1, slots.available());
  }

  /** A run that is cancelled while its threads wait for a slot stops them with an I/O error, not a hang. */
  @Test
  void waitingForASlotEndsWhenInterrupted() throws Exception {
    RenderSlots slots = new RenderSlots(1);
    RenderSlots.Slot held = slots.take();
    CountDownLatch waiting = new CountDownLatch(1);
    List<Throwable> thrown = new ArrayList<>();
    Thread t = new Thread(() -> {
      waiting.countDown();
      try {
        slots.take();
      } catch (InterruptedIOException e) {
        thrown.add(e);
      }
    });
    t.start();
    waiting.await();
    t.interrupt();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(1, thrown.size());
    assertTrue(thrown.get(0).getMessage().contains("render slot"));
    held.close();
    assertEquals(1, slots.available());
  }

  @Test
  void atLeastOneSlot() {
    assertThrows(IllegalArgumentException.class, () -> new RenderSlots(0));
    assertEquals(Runtime.getRuntime().availableProcessors(), RenderSlots.shared().size());
  }
}
