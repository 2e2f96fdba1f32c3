package org.radarbeam.beam;

import java.io.IOException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.model.RenderedFrame;
import org.radarbeam.store.ObjectStore;

/** Writes each rendered PNG under its key, all or nothing; outputs the key written. */
public final class WriteObjectsFn extends DoFn<RenderedFrame, String> {
  private final ObjectStore store;
  private final Counter written = RadarMetrics.counter(RadarMetrics.WRITTEN);
  private final Counter bytes = RadarMetrics.counter(RadarMetrics.BYTES_WRITTEN);

  public WriteObjectsFn(ObjectStore store) {
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
