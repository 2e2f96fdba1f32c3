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
  /** How long the exit waits for the summary: within Kubernetes' default grace period of 30 s. */
  static final long REPORT_WAIT_SECONDS = 10;
  private static final AtomicReference<RunStop> IN_PROGRESS = new AtomicReference<>();

  private final PipelineResult result;
  private final CountDownLatch reported = new CountDownLatch(1);
  private volatile boolean asked;

  private RunStop(PipelineResult result) {
    this.result = result;
  }

  /** Makes {@code result} the run in progress, until {@link #reported}. */
  static RunStop started(PipelineResult result) {
    RunStop stop = new RunStop(result);
    IN_PROGRESS.set(stop);
    return stop;
  }

  /** Whether the JVM was asked to exit while the run was in progress: it was cancelled then. */
  boolean asked() {
    return asked;
  }

  /** The run's summary (and report) are out: an exit no longer waits for it. */
  void reported() {
    IN_PROGRESS.compareAndSet(this, null);
    reported.countDown();
  }

  /**
   * Cancels the run in progress, if any, and waits up to {@link #REPORT_WAIT_SECONDS} for its summary. For
   * the JVM's exit hook; returns at once when no run is in progress.
   */
  public static void onExit() {
    RunStop stop = IN_PROGRESS.get();
    if (stop == null) {
      return;
    }
    stop.asked = true;
    LOG.warn("asked to stop (SIGTERM or Ctrl-C): the run is cancelled, work in flight is abandoned, and the next run"
        + " continues");
    try {
      stop.result.cancel();
    } catch (IOException | RuntimeException e) {
      LOG.warn("cancelling the stopped run: {}", e.toString());
    }
    try {
      if (!stop.reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("the stopped run's summary did not come within {} s", REPORT_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
