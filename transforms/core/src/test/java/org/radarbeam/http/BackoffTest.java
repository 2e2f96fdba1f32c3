package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Backoff: exponential with jitter, the server's Retry-After if longer, never above the cap. */
class BackoffTest {
  @Test
  void doublesFromTheBaseWithUpToHalfAgainOfJitter() {
    assertEquals(500, Backoff.delayMillis(1, 500, 10_000, -1, 0));
    assertEquals(2000, Backoff.delayMillis(3, 500, 10_000, -1, 0));
    assertEquals(2999, Backoff.delayMillis(3, 500, 10_000, -1, 0.9995));
  }

  @Test
  void neverExceedsTheCap() {
    for (int attempt = 1; attempt <= 100; attempt++) {
      for (double jitter : new double[] {0, 0.5, 0.999_999}) {
        for (long retryAfter : new long[] {-1, 0, 3_000, 86_400_000, Long.MAX_VALUE}) {
          long d = Backoff.delayMillis(attempt, 500, 10_000, retryAfter, jitter);
          assertTrue(d >= 0 && d <= 10_000, attempt + " " + jitter + " " + retryAfter + ": " + d);
        }
      }
    }
    assertEquals(10_000, Backoff.delayMillis(10, 500, 10_000, -1, 0), "500 ms doubled nine times is capped");
    assertEquals(10_000, Backoff.delayMillis(Integer.MAX_VALUE, Long.MAX_VALUE, 10_000, -1, 0.9));
  }

  @Test
  void retryAfterIsWaitedWhenLongerThanTheBackoffAndCappedWhenAboveTheCap() {
    assertEquals(3_000, Backoff.delayMillis(1, 500, 10_000, 3_000, 0.5));
    assertEquals(2_000, Backoff.delayMillis(3, 500, 10_000, 1_000, 0), "the backoff when it is longer");
    assertEquals(500, Backoff.delayMillis(1, 500, 10_000, 0, 0), "Retry-After: 0 still backs off");
    assertEquals(10_000, Backoff.delayMillis(1, 500, 10_000, 86_400_000, 0));
  }
}
