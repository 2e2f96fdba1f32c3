package org.radarbeam.transforms;

import java.time.Instant;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.http.Redaction;
import org.radarbeam.source.FrameTimes;
import org.radarbeam.source.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the frames inside the run's window (and those whose time is still unknown); the others are
 * counted, so the summary's numbers add up. A frame named with a time no frame can have (see
 * {@link FrameTimes}) is outside every window.
 */
public final class KeepInWindowFn extends DoFn<FrameRef, FrameRef> {
  private static final Logger LOG = LoggerFactory.getLogger(KeepInWindowFn.class);
  private final TimeWindow window;
  private final Counter outside = RadarMetrics.counter(RadarMetrics.OUTSIDE_WINDOW);

  public KeepInWindowFn(TimeWindow window) {
    this.window = window;
  }

  @ProcessElement
  public void process(@Element FrameRef f, OutputReceiver<FrameRef> out) {
    Long t = f.nominalEpochSeconds();
    if (t == null || keeps(window, f, t)) {
      out.output(f);
    } else {
      outside.inc();
    }
  }

  /**
   * Whether {@code f}, of time {@code t}, lies inside {@code window}; one whose time no frame can have
   * is outside every window, and is logged.
   */
  static boolean keeps(TimeWindow window, FrameRef f, long t) {
    String implausible = FrameTimes.implausible(Instant.ofEpochSecond(t), Instant.now());
    if (implausible != null) {
      // a time no frame can have: under that key it would stand first among the newest for good
      LOG.warn("{}: {} is of {}, which no frame can have ({}): left out", f.source(), Redaction.redact(f.uri()),
          Instant.ofEpochSecond(t), implausible);
      return false;
    }
    return window.contains(t);
  }
}
