package org.radarbeam.flink;

import java.util.List;

/** Small helpers on {@code --name=value} argument lists (no logging, no Beam: the REST client uses them too). */
final class Args {
  private Args() {}

  static boolean has(List<String> args, String name) {
    for (String s : args) {
      if (s.equals("--" + name) || s.startsWith("--" + name + "=")) {
        return true;
      }
    }
    return false;
  }

  static String value(List<String> args, String name) {
    String v = null;
    for (String s : args) {
      if (s.startsWith("--" + name + "=")) {
        v = s.substring(name.length() + 3);
      }
    }
    return v;
  }

  static void remove(List<String> args, String name) {
    args.removeIf(s -> s.equals("--" + name) || s.startsWith("--" + name + "="));
  }
}
