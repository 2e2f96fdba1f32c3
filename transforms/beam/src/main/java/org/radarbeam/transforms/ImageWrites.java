package org.radarbeam.transforms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.radarbeam.http.Redaction;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSlots;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an image where it was made, from the encoder's buffer (a PNG never waits in memory for a
 * later step, so a worker's memory stays flat however far rendering runs ahead; an output that
 * fails fails the run), and counts what was written.
 */
final class ImageWrites {
  private static final Logger LOG = LoggerFactory.getLogger(ImageWrites.class);

  private ImageWrites() {}

  /** Writes {@code png} under {@code key} and counts the object and its bytes; returns its size. */
  static int write(ObjectStore store, String key, ByteBuffer png) throws IOException {
    int size = png.limit();
    store.write(key, png, "image/png");
    RadarMetrics.counter(RadarMetrics.WRITTEN).inc();
    RadarMetrics.counter(RadarMetrics.BYTES_WRITTEN).inc(size);
    return size;
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
