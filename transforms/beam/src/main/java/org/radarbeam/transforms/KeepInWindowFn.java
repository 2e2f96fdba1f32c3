package org.radarbeam.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.source.TimeWindow;

/**
 * Keeps the frames inside the run's window (and those whose time is still unknown); the others are
 * counted, so the summary's numbers add up.
 */
public final class KeepInWindowFn extends DoFn<FrameRef, FrameRef> {
  private final TimeWindow window;
  private final Counter outside = RadarMetrics.counter(RadarMetrics.OUTSIDE_WINDOW);

  public KeepInWindowFn(TimeWindow window) {
    this.window = window;
  }

  @ProcessElement
  public void process(@Element FrameRef f, OutputReceiver<FrameRef> out) {
    if (f.nominalEpochSeconds() == null || window.contains(f.nominalEpochSeconds())) {
      out.output(f);
    } else {
      outside.inc();
    }
  }
}
