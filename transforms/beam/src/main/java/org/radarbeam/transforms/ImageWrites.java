package org.radarbeam.transforms;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.TupleTag;
import org.radarbeam.http.Redaction;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSlots;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an image where it was made, from the encoder's buffer (a PNG never waits in memory for a
 * later step, so a worker's memory stays flat however far rendering runs ahead), and counts what was
 * written. An image the store will not take, after its retries, is a failure record of its frame.
 */
final class ImageWrites {
  private static final Logger LOG = LoggerFactory.getLogger(ImageWrites.class);

  /** The failure kind of a frame whose image could not be written. */
  static final String WRITE_FAILED = "write";

  private ImageWrites() {}

  /**
   * Writes {@code png} under {@code key} and counts the object and its bytes; returns its size. A write
   * that fails says which key it was: "cannot write KEY: why".
   */
  static int write(ObjectStore store, String key, ByteBuffer png) throws IOException {
    int size = png.limit();
    try {
      store.write(key, png, "image/png");
    } catch (IOException e) {
      // a file system's exceptions say only the path in their message: their class says what went wrong
      String why = e.getMessage() == null || e instanceof FileSystemException
          ? e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) : e.getMessage();
      throw new IOException("cannot write " + store.describe(key) + ": " + why, e);
    }
    RadarMetrics.counter(RadarMetrics.WRITTEN).inc();
    RadarMetrics.counter(RadarMetrics.BYTES_WRITTEN).inc(size);
    return size;
  }

  /**
   * {@link #image}, output to {@code written}; an image the store does not take after its retries (a key it
   * refuses, a name taken) is a failure record of its frame instead, kind {@code write}: it costs its frame,
   * not the run, whose other frames are still written and indexed, and the next run renders it again. Several
   * refused in a row end the run ({@link WritesInARow}), as does a write the run's cancellation interrupted.
   *
   * @return whether the image was written
   */
  static boolean imageOrFailure(ObjectStore store, FrameRef ref, String key, long nominal, RenderSlots.Decoding decoding,
      List<Integer> variants, long startNanos, TupleTag<WrittenFrame> written, FailureOutput failed, WritesInARow writes,
      MultiOutputReceiver out) throws IOException {
    WrittenFrame w;
    try {
      w = image(store, ref, key, nominal, decoding, variants, startNanos);
    } catch (IOException e) {
      throwIfStopped(e, store, key);
      writes.refused(e);
      failed.emit(FrameFailures.of(ref.withNominal(nominal), WRITE_FAILED, e.getMessage()), out);
      return false;
    }
    writes.written();
    out.get(written).output(w);
    return true;
  }

  /**
   * Throws {@code e}, a failed write of {@code key}, as the run's stop where the run's cancellation interrupted
   * it: such a write is no refusal of the store's, to be counted against it.
   */
  static void throwIfStopped(IOException e, ObjectStore store, String key) throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      InterruptedIOException stopped = new InterruptedIOException("stopped while writing " + store.describe(key));
      stopped.initCause(e);
      throw stopped;
    }
  }

  /**
   * Writes the scaled variants of a frame decoded in {@code decoding} beside its image {@code key}
   * ({key without .png}@{metres}m.png), then the image itself; counts it as rendered for its source,
   * logs it and returns its record ({@code startNanos}: when work on the frame began). The image comes
   * last: skip-existing looks for the image alone, so an image stands for a frame whose variants were all
   * written, and a run stopped or failed in between renders the frame again next time. A variant is never
   * larger than its image: one whose pixels would not be coarser than the image's is not written.
   */
  static WrittenFrame image(ObjectStore store, FrameRef ref, String key, long nominal, RenderSlots.Decoding decoding,
      List<Integer> variants, long startNanos) throws IOException {
    FrameRenderer.Decoded d = decoding.frame();
    for (int m : variants) {
      if (d.plan() != null && m > Math.max(d.plan().grid().resX(), d.plan().grid().resY())) {
        write(store, OutputKeys.variant(key, m), decoding.renderer().encodeVariant(d, m).pngView());
      }
    }
    FrameRenderer.Rendered r = decoding.renderer().encode(d);
    int size = write(store, key, r.pngView());
    RadarMetrics.counter(RadarMetrics.RENDERED).inc();
    RadarMetrics.counter(RadarMetrics.RENDERED, ref.source()).inc();
    RadarMetrics.sawFrame(ref.source(), nominal);
    LOG.atInfo().addKeyValue("source", ref.source()).addKeyValue("uri", Redaction.redact(ref.uri()))
        .addKeyValue("key", key).log("rendered {} -> {} ({}x{}, {} bytes, {} ms)", Redaction.redact(ref.uri()),
            store.describe(key), r.width(), r.height(), size, (System.nanoTime() - startNanos) / 1_000_000);
    return new WrittenFrame(ref.extent(), ref.uri(), key, nominal, r.width(), r.height(), size, r.bounds());
  }
}
