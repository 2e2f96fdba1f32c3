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

  /**
   * Whether the run's lines are JSON, from the raw arguments, so what is said before the options are parsed
   * (or when they cannot be) and the summary after match the logs: a -D property wins over --logFormat.
   */
  public static boolean json(String[] args) {
    String format = System.getProperty(FORMAT_PROPERTY);
    for (String a : args) {
      if (format == null && a.startsWith("--logFormat=")) {
        format = a.substring("--logFormat=".length());
      }
    }
    return isJson(format);
  }

  private static boolean isJson(String format) {
    return format != null && format.trim().equalsIgnoreCase(LogOptions.LogFormat.JSON.name());
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
