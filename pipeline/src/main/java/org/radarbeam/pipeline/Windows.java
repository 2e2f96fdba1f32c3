package org.radarbeam.pipeline;

import java.time.Duration;
import java.time.Instant;
import org.radarbeam.source.TimeWindow;

/** The time window of a run, from exactly one of --from/--to, --since and --latest (or their defaults). */
final class Windows {
  static final int DEFAULT_LATEST = 6;

  private Windows() {}

  static TimeWindow from(SourceOptions o, boolean fromFiles) throws InvalidOptionsException {
    boolean range = o.getFrom() != null || o.getTo() != null;
    int kinds = (range ? 1 : 0) + (o.getSince() != null ? 1 : 0) + (o.getLatest() != null ? 1 : 0);
    if (kinds > 1) {
      throw new InvalidOptionsException("give one of --from/--to, --since or --latest");
    }
    if (range) {
      if (o.getFrom() == null || o.getTo() == null) {
        throw new InvalidOptionsException("--from and --to go together");
      }
      Instant from = OptionValues.instant("--from", o.getFrom(), false);
      Instant to = OptionValues.instant("--to", o.getTo(), true);
      if (to.isBefore(from)) {
        throw new InvalidOptionsException("--to (" + to + ") is before --from (" + from + ")");
      }
      return TimeWindow.between(from, to);
    }
    if (o.getSince() != null) {
      Duration d = OptionValues.positiveDuration("--since", o.getSince(), "PT6H or P2D");
      Instant now = Instant.now();
      return TimeWindow.between(now.minus(d), now);
    }
    if (o.getLatest() != null) {
      if (o.getLatest() < 1 || o.getLatest() > 10_000) {
        throw new InvalidOptionsException("--latest must be 1..10000, got " + o.getLatest());
      }
      if (fromFiles) {
        // the newest slots are what a provider lists; files are chosen by a time range, or all of them
        throw new InvalidOptionsException("--latest takes the newest frames from the providers; with --input give"
            + " --from/--to or --since, or no window for every file it matches");
      }
      return TimeWindow.latest(o.getLatest());
    }
    return fromFiles ? TimeWindow.all() : TimeWindow.latest(DEFAULT_LATEST);
  }
}
