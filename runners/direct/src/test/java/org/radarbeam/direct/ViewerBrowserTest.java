package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.radarbeam.codec.odim.TestComposites;

/**
 * The viewer page in a real headless Chromium, served with the output and its data sibling by a
 * static server on 127.0.0.1, its basemap pointed at a port where nothing listens.
 */
class ViewerBrowserTest {
  @TempDir Path tmp;

  @Test
  void thePageShowsTheNewestFramesAtTheirBoundsAndTheSliderStepsThroughThem() throws Exception {
    ChromeDriver browser = HeadlessChromium.start();
    try (StaticServer www = new StaticServer(tmp.resolve("www"))) {
      int noBasemap = freePort();
      render(noBasemap);
      browser.get(www.url("/out/"));
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

      // the newest frame of each folder, loaded, placed at its manifest's bounds
      wait.until(d -> loaded(browser, "germany", "germany/1763392200.png"));
      assertEquals(manifestBounds("germany"), bounds(browser, "germany"));
      assertPlacedAtItsBounds(browser, "germany");
      assertEquals("2025-11-17 15:10 UTC", browser.findElement(By.id("time")).getText());
      // slovakia has no 15:10 frame: its 15:05 one stands for it (5 minutes late)
      wait.until(d -> loaded(browser, "slovakia", "slovakia/1763391900.png"));
      assertEquals(manifestBounds("slovakia"), bounds(browser, "slovakia"));
      assertPlacedAtItsBounds(browser, "slovakia");

      // the legend from the -data sibling, and the basemap's attribution
      wait.until(d -> (Boolean) js(browser, "var l = document.getElementById('legend');"
          + " return !l.hidden && l.complete && l.naturalWidth > 0"));
      assertTrue(browser.findElement(By.id("legend")).getAttribute("src").endsWith("/out-data/legend/legend.png"));
      assertTrue(browser.findElement(By.className("leaflet-control-attribution")).getText().contains("Test tiles"));

      // the slider steps frames: the first, then the next
      WebElement slider = browser.findElement(By.id("slider"));
      slider.sendKeys(Keys.HOME);
      assertEquals("2025-11-17 15:00 UTC", browser.findElement(By.id("time")).getText());
      wait.until(d -> loaded(browser, "germany", "germany/1763391600.png"));
      assertFalse(onMap(browser, "slovakia"), "no slovakia frame at or shortly before 15:00");
      slider.sendKeys(Keys.ARROW_RIGHT);
      assertEquals("2025-11-17 15:05 UTC", browser.findElement(By.id("time")).getText());
      wait.until(d -> loaded(browser, "germany", "germany/1763391900.png"));
      assertTrue(onMap(browser, "slovakia"));

      // play advances by itself; pause stops it
      WebElement play = browser.findElement(By.id("play"));
      play.click();
      assertEquals("Pause", play.getText());
      wait.until(d -> d.findElement(By.id("time")).getText().equals("2025-11-17 15:10 UTC"));
      play.click();
      assertEquals("Play", play.getText());

      // no JavaScript error: the only failed requests are the basemap's tiles
      List<LogEntry> log = browser.manage().logs().get(LogType.BROWSER).getAll();
      String basemap = "127.0.0.1:" + noBasemap + "/";
      assertTrue(log.stream().anyMatch(e -> e.getMessage().contains(basemap)), "the tiles were asked for: " + log);
      assertEquals(List.of(), log.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
          .map(LogEntry::getMessage).filter(m -> !m.contains(basemap)).toList());
    } finally {
      browser.quit();
    }
  }

  /** dwd frames at 15:00, 15:05 and 15:10, an shmu frame at 15:05, rendered into www/out. */
  private void render(int basemapPort) throws IOException {
    Path dwd = Files.createDirectories(tmp.resolve("in/dwd"));
    for (String hhmm : List.of("1500", "1505", "1510")) {
      Files.write(dwd.resolve("composite_dmax_20251117_" + hhmm + "-hd5"),
          TestComposites.uint8Composite("20251117", hhmm + "00"));
    }
    Files.write(Files.createDirectories(tmp.resolve("in/shmu")).resolve("T_PABV22_C_LZIB_20251117150500.hdf"),
        TestComposites.uint8Composite("shmu", "20251117", "150500"));
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,shmu", "--input=" + tmp.resolve("in") + "/{source}/*",
        "--output=" + tmp.resolve("www/out"), "--viewerBasemap=http://127.0.0.1:" + basemapPort + "/{z}/{x}/{y}.png",
        "--viewerAttribution=Test tiles");
    assertEquals(0, r.status, r.stdout + r.stderr);
  }

  /** west, south, east, north of the newest frame in the folder's frames.json. */
  private List<Double> manifestBounds(String folder) throws IOException {
    String manifest = Files.readString(tmp.resolve("www/out/" + folder + "/frames.json"));
    Matcher m = Pattern.compile("\"bounds\": \\{\"west\": ([-0-9.]+), \"east\": ([-0-9.]+), \"south\": ([-0-9.]+),"
        + " \"north\": ([-0-9.]+)\\}").matcher(manifest);
    List<Double> last = null;
    while (m.find()) {
      last = List.of(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(2)),
          Double.parseDouble(m.group(4)));
    }
    return last;
  }

  @SuppressWarnings("unchecked")
  private static List<Double> bounds(ChromeDriver b, String folder) {
    return ((List<Number>) js(b, "var x = radarbeam.overlays[arguments[0]].getBounds();"
        + " return [x.getWest(), x.getSouth(), x.getEast(), x.getNorth()]", folder)).stream()
        .map(Number::doubleValue).toList();
  }

  /** The image on screen covers its bounds as the map projects them, to the pixel. */
  @SuppressWarnings("unchecked")
  private static void assertPlacedAtItsBounds(ChromeDriver b, String folder) {
    List<Number> offsets = (List<Number>) js(b, "var o = radarbeam.overlays[arguments[0]], m = radarbeam.map;"
        + " var r = o.getElement().getBoundingClientRect(), c = m.getContainer().getBoundingClientRect();"
        + " var nw = m.latLngToContainerPoint(o.getBounds().getNorthWest());"
        + " var se = m.latLngToContainerPoint(o.getBounds().getSouthEast());"
        + " return [r.left - c.left - nw.x, r.top - c.top - nw.y, r.right - c.left - se.x, r.bottom - c.top - se.y,"
        + " r.width]", folder);
    for (int i = 0; i < 4; i++) {
      assertEquals(0.0, offsets.get(i).doubleValue(), 1.0, folder + " edge " + i + ": " + offsets);
    }
    assertTrue(offsets.get(4).doubleValue() > 20, "visible: " + offsets);
  }

  private static boolean loaded(ChromeDriver b, String folder, String key) {
    return (Boolean) js(b, "var o = radarbeam.overlays[arguments[0]], img = o && o.getElement();"
        + " return !!img && radarbeam.map.hasLayer(o) && img.src.endsWith('/out/' + arguments[1])"
        + " && img.complete && img.naturalWidth > 0", folder, key);
  }

  private static boolean onMap(ChromeDriver b, String folder) {
    return (Boolean) js(b, "return radarbeam.map.hasLayer(radarbeam.overlays[arguments[0]])", folder);
  }

  private static Object js(ChromeDriver b, String script, Object... args) {
    return ((JavascriptExecutor) b).executeScript(script, args);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
