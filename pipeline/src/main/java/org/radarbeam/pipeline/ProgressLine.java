package org.radarbeam.pipeline;

import java.util.Locale;
import java.util.function.ToLongFunction;
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
    return of(name -> RunSummary.count(result, name), seconds);
  }

  /**
   * The line from the job's counters, read by name through {@code counter} (a runner's metrics, or
   * the counters a Flink cluster reports); null while nothing was rendered or failed.
   */
  public static String of(ToLongFunction<String> counter, double seconds) {
    long skipped = counter.applyAsLong(RadarMetrics.SKIPPED);
    // frames left for the next run are no longer this run's to do
    long notToDo = skipped + counter.applyAsLong(RadarMetrics.DUPLICATES)
        + counter.applyAsLong(RadarMetrics.OUTSIDE_WINDOW) + counter.applyAsLong(RadarMetrics.LEFT);
    return format(counter.applyAsLong(RadarMetrics.LISTED) - notToDo, counter.applyAsLong(RadarMetrics.RENDERED),
        counter.applyAsLong(RadarMetrics.FAILED), skipped, seconds);
  }

  /** The line for these numbers; null while nothing was rendered or failed. */
  static String format(long toDo, long rendered, long failed, long skipped, double seconds) {
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
