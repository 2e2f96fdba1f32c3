package org.radarbeam.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * The real radar files beside the project ({@code ../shared/testdata/real}), which are never copied
 * into it. Where they are absent (a user's fresh clone) the tests that need them skip with a message
 * naming the missing path; with {@value #REQUIRE} set to {@code true} (CI sets it) that skip is a
 * failure instead, so no test can pass by skipping.
 */
public final class RealData {
  /** Environment variable (or system property) that turns a missing real file into a test failure. */
  public static final String REQUIRE = "RADARBEAM_REQUIRE_REAL_DATA";

  private RealData() {}

  /** {@code testdata/real}: below -Dradarbeam.shared (the build sets it), else ../shared beside the checkout. */
  public static Path dir() {
    String shared = System.getProperty("radarbeam.shared");
    if (shared != null && !shared.isBlank()) {
      return Paths.get(shared).resolve("testdata/real").normalize();
    }
    // a module directory of the checkout: the checkout is the first parent with a .mvn folder
    Path p = Paths.get("").toAbsolutePath();
    while (p.getParent() != null && !Files.isDirectory(p.resolve(".mvn"))) {
      p = p.getParent();
    }
    return p.resolveSibling("shared").resolve("testdata/real").normalize();
  }

  /** The real file {@code relative} (e.g. {@code dwd/composite_hx_test.hd5}); it may be absent. */
  public static Path path(String relative) {
    return dir().resolve(relative);
  }

  /** The real file {@code relative}: skips the test where it is absent, or fails it under {@value #REQUIRE}. */
  public static Path require(String relative) {
    Path p = path(relative);
    requireThat(Files.isRegularFile(p), p);
    return p;
  }

  /** The real data directory: skips the test where it is absent, or fails it under {@value #REQUIRE}. */
  public static Path requireDir() {
    Path d = dir();
    requireThat(Files.isDirectory(d), d);
    return d;
  }

  /** Whether a missing real file fails the test rather than skipping it. */
  public static boolean required() {
    String v = System.getProperty(REQUIRE, System.getenv(REQUIRE));
    return v != null && v.equalsIgnoreCase("true");
  }

  /** Skips (or, under {@value #REQUIRE}, fails) unless {@code present}; {@code where} names what is missing. */
  public static void requireThat(boolean present, Object where) {
    if (present) {
      return;
    }
    String message = "real test data absent: " + where + " (../shared/testdata/real beside the checkout,"
        + " or -Dradarbeam.shared=DIR)";
    if (required()) {
      fail(message + "; " + REQUIRE + " is set, so this is a failure, not a skip");
    }
    Assumptions.assumeTrue(false, "skipped: " + message);
  }
}
