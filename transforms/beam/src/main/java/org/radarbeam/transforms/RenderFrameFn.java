package org.radarbeam.transforms;

import java.io.IOException;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.input.InputReader;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.ObjectStore;

/**
 * Fetches, decodes, renders and writes one frame. The renderer (frame buffer, Inflater, encoder,
 * LUTs, PNG buffer) and the input buffer are created once per DoFn instance in @Setup and reused
 * for every element, so a worker's memory stays flat however many frames it renders. Inputs that cannot be rendered go to
 * {@link RenderFrames#FAILED} with a one-line reason; they are never retried.
 */
final class RenderFrameFn extends DoFn<FrameRef, WrittenFrame> {
  private final Map<String, RadarSource> sources;
  private final RenderSettings settings;
  private final InputReader inputs;
  private final ObjectStore store;
  private transient FrameRenderer renderer;
  private transient ReusableBuffer input;

  RenderFrameFn(Map<String, RadarSource> sources, RenderSettings settings, InputReader inputs, ObjectStore store) {
    this.sources = sources;
    this.settings = settings;
    this.inputs = inputs;
    this.store = store;
  }

  @Setup
  public void setup() {
    renderer = new FrameRenderer(settings);
    input = new ReusableBuffer();
  }

  @ProcessElement
  public void process(@Element FrameRef ref, MultiOutputReceiver out) throws IOException {
    RadarSource source = sources.get(ref.source());
    long start = System.nanoTime();
    FrameRenderer.Rendered r;
    try {
      r = renderer.render(inputs.read(ref.uri(), input), source.format(), source.scaling());
    } catch (BadInputException | IOException | OutOfMemoryError | RuntimeException e) {
      FrameFailures.emit(FrameFailures.of(ref, e), out, RenderFrames.FAILED);
      return;
    }
    Long nominal = ref.nominalEpochSeconds();
    if (nominal == null && r.nominalTime() != null) {
      nominal = r.nominalTime().getEpochSecond();
    }
    if (nominal == null) {
      FrameFailures.emit(FrameFailures.of(ref, "bad-attribute",
          "no nominal time: neither the file name nor /what date and time give one"), out, RenderFrames.FAILED);
      return;
    }
    String key = OutputKeys.png(source.folder(), nominal);
    out.get(RenderFrames.WRITTEN).output(ImageWrites.frame(store, ref, key, nominal, r, start));
  }

  @Teardown
  public void teardown() {
    if (renderer != null) {
      renderer.close();
    }
  }
}
