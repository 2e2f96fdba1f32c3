package org.radarbeam.pipeline;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.PipelineResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the run in progress when its JVM is asked to exit (SIGTERM, which Kubernetes sends at a pod's
 * deadline or eviction, or Ctrl-C): the run is cancelled as --timeout cancels it, and the exit waits, a
 * bounded time, until the run's summary and failure report are out. A JVM that runs one job and exits (the
 * Direct runner's main) calls {@link #onExit} from its exit hook; the JVM then exits with the signal's
 * status (143 for SIGTERM, 130 for Ctrl-C).
 */
public final class RunStop {
  private static final Logger LOG = LoggerFactory.getLogger(RunStop.class);
  /**
   * How long the exit waits for the run to start (a signal while its graph is built) and then for its summary:
   * within the CronJob's grace period of 10 s between SIGTERM and SIGKILL, with room for the JVM's exit.
   */
  static final long REPORT_WAIT_MILLIS = 7_000;
  private static final AtomicReference<RunStop> IN_PROGRESS = new AtomicReference<>();

  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch reported = new CountDownLatch(1);
  private volatile PipelineResult result;
  private volatile boolean asked;

  private RunStop() {}

  /** Makes a run whose graph is about to be built and started the run in progress, until {@link #reported}. */
  static RunStop starting() {
    RunStop stop = new RunStop();
    IN_PROGRESS.set(stop);
    return stop;
  }

  /** The run has started as {@code result}. */
  void running(PipelineResult result) {
    this.result = result;
    running.countDown();
  }

  /** Whether the JVM's exit cancelled the run: it was asked to stop, and the run ended cancelled. */
  boolean stopped() {
    return asked && result != null && result.getState() == PipelineResult.State.CANCELLED;
  }

  /** The run's summary (and report) are out, or it never started: an exit no longer waits for it. */
  void reported() {
    IN_PROGRESS.compareAndSet(this, null);
    running.countDown();
    reported.countDown();
  }

  /**
   * Cancels the run in progress, if any and not ended, and waits up to {@link #REPORT_WAIT_MILLIS} in all for
   * it to start (if its graph is still being built) and for its summary. For the JVM's exit hook; returns at
   * once when no run is in progress.
   */
  public static void onExit() {
    RunStop stop = IN_PROGRESS.get();
    if (stop == null) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPORT_WAIT_MILLIS);
    try {
      stop.running.await(REPORT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      PipelineResult result = stop.result;
      PipelineResult.State state = result == null ? null : result.getState();
      if (result != null && (state == null || !state.isTerminal())) {
        stop.asked = true;
        LOG.warn("asked to stop (SIGTERM or Ctrl-C): the run is cancelled, work in flight is abandoned, and the next"
            + " run continues");
        try {
          result.cancel();
        } catch (IOException | RuntimeException e) {
          LOG.warn("cancelling the stopped run: {}", e.toString());
        }
      }
      if (!stop.reported.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        LOG.warn("the stopped run's summary did not come within {} s", REPORT_WAIT_MILLIS / 1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
