package org.radarbeam.pipeline;

import java.util.function.ToLongFunction;
import org.radarbeam.transforms.RadarMetrics;

/**
 * The exit status of a run, one rule for every runner: the Direct jar's main, the Flink client
 * main and the Flink REST submit path all apply it to the run's counters.
 */
public final class ExitStatus {
  /** Every frame rendered or skipped (also: a run stopped by --timeout, or frames left for the next run). */
  public static final int OK = 0;
  /** Nothing matched, every frame failed, or the output is not usable. */
  public static final int NOTHING_DONE = 1;
  /** Invalid options, reported before any work. */
  public static final int INVALID_OPTIONS = 2;
  /** Some frames failed; the others were written. */
  public static final int SOME_FAILED = 3;
  /**
   * The run crashed: an exception or error escaped the pipeline or the runner, so how many frames
   * were written is unknown. Distinct from 3, which a run that ends as planned reports.
   */
  public static final int CRASHED = 4;

  private ExitStatus() {}

  /** 0: every frame rendered or skipped; 3: some failed, the rest written; 1: nothing listed or all failed. */
  public static int of(long listed, long rendered, long skipped, long failed) {
    if (listed == 0) {
      return NOTHING_DONE;
    }
    if (failed == 0) {
      return OK;
    }
    return rendered + skipped > 0 ? SOME_FAILED : NOTHING_DONE;
  }

  /**
   * As {@link #of(long, long, long, long)} for a composite run, of which {@code slotsExisting} slots were
   * skipped as written and {@code slotsNotMade} could not be made (too few sources, members that failed
   * or were replaced): a run that then wrote and skipped nothing, slots included, made nothing (1), as a
   * composite run with --individual=false whose slots all lack sources.
   */
  public static int of(long listed, long written, long skipped, long failed, long slotsExisting, long slotsNotMade) {
    int status = of(listed, written, skipped + slotsExisting, failed);
    return status == OK && written == 0 && skipped + slotsExisting == 0 && slotsNotMade > 0 ? NOTHING_DONE : status;
  }

  /**
   * The status of a run cancelled by --timeout: work in flight is the next run's, so 0 unless something
   * failed (3) or an --input pattern could not be listed (3, or 1 if nothing else was listed either).
   *
   * @param listed frames listed inside the window, as {@link #ofCounters} counts them
   */
  public static int ofTimedOut(long listed, long failed, long unlisted) {
    if (failed > 0) {
      return SOME_FAILED;
    }
    if (unlisted > 0) {
      return listed > 0 ? SOME_FAILED : NOTHING_DONE;
    }
    return OK;
  }

  /**
   * The status of a run from its counters ({@link RadarMetrics}; {@code counter} gives 0 for one never
   * set): frames outside the window were listed but are not the run's; an --input pattern that could not
   * be listed counts as a failure, since a backfill that missed part of its input is no success, and so does a
   * composite the store did not take; a composite slot left for the next run (the time for requests was up)
   * is not one that could not be made.
   */
  public static int ofCounters(ToLongFunction<String> counter) {
    // slots left for the next run count as those already written: done as far as this run goes
    long existing = counter.applyAsLong(RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.SLOT_EXISTS)
        + counter.applyAsLong(RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.TIME_UP);
    long notMade = counter.applyAsLong(RadarMetrics.SLOTS_SKIPPED) - existing;
    return of(counter.applyAsLong(RadarMetrics.LISTED) - counter.applyAsLong(RadarMetrics.OUTSIDE_WINDOW),
        counter.applyAsLong(RadarMetrics.RENDERED) + counter.applyAsLong(RadarMetrics.COMPOSITES),
        // frames left for the next run are done as far as this run goes: with failures beside them, some failed (3)
        counter.applyAsLong(RadarMetrics.SKIPPED) + counter.applyAsLong(RadarMetrics.LEFT),
        counter.applyAsLong(RadarMetrics.FAILED) + counter.applyAsLong(RadarMetrics.INPUTS_UNLISTED)
            + counter.applyAsLong(RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.WRITE_FAILED), existing, notMade);
  }
}
