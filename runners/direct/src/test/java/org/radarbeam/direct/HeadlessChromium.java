package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium driven headless through its own chromedriver (never one Selenium Manager
 * downloads). Where either is absent (a developer machine) the test skips with a message; with
 * {@value #REQUIRE} set to {@code true} (CI sets it) that is a failure instead.
 */
final class HeadlessChromium {
  /** Environment variable (or system property) that turns a missing browser into a test failure. */
  static final String REQUIRE = "RADARBEAM_REQUIRE_BROWSER";
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** A new headless Chromium that keeps the page's console messages; skips or fails where there is none. */
  static ChromeDriver start() {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      String message = "no browser: " + BINARY + " and " + DRIVER + " are needed (apt-get install chromium chromium-driver)";
      String v = System.getProperty(REQUIRE, System.getenv(REQUIRE));
      if (v != null && v.equalsIgnoreCase("true")) {
        fail(message + "; " + REQUIRE + " is set, so this is a failure, not a skip");
      }
      Assumptions.assumeTrue(false, "skipped: " + message);
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,700",
        "--disable-background-networking", "--disable-component-update", "--no-first-run");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    return new ChromeDriver(options);
  }
}
