package org.radarbeam.source;

import java.time.Duration;
import java.time.Instant;

/**
 * The times a radar frame may have, named in a provider's listing or stamped in its file: none
 * before 1970 (output keys are Unix seconds) and none more than {@link #SKEW} past the run's clock.
 * A frame is named after it was taken, so a later time is a wrong or crafted one, which would stand
 * first among a folder's newest frames, and in its manifest, for good.
 */
public final class FrameTimes {
  /** How far past the clock a frame's time may lie: clocks that differ a little, never a frame to come. */
  public static final Duration SKEW = Duration.ofHours(1);

  private FrameTimes() {}

  /** Why {@code t} can be no frame's time at {@code now}, or null when it can. */
  public static String implausible(Instant t, Instant now) {
    if (t.getEpochSecond() < 0) {
      return "it is before 1970";
    }
    Instant latest = now.plus(SKEW);
    return t.isAfter(latest) ? "it is later than " + latest + ", an hour past the clock" : null;
  }
}
