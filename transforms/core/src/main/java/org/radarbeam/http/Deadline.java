package org.radarbeam.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.radarbeam.io.DaemonTimer;

/**
 * The end of one request attempt, as curl's --max-time: connecting, the answer's headers and its
 * whole body must be done by then. java.net.http's request timeout ends only the wait for the
 * headers, so a body read runs under a timer that closes the body stream when the deadline passes:
 * a read blocked on a server that sends one byte a second then fails at once.
 */
final class Deadline {
  /** One thread for every deadline in the JVM (see {@link DaemonTimer}). */
  private static final ScheduledThreadPoolExecutor TIMER = DaemonTimer.create("radarbeam-http-deadline");

  private static final int ARMED = 0;
  private static final int DONE = 1;
  private static final int FIRED = 2;

  private final Duration total;
  private final long endNanos;

  private Deadline(Duration total) {
    this.total = total;
    this.endNanos = System.nanoTime() + total.toNanos();
  }

  static Deadline after(Duration total) {
    return new Deadline(total);
  }

  /** What is left of the deadline, for the next exchange (a redirect's too). */
  Duration remaining() throws HttpTimeoutException {
    long left = endNanos - System.nanoTime();
    if (left <= 0) {
      throw expired();
    }
    return Duration.ofNanos(left);
  }

  /** Reads {@code in} with {@code reader}, closing {@code in} if the deadline passes first. */
  <T> T read(InputStream in, BodyReader<T> reader) throws IOException {
    AtomicInteger state = new AtomicInteger(ARMED);
    ScheduledFuture<?> timer = TIMER.schedule(() -> {
      if (state.compareAndSet(ARMED, FIRED)) {
        closeQuietly(in);
      }
    }, Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    try {
      T value = reader.read(in);
      if (!state.compareAndSet(ARMED, DONE)) {
        // the stream was closed under the reader: what it read may be cut short
        throw expired();
      }
      return value;
    } catch (IOException e) {
      if (state.get() == FIRED) {
        HttpTimeoutException t = expired();
        t.initCause(e);
        throw t;
      }
      throw e;
    } finally {
      timer.cancel(false);
    }
  }

  private HttpTimeoutException expired() {
    return new HttpTimeoutException("no complete answer within " + shown(total));
  }

  static String shown(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      // the reader fails on the closed stream either way
    }
  }

  /** Reads a body to its end. */
  interface BodyReader<T> {
    T read(InputStream in) throws IOException;
  }
}
