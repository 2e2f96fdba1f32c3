package org.radarbeam.pipeline;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing of option values that are times and durations, each failure naming its option. */
public final class OptionValues {
  /** The longest duration any option takes: far beyond any run, far below what time arithmetic overflows at. */
  static final Duration MAX_DURATION = Duration.ofDays(36_500);
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private OptionValues() {}

  /** A positive ISO-8601 duration, e.g. PT60S; {@code example} goes into the message. */
  public static Duration positiveDuration(String option, String value, String example) throws InvalidOptionsException {
    Duration d;
    try {
      d = Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidOptionsException(option + " must be an ISO-8601 duration such as " + example + ", got " + value);
    }
    if (d.isNegative() || d.isZero()) {
      throw new InvalidOptionsException(option + " must be positive, got " + value);
    }
    if (d.compareTo(MAX_DURATION) > 0) {
      throw new InvalidOptionsException(option + " must be at most " + MAX_DURATION.toDays() + " days, got " + value);
    }
    return d;
  }

  /** ISO-8601 instant; without an offset it is UTC; a bare date is the start (or end) of that UTC day. */
  static Instant instant(String option, String v, boolean endOfDay) throws InvalidOptionsException {
    Instant t = parseInstant(option, v, endOfDay);
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      throw new InvalidOptionsException(option + " must lie between the years 1900 and 9999, got " + v);
    }
    return t;
  }

  private static Instant parseInstant(String option, String v, boolean endOfDay) throws InvalidOptionsException {
    String s = v.trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      LocalDate d = LocalDate.parse(s);
      return endOfDay ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)
          : d.atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidOptionsException(option + " must be an ISO-8601 UTC time such as 2025-11-17T12:00Z, got " + v);
    } catch (DateTimeException e) { // a date at the end of the time line, whose next day does not exist
      throw new InvalidOptionsException(option + " must lie between the years 1900 and 9999, got " + v);
    }
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
