package org.radarbeam.pipeline;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which nominal times a run covers: a closed UTC interval [from, to], or the newest N available
 * slots of each source. Slots lie on a 5-minute grid.
 */
public final class TimeWindow implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final long SLOT_SECONDS = 300;

  private final Long from;
  private final Long to;
  private final int latest;

  private TimeWindow(Long from, Long to, int latest) {
    this.from = from;
    this.to = to;
    this.latest = latest;
  }

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
    return from != null;
  }

  public boolean isLatest() {
    return latest > 0;
  }

  public int latestCount() {
    return latest;
  }

  public Instant from() {
    return from == null ? null : Instant.ofEpochSecond(from);
  }

  public Instant to() {
    return to == null ? null : Instant.ofEpochSecond(to);
  }

  /** Whether a frame of nominal time {@code epochSeconds} is inside the window. */
  public boolean contains(long epochSeconds) {
    return from == null || (epochSeconds >= from && epochSeconds <= to);
  }

  /** The 5-minute slots of a range, newest first. */
  public List<Instant> slotsNewestFirst() {
    List<Instant> out = new ArrayList<>();
    if (from == null) {
      return out;
    }
    for (long t = floorSlot(to); t >= from; t -= SLOT_SECONDS) {
      out.add(Instant.ofEpochSecond(t));
    }
    return out;
  }

  public static long floorSlot(long epochSeconds) {
    return Math.floorDiv(epochSeconds, SLOT_SECONDS) * SLOT_SECONDS;
  }

  @Override
  public String toString() {
    if (from != null) {
      return from() + " .. " + to();
    }
    return latest > 0 ? "newest " + latest + " per source" : "all inputs";
  }
}
