package org.radarbeam.codec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A frame's nominal time, from a file name or from the file itself: UTC, kept to the minute. Output keys
 * and composite slots have no seconds, so copies of one frame stamped seconds apart share a key and a slot.
 */
public final class NominalTime {
  private NominalTime() {}

  /** {@code utc}, a date and time in UTC, as a nominal time: its seconds dropped. */
  public static Instant of(LocalDateTime utc) {
    return utc.truncatedTo(ChronoUnit.MINUTES).toInstant(ZoneOffset.UTC);
  }
}
