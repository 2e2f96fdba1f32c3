package org.radarbeam.render;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.source.RadarSource;

/**
 * The CPU side of rendering, bounded to one frame per core in a JVM. A worker thread downloads its
 * input without a slot and takes one only to decode, warp, encode and write; so threads that wait
 * on a slow provider never hold the cores, and a runner can have more threads than cores to keep
 * downloads going while frames render. Each slot keeps its renderer (frame buffer, Inflater,
 * encoder, LUTs) between frames: renderers grow with the cores, not with the threads.
 */
public final class RenderSlots {
  private static final RenderSlots SHARED = new RenderSlots(Runtime.getRuntime().availableProcessors());

  private final BlockingQueue<Renderers> free;
  private final int size;

  public RenderSlots(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("render slots must be at least 1, got " + size);
    }
    this.size = size;
    this.free = new ArrayBlockingQueue<>(size, true);
    for (int i = 0; i < size; i++) {
      free.add(new Renderers());
    }
  }

  /** The JVM's slots: one per available processor. */
  public static RenderSlots shared() {
    return SHARED;
  }

  public int size() {
    return size;
  }

  /** Slots not taken at this moment. */
  public int available() {
    return free.size();
  }

  /** Waits for a free slot; close it to give it back. */
  public Slot take() throws InterruptedIOException {
    try {
      return new Slot(free.take());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a render slot");
    }
  }

  /**
   * Takes a slot and decodes {@code data} (already downloaded) as a frame of {@code source} with
   * its renderer; the slot is given back at once if decoding fails, else when the result is closed.
   */
  public Decoding decode(ByteBuffer data, RenderSettings settings, RadarSource source)
      throws BadInputException, InterruptedIOException {
    Slot slot = take();
    try {
      FrameRenderer renderer = slot.renderer(settings);
      return new Decoding(slot, renderer, renderer.decode(data, source));
    } catch (BadInputException | RuntimeException | Error e) {
      slot.close();
      throw e;
    }
  }

  /** A frame decoded in a slot: encode and write it, then close to give the slot back. */
  public record Decoding(Slot slot, FrameRenderer renderer, FrameRenderer.Decoded frame) implements AutoCloseable {
    @Override
    public void close() {
      slot.close();
    }
  }

  /**
   * One loan of a slot to one thread. A loan of its own for each take: a handle closed twice gives the slot back
   * once, and never the slot another thread has taken since.
   */
  public final class Slot implements AutoCloseable {
    private final Renderers renderers;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Slot(Renderers renderers) {
      this.renderers = renderers;
    }

    /** This slot's renderer for {@code s}; made anew only when the settings differ from the last frame's. */
    public FrameRenderer renderer(RenderSettings s) {
      if (!open.get()) {
        throw new IllegalStateException("render slot used after it was given back");
      }
      return renderers.renderer(s);
    }

    /** Gives the slot back; a second close does nothing. */
    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        free.add(renderers);
      }
    }
  }

  /** One core's worth of rendering state, kept between loans (the queue hands it from thread to thread). */
  private static final class Renderers {
    private RenderSettings settings;
    private FrameRenderer renderer;

    FrameRenderer renderer(RenderSettings s) {
      if (renderer == null || !s.equals(settings)) {
        // the new one first: a renderer that cannot be made leaves the old one whole, not closed and still kept
        FrameRenderer made = new FrameRenderer(s);
        if (renderer != null) {
          renderer.close();
        }
        renderer = made;
        settings = s;
      }
      return renderer;
    }
  }
}
