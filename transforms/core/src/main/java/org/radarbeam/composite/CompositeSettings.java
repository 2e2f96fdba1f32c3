package org.radarbeam.composite;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * How composites are made: the grid's pixel size, whether members' own images are written too, and
 * which frames make a slot.
 *
 * @param resolutionMetres the composite grid's nominal pixel size in metres
 * @param individual whether each member's own image is written as well (skip-existing as usual)
 * @param minCoreSources a slot is written only when at least this many core sources were merged
 * @param tolerance latest mode: how far a source's frame may lie from the slot's time
 * @param maxDataAge latest mode: a source whose newest frame is older is left out
 * @param optionalSources sources that join a slot when present but never count as core (ARSO)
 */
public record CompositeSettings(int resolutionMetres, boolean individual, int minCoreSources, Duration tolerance,
    Duration maxDataAge, Set<String> optionalSources) implements Serializable {
  public static final int DEFAULT_MIN_SOURCES = 3;
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(2);
  public static final Duration DEFAULT_MAX_DATA_AGE = Duration.ofMinutes(30);
  public static final Set<String> OPTIONAL = Set.of("arso");

  public CompositeSettings {
    optionalSources = Set.copyOf(optionalSources);
  }

  /** The defaults: 500 m, individual images, 3 core sources, PT2M, PT30M, ARSO optional. */
  public static CompositeSettings defaults() {
    return new CompositeSettings(CompositeGrid.DEFAULT_RESOLUTION, true, DEFAULT_MIN_SOURCES, DEFAULT_TOLERANCE,
        DEFAULT_MAX_DATA_AGE, OPTIONAL);
  }

  public boolean isCore(String source) {
    return !optionalSources.contains(source);
  }

  /** The latest-mode matching rules for at most {@code maxSlots} slots. */
  public SlotMatcher.Settings matching(int maxSlots) {
    return new SlotMatcher.Settings(tolerance, maxDataAge, minCoreSources, maxSlots, optionalSources);
  }
}
