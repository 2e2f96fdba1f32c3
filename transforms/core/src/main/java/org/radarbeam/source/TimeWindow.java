package org.radarbeam.source;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which nominal times a run covers: a closed UTC interval [from, to], or the newest N available
 * slots of each source, or everything an input holds. Slots lie on a 5-minute grid.
 *
 * @param fromSecond start of the interval in Unix seconds, null when there is none
 * @param toSecond end of the interval in Unix seconds, null when there is none
 * @param latestCount the N of "newest N", 0 when the window is not one
 */
public record TimeWindow(Long fromSecond, Long toSecond, int latestCount) implements Serializable {
  public static final long SLOT_SECONDS = 300;

  public static TimeWindow between(Instant from, Instant to) {
    return new TimeWindow(from.getEpochSecond(), to.getEpochSecond(), 0);
  }

  public static TimeWindow latest(int n) {
    return new TimeWindow(null, null, n);
  }

  /** No restriction: every frame the input holds. */
  public static TimeWindow all() {
    return new TimeWindow(null, null, 0);
  }

  public boolean isRange() {
    return fromSecond != null;
  }

  public boolean isLatest() {
    return latestCount > 0;
  }

  public Instant from() {
    return fromSecond == null ? null : Instant.ofEpochSecond(fromSecond);
  }

  public Instant to() {
    return toSecond == null ? null : Instant.ofEpochSecond(toSecond);
  }

  /** Whether a frame of nominal time {@code epochSeconds} is inside the window. */
  public boolean contains(long epochSeconds) {
    return fromSecond == null || (epochSeconds >= fromSecond && epochSeconds <= toSecond);
  }

  /** The 5-minute slots of a range, newest first. */
  public List<Instant> slotsNewestFirst() {
    List<Instant> out = new ArrayList<>();
    if (fromSecond == null) {
      return out;
    }
    for (long t = floorSlot(toSecond); t >= fromSecond; t -= SLOT_SECONDS) {
      out.add(Instant.ofEpochSecond(t));
    }
    return out;
  }

  /** How many 5-minute slots a range holds ({@link #slotsNewestFirst()} without making them), 0 for no range. */
  public long slotCount() {
    if (fromSecond == null) {
      return 0;
    }
    long newest = floorSlot(toSecond);
    return newest < fromSecond ? 0 : (newest - fromSecond) / SLOT_SECONDS + 1;
  }

  public static long floorSlot(long epochSeconds) {
    return Math.floorDiv(epochSeconds, SLOT_SECONDS) * SLOT_SECONDS;
  }

  @Override
  public String toString() {
    if (fromSecond != null) {
      return from() + " .. " + to();
    }
    return latestCount > 0 ? "newest " + latestCount + " per source" : "all inputs";
  }
}
