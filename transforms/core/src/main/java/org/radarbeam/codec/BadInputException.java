package org.radarbeam.codec;

import java.time.Instant;

/**
 * An input that can never be rendered: retrying it would give the same answer. Its message is
 * one line that says what is wrong with the file.
 */
public class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an input was refused; written to the failure report. */
  public enum Kind {
    EMPTY,
    HTML,
    NOT_HDF5,
    TRUNCATED,
    CORRUPT,
    NOT_COMPOSITE,
    MISSING_DATA,
    BAD_ATTRIBUTE,
    TOO_LARGE,
    UNSUPPORTED,
    /** A file listed for a source whose grid is not that source's. */
    WRONG_SOURCE
  }

  /** Longest message kept: a failure record and a log line per refused file, whatever the file quotes. */
  static final int MAX_MESSAGE = 1000;

  private final Kind kind;
  private Instant nominalTime;

  public BadInputException(Kind kind, String message) {
    super(excerpt(message, MAX_MESSAGE));
    this.kind = kind;
  }

  public BadInputException(Kind kind, String message, Throwable cause) {
    super(excerpt(message, MAX_MESSAGE), cause);
    this.kind = kind;
  }

  /**
   * At most {@code max} characters of {@code s} (then "..."), control characters (C0, C1) and line
   * separators replaced by '?': safe on one line of a message, whatever a file made it quote. Null
   * stays null.
   */
  public static String excerpt(String s, int max) {
    if (s == null) {
      return null;
    }
    // cut before a pair of surrogates that the limit would split
    int end = Math.min(s.length(), max);
    if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    StringBuilder b = new StringBuilder(end + 3);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      boolean breaks = c < 32 || c >= 127 && c < 160 || c == '\u2028' || c == '\u2029'; // C0, C1, line separators
      b.append(breaks ? '?' : c);
    }
    return end < s.length() ? b.append("...").toString() : b.toString();
  }

  /** A value a message quotes from a file: at most 60 characters of it, as {@link #excerpt}; null gives "". */
  public static String quoted(String s) {
    return s == null ? "" : excerpt(s, 60);
  }

  /** The message of {@code e}'s root cause (its class name when it has none) on one line of at most 200 characters. */
  public static String rootMessage(Throwable e) {
    Throwable root = rootCause(e);
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return excerpt(msg.strip(), 200);
  }

  /** The innermost cause of {@code e} ({@code e} itself when it has none). */
  public static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  public Kind kind() {
    return kind;
  }

  /** The nominal time the input states, where it was read before the input was refused; else null. */
  public Instant nominalTime() {
    return nominalTime;
  }

  /** This exception, knowing the nominal time its input states (so its failure record has one). */
  public BadInputException withNominalTime(Instant t) {
    this.nominalTime = t;
    return this;
  }

  /** Kind as written in reports: lower case with hyphens. */
  public String kindName() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
