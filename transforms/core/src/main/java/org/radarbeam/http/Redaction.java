package org.radarbeam.http;

import java.util.regex.Pattern;

/**
 * Hides the user info ({@code user:password@}) of URLs in anything a person or a report may read:
 * log lines, failure records, summaries. The URL used for requests keeps it.
 */
public final class Redaction {
  /** scheme://userinfo@ , userinfo being anything up to the first '@' before the host's end. */
  private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]+@");

  private Redaction() {}

  /** {@code text} with every URL's user info replaced by {@code ***}; null stays null. */
  public static String redact(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    return USER_INFO.matcher(text).replaceAll("$1***@");
  }
}
