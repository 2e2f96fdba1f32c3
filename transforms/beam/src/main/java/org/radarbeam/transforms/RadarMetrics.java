package org.radarbeam.transforms;

import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/** The pipeline's Beam counters; the run summary is read from them. */
public final class RadarMetrics {
  public static final String NAMESPACE = "radarbeam";
  public static final String LISTED = "frames_listed";
  public static final String SKIPPED = "frames_skipped";
  public static final String RENDERED = "frames_rendered";
  public static final String FAILED = "frames_failed";
  public static final String WRITTEN = "objects_written";
  public static final String BYTES_WRITTEN = "bytes_written";
  public static final String PLANNED = "frames_planned";
  public static final String SOURCES_UNAVAILABLE = "sources_unavailable";
  public static final String DUPLICATES = "frames_duplicate";
  /**
   * Every failure record as its JSON line (a string set), kept only in runs with --timeout: what a
   * run stopped by it writes its failure report from, since the report step itself runs only at
   * the end. Beam keeps about 1 MB of strings per metric.
   */
  public static final String FAILURE_RECORDS = "failure_records";
  /** --input patterns that could not be listed (see {@link ExpandInputFn}), with a per-source variant. */
  public static final String INPUTS_UNLISTED = "inputs_unlisted";
  /** Listed frames whose nominal time lies outside the run's window. */
  public static final String OUTSIDE_WINDOW = "frames_outside_window";
  public static final String COMPOSITES = "composites_written";
  /** Composite slots not written, with a per-reason variant: slots_skipped.{reason}. */
  public static final String SLOTS_SKIPPED = "slots_skipped";
  /** The slots_skipped reason of a slot whose composite exists (skip-existing); the others are slots not made. */
  public static final String SLOT_EXISTS = "already-exists";
  /** The slots_skipped reason of a slot with fewer than --minSources core sources. */
  public static final String TOO_FEW_SOURCES = "too-few-sources";
  /** The slots_skipped reasons of a slot left below --minSources by members that failed, or were replaced. */
  public static final String MEMBER_FAILED = "member-failed";
  public static final String MEMBER_REPLACED = "member-replaced";
  /** The slots_skipped reason of a slot whose members were not all fetched when the run's time for requests was up. */
  public static final String TIME_UP = "time-up";
  /** The slots_skipped reason of a slot whose composite the store did not take: a failure, as a frame's would be. */
  public static final String WRITE_FAILED = "write-failed";
  /** Every slots_skipped reason, in the order the summary gives them. */
  public static final List<String> SLOT_SKIP_REASONS = List.of(SLOT_EXISTS, TOO_FEW_SOURCES, MEMBER_FAILED,
      MEMBER_REPLACED, TIME_UP, WRITE_FAILED);
  /**
   * Frames not fetched because the run's time for requests was up (see {@link LeftForNextRun}), with a
   * per-source variant: neither rendered nor failed, the next run renders them.
   */
  public static final String LEFT = "frames_left";

  private RadarMetrics() {}

  /** Prefix of the per-source newest-frame distribution: newest_frame.{source}, in Unix seconds. */
  public static final String NEWEST = "newest_frame";

  /** Records a failure's JSON line (see {@link #FAILURE_RECORDS}). */
  public static void recordFailure(String jsonLine) {
    Metrics.stringSet(NAMESPACE, FAILURE_RECORDS).add(jsonLine);
  }

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  /** The per-source variant of counter {@code name}: {name}.{source}. */
  public static Counter counter(String name, String source) {
    return Metrics.counter(NAMESPACE, name + "." + source);
  }

  /** Counts {@code files} listed files of {@code source} left for the next run (see {@link #LEFT}). */
  public static void left(String source, int files) {
    counter(LEFT).inc(files);
    counter(LEFT, source).inc(files);
  }

  /** Counts a frame of {@code source} not rendered because its output exists. */
  public static void skipped(String source, long epochSeconds) {
    counter(SKIPPED).inc();
    counter(SKIPPED, source).inc();
    sawFrame(source, epochSeconds);
  }

  /**
   * Prefix of the per-source gauge of the nominal time of the frame a worker handled last:
   * frame_time_unix.{source}. Flink's metric reporters (Prometheus) export gauges but not Beam's
   * distributions: during a backfill it shows how far through the window the workers are.
   */
  public static final String FRAME_TIME_GAUGE = "frame_time_unix";

  /** Records that {@code source} has a frame of nominal time {@code epochSeconds} (rendered or already written). */
  public static void sawFrame(String source, long epochSeconds) {
    Distribution d = Metrics.distribution(NAMESPACE, NEWEST + "." + source);
    d.update(epochSeconds);
    Metrics.gauge(NAMESPACE, FRAME_TIME_GAUGE + "." + source).set(epochSeconds);
  }
}
