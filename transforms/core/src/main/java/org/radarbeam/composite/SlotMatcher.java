package org.radarbeam.composite;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which frames of several radar sources make one composite "slot" in latest mode.
 *
 * <p>The composites must match those of imeteo-radar's latest mode, so this follows its rules rather
 * than a cleaner design of its own: sources whose newest frame is too old are left out (an outage);
 * enough core sources must remain; then windows of candidate time ± tolerance are tried newest first,
 * in up to three passes that each ask for fewer sources (all of them; all but the optional ones; the
 * core minimum). The first pass that accepts a window wins, even if a later pass would accept newer
 * ones, with one exception: an optional source never holds a window back. imeteo tries the second
 * pass only when the first finds nothing, so while ARSO (every 10-15 minutes) reaches one window, the
 * windows of all the cores that it misses are never made; here the second pass's windows are taken
 * beside the first's.
 */
public final class SlotMatcher {
  private SlotMatcher() {}

  /** A frame a provider listed: its source id, nominal time and where to read it. */
  public record Candidate(String source, long epochSeconds, String uri) implements Serializable {
    public Candidate {
      Objects.requireNonNull(source, "source");
    }

    public Instant time() {
      return Instant.ofEpochSecond(epochSeconds);
    }
  }

  /**
   * The matching knobs, named after imeteo's options.
   *
   * @param tolerance half width of a window, inclusive ({@code --timestamp-tolerance})
   * @param maxDataAge a source whose newest frame is older than now minus this is in outage
   * @param minCoreSources core sources needed at all, and the minimum of the last pass
   * @param maxSlots windows to accept at most ({@code --reprocess-count})
   * @param optionalSources sources that join a window when they reach it but are never needed; all others are core
   */
  public record Settings(Duration tolerance, Duration maxDataAge, int minCoreSources, int maxSlots,
      Set<String> optionalSources) implements Serializable {
    public Settings {
      if (tolerance.isNegative() || maxDataAge.isNegative()) {
        throw new IllegalArgumentException("tolerance and maxDataAge must not be negative");
      }
      if (minCoreSources < 1 || maxSlots < 1) {
        throw new IllegalArgumentException("minCoreSources and maxSlots must be at least 1");
      }
      optionalSources = Set.copyOf(optionalSources);
    }

    public boolean isCore(String source) {
      return !optionalSources.contains(source);
    }
  }

  /**
   * One accepted window.
   *
   * @param epochSeconds the candidate time that opened the window, which names the composite
   * @param members the frame each matching source contributes, by source id
   */
  public record Slot(long epochSeconds, SortedMap<String, Candidate> members) implements Serializable {
    public Slot {
      members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    public Instant time() {
      return Instant.ofEpochSecond(epochSeconds);
    }

    public int coreCount(Settings settings) {
      return (int) members.keySet().stream().filter(settings::isCore).count();
    }
  }

  /**
   * What latest mode decided.
   *
   * @param slots the accepted windows, newest first; empty when none
   * @param outages the requested sources left out, with the reason
   * @param dropped the optional sources left out of every slot, as the first pass found no window
   * @param reason why there are no slots; null when there are some
   */
  public record Result(List<Slot> slots, SortedMap<String, String> outages, Set<String> dropped, String reason)
      implements Serializable {
    public Result {
      slots = List.copyOf(slots);
      outages = Collections.unmodifiableSortedMap(new TreeMap<>(outages));
      dropped = Collections.unmodifiableSortedSet(new TreeSet<>(dropped));
    }
  }

