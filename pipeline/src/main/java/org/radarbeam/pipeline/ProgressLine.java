package org.radarbeam.pipeline;

import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.radarbeam.transforms.RadarMetrics;

/**
 * The progress of a running job from its Beam counters: {@code progress: rendered 12/36 frames (2
 * failed, 3 skipped), 3.1 frames/s, ETA 8 s}. The frames to do are those listed less those
 * skipped, duplicate or outside the window, so the total settles once listing ends.
 */
public final class ProgressLine {
  private ProgressLine() {}

  /** The line for {@code result} after {@code seconds} of running; null while nothing was rendered or failed. */
  static String of(PipelineResult result, double seconds) {
    long listed = RunSummary.count(result, RadarMetrics.LISTED);
    long skipped = RunSummary.count(result, RadarMetrics.SKIPPED);
    long rendered = RunSummary.count(result, RadarMetrics.RENDERED);
    long failed = RunSummary.count(result, RadarMetrics.FAILED);
    long notToDo = skipped + RunSummary.count(result, RadarMetrics.DUPLICATES)
        + RunSummary.count(result, RadarMetrics.OUTSIDE_WINDOW);
    return format(listed - notToDo, rendered, failed, skipped, seconds);
  }

  /** The line for these numbers; null while nothing was rendered or failed. */
  public static String format(long toDo, long rendered, long failed, long skipped, double seconds) {
    long done = rendered + failed;
    if (done == 0) {
      return null;
    }
    long total = Math.max(toDo, done);
    double rate = seconds > 0 ? done / seconds : 0;
    long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    return String.format(Locale.ROOT, "progress: rendered %d/%d frames (%d failed, %d skipped), %.1f frames/s, ETA %d s",
        rendered, total, failed, skipped, rate, eta);
  }
}
