package org.radarbeam.bench;

import java.util.Arrays;

/** Small helpers the benchmark mains share: --name=value arguments and medians. */
public final class BenchArgs {
  private BenchArgs() {}

  public static String arg(String[] args, String name, String def) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return def;
  }

  public static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