  /**
   * Matches the frames listed for {@code requestedSources} at time {@code now}. Frames of sources
   * that were not requested are ignored. When a source lists one time twice, the first listed frame
   * is kept.
   */
  public static Result latest(Collection<String> requestedSources, Collection<Candidate> listed, Settings settings,
      Instant now) {
    // Per source, its frames by time; a requested source without frames keeps an empty map.
    SortedMap<String, NavigableMap<Long, Candidate>> available = new TreeMap<>();
    requestedSources.forEach(source -> available.put(source, new TreeMap<>()));
    for (Candidate c : listed) {
      NavigableMap<Long, Candidate> times = available.get(c.source());
      if (times != null) {
        times.putIfAbsent(c.epochSeconds(), c);
      }
    }

    SortedMap<String, String> outages = new TreeMap<>();
    Instant oldestAllowed = now.minus(settings.maxDataAge());
    available.forEach((source, times) -> {
      if (times.isEmpty()) {
        outages.put(source, "no frames");
      } else if (Instant.ofEpochSecond(times.lastKey()).isBefore(oldestAllowed)) {
        outages.put(source, "newest frame " + Instant.ofEpochSecond(times.lastKey()) + " is older than "
            + settings.maxDataAge());
      }
    });
    available.keySet().removeAll(outages.keySet());

    List<String> cores = available.keySet().stream().filter(settings::isCore).toList();
    if (cores.size() < settings.minCoreSources()) {
      String names = cores.isEmpty() ? "none" : String.join(", ", cores);
      return new Result(List.of(), outages, Set.of(), "only " + cores.size() + " core sources available (" + names
          + "), need " + settings.minCoreSources());
    }

    // Pass 1: every available source must be in the window.
    int n = available.size();
    SortedMap<String, NavigableMap<Long, Candidate>> pool = available;
    List<Slot> slots = match(pool, n, false, settings);

    // Pass 2: the optional sources publish less often, so match without them too. imeteo does that
    // only when pass 1 finds nothing, and from then on leaves them out (exporting them on their own);
    // but while an optional source reaches one window, pass 1 then keeps the windows it misses from
    // ever being made. Here it never holds a slot back: the windows of pass 2 are taken as well, with
    // pass 1's window (the optional source joined) where both have one time.
    Set<String> optional = new TreeSet<>(available.keySet());
    optional.removeIf(settings::isCore);
    Set<String> dropped = Set.of();
    if (!optional.isEmpty() && n > 2) {
      SortedMap<String, NavigableMap<Long, Candidate>> withoutOptional = new TreeMap<>(available);
      withoutOptional.keySet().removeAll(optional);
      int min = Math.min(Math.max(settings.minCoreSources(), n - 1), withoutOptional.size());
      List<Slot> second = match(withoutOptional, min, false, settings);
      if (slots.isEmpty()) {
        dropped = optional;
        pool = withoutOptional;
        slots = second;
      } else {
        slots = newest(slots, second, settings.maxSlots());
      }
    }

    // Pass 3: settle for the core minimum, counted over the core sources of the pool: a window that
    // only an optional source makes would take a slot that cannot be merged (see MergeSlotFn)
    if (slots.isEmpty()) {
      slots = match(pool, settings.minCoreSources(), true, settings);
    }

    String reason = slots.isEmpty()
        ? "no window of ±" + settings.tolerance() + " holds " + settings.minCoreSources() + " of "
            + String.join(", ", pool.keySet())
        : null;
    return new Result(slots, outages, dropped, reason);
  }

  /**
   * Accepts, newest first, each distinct listed time whose window holds at least {@code minSources}
   * sources (core sources if {@code coreOnly}). Only identical times are merged, so windows a minute
   * apart are both accepted.
   */
  private static List<Slot> match(SortedMap<String, NavigableMap<Long, Candidate>> pool, int minSources,
      boolean coreOnly, Settings settings) {
    NavigableSet<Long> candidates = new TreeSet<>();
    pool.values().forEach(times -> candidates.addAll(times.keySet()));
    long tolerance = settings.tolerance().toSeconds();

    List<Slot> slots = new ArrayList<>();
    for (long time : candidates.descendingSet()) {
      SortedMap<String, Candidate> members = new TreeMap<>();
      pool.forEach((source, times) -> {
        Candidate pick = closest(times, time, tolerance);
        if (pick != null) {
          members.put(source, pick);
        }
      });
      long counted = coreOnly ? members.keySet().stream().filter(settings::isCore).count() : members.size();
      if (counted >= minSources) {
        slots.add(new Slot(time, members));
        if (slots.size() == settings.maxSlots()) {
          break;
        }
      }
    }
    return slots;
  }

  /** The newest {@code max} slots of both lists, newest first; of two at one time, the one in {@code preferred}. */
  private static List<Slot> newest(List<Slot> preferred, List<Slot> others, int max) {
    SortedMap<Long, Slot> byTime = new TreeMap<>(Comparator.reverseOrder());
    others.forEach(slot -> byTime.put(slot.epochSeconds(), slot));
    preferred.forEach(slot -> byTime.put(slot.epochSeconds(), slot));
    return byTime.values().stream().limit(max).toList();
  }

  /**
   * The frame closest to {@code time} within ±tolerance, or null. On a tie the newer frame wins:
   * imeteo keeps the first it meets, and providers list newest first.
   */
  private static Candidate closest(NavigableMap<Long, Candidate> times, long time, long tolerance) {
    Map.Entry<Long, Candidate> before = times.floorEntry(time);
    Map.Entry<Long, Candidate> after = times.ceilingEntry(time);
    boolean beforeFits = before != null && time - before.getKey() <= tolerance;
    boolean afterFits = after != null && after.getKey() - time <= tolerance;
    if (afterFits && (!beforeFits || after.getKey() - time <= time - before.getKey())) {
      return after.getValue();
    }
    return beforeFits ? before.getValue() : null;
  }
}
