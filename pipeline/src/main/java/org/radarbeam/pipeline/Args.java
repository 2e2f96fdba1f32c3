package org.radarbeam.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * Small helpers on {@code --name=value} argument lists, for the runners' mains and the Flink REST
 * client, which set their defaults before the options are parsed (no logging, no Beam).
 */
public final class Args {
  private Args() {}

  /** Whether {@code args} ask for --help (or -h), which lists the options instead of running. */
  public static boolean wantsHelp(String[] args) {
    return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
  }

  /**
   * Whether {@code args} give option {@code name}, as {@code --name} or {@code --name=value}. An empty
   * value ({@code --name=}, as a ConfigMap's unset variable gives) means the option's default, as the job
   * reads it (RadarJob drops such values before parsing): it does not count as given.
   */
  public static boolean has(List<String> args, String name) {
    for (String s : args) {
      if (s.equals("--" + name) || s.startsWith("--" + name + "=") && !s.substring(name.length() + 3).isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** The value of the last {@code --name=value}, or null. */
  public static String value(List<String> args, String name) {
    String v = null;
    for (String s : args) {
      if (s.startsWith("--" + name + "=")) {
        v = s.substring(name.length() + 3);
      }
    }
    return v;
  }

  /** Appends {@code --name=value} unless {@code args} give {@code name} already. */
  public static void addUnlessGiven(List<String> args, String name, String value) {
    if (!has(args, name)) {
      args.add("--" + name + "=" + value);
    }
  }

  public static void remove(List<String> args, String name) {
    args.removeIf(s -> s.equals("--" + name) || s.startsWith("--" + name + "="));
  }
}
