package org.radarbeam.pipeline;

import java.util.Locale;

/**
 * Hands --logLevel and --logFormat to the logging backend as the system properties its
 * configuration reads ({@value #LEVEL_PROPERTY}, {@value #FORMAT_PROPERTY}). They must be set before
 * the first logger exists, so a main calls {@link #apply} first, from the raw arguments; a value that
 * is not valid is left to the option parser, which refuses it. A property set with -D wins.
 */
public final class LogSettings {
  public static final String LEVEL_PROPERTY = "radarbeam.logLevel";
  public static final String FORMAT_PROPERTY = "radarbeam.logFormat";

  private LogSettings() {}

  public static void apply(String[] args) {
    for (String a : args) {
      set(a, "--logLevel=", LEVEL_PROPERTY, LogOptions.LogLevel.class);
      set(a, "--logFormat=", FORMAT_PROPERTY, LogOptions.LogFormat.class);
    }
  }

  /** Whether the logs are written as JSON, as {@link #apply} or -D set it: for what is said before options exist. */
  public static boolean json() {
    String property = System.getProperty(FORMAT_PROPERTY);
    return property != null && property.trim().equalsIgnoreCase(LogOptions.LogFormat.JSON.name());
  }

  /**
   * Whether the run's lines are JSON: the format the logs are written in (a -D property wins over
   * --logFormat), so the summary matches them.
   */
  public static boolean json(LogOptions options) {
    return System.getProperty(FORMAT_PROPERTY) != null ? json() : options.getLogFormat() == LogOptions.LogFormat.JSON;
  }

  private static <E extends Enum<E>> void set(String arg, String prefix, String property, Class<E> values) {
    if (!arg.startsWith(prefix) || System.getProperty(property) != null) {
      return;
    }
    String v = arg.substring(prefix.length()).trim().toUpperCase(Locale.ROOT);
    for (E e : values.getEnumConstants()) {
      if (e.name().equals(v)) {
        System.setProperty(property, v.toLowerCase(Locale.ROOT));
      }
    }
  }
}
