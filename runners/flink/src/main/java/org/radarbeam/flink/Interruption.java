package org.radarbeam.flink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT or SIGTERM) while bin/submit talks to the cluster. The shutdown hook waits, at most
 * {@link #WAIT}, for an upload or run request in flight to be answered, so that it knows the jar just
 * uploaded or the job just started and can undo it, instead of leaving a job running that nobody follows;
 * from then on the main thread sends no further request.
 */
final class Interruption {
  /** How long the hook waits for a request in flight: an upload of the jar or the job's start. */
  static final Duration WAIT = Duration.ofSeconds(15);

  private boolean requesting;
  private boolean interrupted;

  /** Before a request whose answer the hook must know; once interrupted, the caller waits for the JVM's end. */
  synchronized void beginRequest() {
    parkIfInterrupted();
    requesting = true;
  }

  /** After that request, its answer recorded (or its failure); once interrupted, as {@link #beginRequest}. */
  synchronized void endRequest() {
    requesting = false;
    notifyAll();
    parkIfInterrupted();
  }

  /**
   * In the shutdown hook: marks the submit interrupted and waits up to {@code wait} for a request in flight;
   * false when it was still unanswered.
   */
  synchronized boolean interrupt(Duration wait) {
    interrupted = true;
    long end = System.nanoTime() + wait.toNanos();
    while (requesting) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void parkIfInterrupted() {
    while (interrupted) {
      try {
        wait(); // the hook undoes what was done; the JVM halts when it returns
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
