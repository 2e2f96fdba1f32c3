package org.radarbeam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.radarbeam.palette.DbzQuantizer;
import org.radarbeam.palette.RadarPalette;

/** Legend: its ranges and colours are exactly what the renderer draws. */
class LegendTest {
  @Test
  void everyRangeIsDrawnInItsColourAndTheRangesJoin() {
    for (double threshold : new double[] {10.0, -35.0, 0.5}) {
      List<Legend.Entry> entries = Legend.entries(threshold);
      assertEquals(threshold, entries.get(0).from(), 1e-9);
      assertNull(entries.get(entries.size() - 1).to());
      for (int i = 0; i < entries.size(); i++) {
        Legend.Entry e = entries.get(i);
        double to = e.to() == null ? 90.0 : e.to();
        if (i + 1 < entries.size()) {
          assertEquals(to, entries.get(i + 1).from(), 1e-9, "ranges join");
        }
        // sample inside the range, away from float32 rounding at its edges
        for (double v = e.from() + 0.01; v < to - 0.01; v += 0.05) {
          assertEquals(e.argb(), RadarPalette.argb(DbzQuantizer.paletteIndex((float) v, threshold)), "at " + v);
        }
      }
    }
    assertEquals(0, RadarPalette.argb(DbzQuantizer.paletteIndex(9.99f, 10.0)), "below the threshold: transparent");
  }

  @Test
  void jsonListsTheEntries() {
    String json = Legend.json(10.0);
    assertTrue(json.startsWith("{\"title\": \"Radar reflectivity\", \"unit\": \"dBZ\", \"threshold\": 10.00,"), json);
    assertTrue(json.contains("{\"from\": 10.00, \"to\": "), json);
    assertTrue(json.contains("\"to\": null, \"dbz\": 85, \"rgba\": [252, 172, 252, 255], \"hex\": \"#fcacfc\"}"), json);
    assertEquals(Legend.entries(10.0).size(), json.split("\"from\"").length - 1);
  }

  @Test
  void thePngIsTheBarWithLabels() throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Legend.png(10.0)));
    assertEquals(6 + 76 * 5 + 6 + 17 + 6, img.getWidth());
    assertEquals(6 + 14 + 3 + 7 + 6, img.getHeight());
    int x45 = 6 + (45 - 10) * 5 + 2;
    assertEquals(RadarPalette.argb(DbzQuantizer.paletteIndex(45.5f, 10.0)), img.getRGB(x45, 10), "the bar at 45 dBZ");
    assertEquals(0, img.getRGB(0, 0), "transparent around it");
    int ink = 0;
    for (int y = 6 + 14 + 3; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        ink += img.getRGB(x, y) == 0xFF202020 ? 1 : 0;
      }
    }
    assertTrue(ink > 100, "labels drawn under the bar: " + ink);
  }
}
