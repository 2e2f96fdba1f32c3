package org.radarbeam.transforms;

import java.io.IOException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.store.ObjectStore;

/** Writes each rendered PNG under its key, all or nothing; outputs the keys written. */
public final class WriteObjects extends PTransform<PCollection<RenderedFrame>, PCollection<String>> {
  private final ObjectStore store;

  public WriteObjects(ObjectStore store) {
    this.store = store;
  }

  @Override
  public PCollection<String> expand(PCollection<RenderedFrame> frames) {
    return frames.apply("Write", ParDo.of(new WriteFn(store)));
  }

  private static final class WriteFn extends DoFn<RenderedFrame, String> {
    private final ObjectStore store;
    private final Counter written = RadarMetrics.counter(RadarMetrics.WRITTEN);
    private final Counter bytes = RadarMetrics.counter(RadarMetrics.BYTES_WRITTEN);

    WriteFn(ObjectStore store) {
      this.store = store;
    }

    @ProcessElement
    public void process(@Element RenderedFrame frame, OutputReceiver<String> out) throws IOException {
      store.write(frame.key(), frame.png(), "image/png");
      written.inc();
      bytes.inc(frame.png().length);
      out.output(frame.key());
    }
  }
}
