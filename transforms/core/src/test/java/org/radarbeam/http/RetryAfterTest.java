package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retry-After: delay-seconds and the three forms of HTTP-date, all in UTC. */
class RetryAfterTest {
  private static final Instant NOW = Instant.parse("1994-11-06T08:49:07Z");

  @Test
  void delaySeconds() {
    assertEquals(120_000, RetryAfter.millis("120", NOW));
    assertEquals(0, RetryAfter.millis("0", NOW));
    assertEquals(5_000, RetryAfter.millis(" 5 ", NOW));
    assertEquals(Long.MAX_VALUE, RetryAfter.millis("99999999999999999999999", NOW));
  }

  @Test
  void httpDatesInAllThreeForms() {
    assertEquals(30_000, RetryAfter.millis("Sun, 06 Nov 1994 08:49:37 GMT", NOW));
    assertEquals(30_000, RetryAfter.millis("Sunday, 06-Nov-94 08:49:37 GMT", NOW));
    assertEquals(30_000, RetryAfter.millis("Sun Nov  6 08:49:37 1994", NOW));
  }

  @Test
  void aTwoDigitYearMoreThanFiftyYearsAheadIsInThePast() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    assertEquals(0, RetryAfter.millis("Sunday, 06-Nov-94 08:49:37 GMT", now), "1994, not 2094");
    assertEquals(86_400_000L * 365, RetryAfter.millis("Wednesday, 01-Dec-27 00:00:00 GMT", now));
  }

  @Test
  void aPastDateIsNoWait() {
    assertEquals(0, RetryAfter.millis("Sun, 06 Nov 1994 08:00:00 GMT", NOW));
  }

  @Test
  void absentOrUnreadableIsNone() {
    assertEquals(-1, RetryAfter.millis(null, NOW));
    assertEquals(-1, RetryAfter.millis("", NOW));
    assertEquals(-1, RetryAfter.millis("-5", NOW));
    assertEquals(-1, RetryAfter.millis("soon", NOW));
    assertEquals(-1, RetryAfter.millis("2026-12-01T00:00:00Z", NOW));
  }
}
