package org.radarbeam.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
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

  /** The real DWD frame under ${radarbeam.shared:-../shared}/testdata/real. */
  public static Path realDwdFrame() {
    return Paths.get(System.getProperty("radarbeam.shared", "../shared"), "testdata/real/dwd/composite_hx_test.hd5");
  }

  public static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
