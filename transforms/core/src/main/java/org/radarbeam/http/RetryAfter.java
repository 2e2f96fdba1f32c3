package org.radarbeam.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The Retry-After field (RFC 9110 section 10.2.3): delay-seconds, or an HTTP-date in any of its
 * three forms (IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept).
 */
final class RetryAfter {
  /** Sun Nov  6 08:49:37 1994 */
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

  private RetryAfter() {}

  /** The wait asked for, in milliseconds after {@code now}: 0 for a past date, -1 without a readable value. */
  static long millis(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // more digits than a long holds is "very long": the cap decides
      return v.length() > 15 ? Long.MAX_VALUE : Long.parseLong(v) * 1000;
    }
    Instant at = date(v, now);
    return at == null ? -1 : Math.max(0, at.toEpochMilli() - now.toEpochMilli());
  }

  private static Instant date(String v, Instant now) {
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      // an obsolete form
    }
    try {
      return LocalDateTime.parse(v, rfc850(now)).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // the last form
    }
    try {
      return LocalDateTime.parse(v, ASCTIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Sunday, 06-Nov-94 08:49:37 GMT. Its two-digit year is the one within 50 years from now, else
   * the most recent past year with those digits (as RFC 9110 asks).
   */
  private static DateTimeFormatter rfc850(Instant now) {
    int base = now.atZone(ZoneOffset.UTC).getYear() - 49;
    return new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
        .appendValueReduced(ChronoField.YEAR, 2, 2, base).appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.ENGLISH);
  }
}
