package org.radarbeam.output;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.radarbeam.palette.DbzQuantizer;
import org.radarbeam.palette.RadarPalette;

/**
 * The legend of the images, from the same rule that colours them ({@link DbzQuantizer}): which
 * dBZ range each colour stands for above the threshold, as JSON for clients that draw their own,
 * and as a PNG bar with dBZ labels. Written once to {dataPrefix}/legend/.
 */
public final class Legend {
  public static final String JSON_KEY = "legend/reflectivity.json";
  public static final String PNG_KEY = "legend/legend.png";

  private static final int PX_PER_DBZ = 5;
  private static final int MARGIN = 6;
  private static final int BAR_HEIGHT = 14;
  private static final int LABEL_ARGB = 0xFF202020;

  /** One colour of the legend: values in [from, to) are drawn in it; to is null for the last. */
  public record Entry(double from, Double to, int dbz, int argb) {}

  private Legend() {}

  /** The colours drawn at or above {@code minDbz}, each with the range of values it stands for. */
  public static List<Entry> entries(double minDbz) {
    List<Entry> out = new ArrayList<>();
    int level = 0;
    while (level < DbzQuantizer.LEVELS) {
      int index = RadarPalette.indexOfDbz(DbzQuantizer.dbzOfLevel(level));
      int end = level;
      while (end + 1 < DbzQuantizer.LEVELS
          && RadarPalette.indexOfDbz(DbzQuantizer.dbzOfLevel(end + 1)) == index) {
        end++;
      }
      // level i holds values from -35 + i * 120 / 255 on (level 0 everything below, 255 everything above)
      double from = level == 0 ? Double.NEGATIVE_INFINITY : lowerBound(level);
      Double to = end + 1 == DbzQuantizer.LEVELS ? null : lowerBound(end + 1);
      if (to == null || to > minDbz) {
        out.add(new Entry(Math.max(from, minDbz), to, DbzQuantizer.dbzOfLevel(level), RadarPalette.argb(index)));
      }
      level = end + 1;
    }
    return out;
  }

  private static double lowerBound(int level) {
    return -35.0 + level * 120.0 / 255.0;
  }

  /** reflectivity.json: title, unit, threshold and the entries with their RGBA. */
  public static String json(double minDbz) {
    StringBuilder s = new StringBuilder(8192);
    s.append(String.format(Locale.ROOT, "{\"title\": \"Radar reflectivity\", \"unit\": \"dBZ\", \"threshold\": %.2f,"
        + " \"belowThreshold\": \"transparent\", \"entries\": [", minDbz));
    List<Entry> entries = entries(minDbz);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      int c = e.argb();
      s.append(i == 0 ? "\n  " : ",\n  ").append(String.format(Locale.ROOT,
          "{\"from\": %.2f, \"to\": %s, \"dbz\": %d, \"rgba\": [%d, %d, %d, 255], \"hex\": \"#%06x\"}", e.from(),
          e.to() == null ? "null" : String.format(Locale.ROOT, "%.2f", e.to()), e.dbz(), (c >> 16) & 0xFF,
          (c >> 8) & 0xFF, c & 0xFF, c & 0xFFFFFF));
    }
    return s.append("\n]}\n").toString();
  }

  /** legend.png: the colour bar from the threshold to 85 dBZ, labelled every 10 dBZ, on transparency. */
  public static byte[] png(double minDbz) {
    int first = (int) Math.floor(minDbz);
    int last = 85;
    int barWidth = (last - first + 1) * PX_PER_DBZ;
    String unit = "dBZ";
    int width = MARGIN + barWidth + MARGIN + Glyphs.width(unit) + MARGIN;
    int height = MARGIN + BAR_HEIGHT + 3 + Glyphs.HEIGHT + MARGIN;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int x = 0; x < barWidth; x++) {
      float v = (float) (first + (x + 0.5) / PX_PER_DBZ);
      int index = DbzQuantizer.paletteIndex(v, minDbz);
      for (int y = 0; y < BAR_HEIGHT; y++) {
        img.setRGB(MARGIN + x, MARGIN + y, RadarPalette.argb(index));
      }
    }
    for (int d = (int) Math.ceil(first / 10.0) * 10; d <= last; d += 10) {
      int x = MARGIN + (d - first) * PX_PER_DBZ;
      for (int y = 0; y < 3; y++) {
        img.setRGB(x, MARGIN + BAR_HEIGHT + y, LABEL_ARGB);
      }
      String label = Integer.toString(d);
      int lx = Math.max(0, Math.min(width - Glyphs.width(label), x - Glyphs.width(label) / 2));
      Glyphs.draw(img, label, lx, MARGIN + BAR_HEIGHT + 3 + 1, LABEL_ARGB);
    }
    Glyphs.draw(img, unit, MARGIN + barWidth + MARGIN, MARGIN + (BAR_HEIGHT - Glyphs.HEIGHT) / 2, LABEL_ARGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }

  /**
   * A 5x7 pixel font of the few characters the labels use. Drawn by hand rather than with AWT
   * text, which needs system fonts a headless container image does not have.
   */
  static final class Glyphs {
    static final int HEIGHT = 7;
    private static final int WIDTH = 5;
    private static final Map<Character, String[]> FONT = Map.ofEntries(
        Map.entry('0', new String[] {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."}),
        Map.entry('1', new String[] {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."}),
        Map.entry('2', new String[] {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"}),
        Map.entry('3', new String[] {"####.", "....#", "....#", ".###.", "....#", "....#", "####."}),
        Map.entry('4', new String[] {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."}),
        Map.entry('5', new String[] {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."}),
        Map.entry('6', new String[] {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."}),
        Map.entry('7', new String[] {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."}),
        Map.entry('8', new String[] {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."}),
        Map.entry('9', new String[] {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."}),
        Map.entry('-', new String[] {".....", ".....", ".....", "#####", ".....", ".....", "....."}),
        Map.entry('d', new String[] {"....#", "....#", ".####", "#...#", "#...#", "#...#", ".####"}),
        Map.entry('B', new String[] {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."}),
        Map.entry('Z', new String[] {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"}));

    private Glyphs() {}

    static int width(String text) {
      return text.length() * (WIDTH + 1) - 1;
    }

    static void draw(BufferedImage img, String text, int x, int y, int argb) {
      for (int i = 0; i < text.length(); i++) {
        String[] rows = FONT.get(text.charAt(i));
        for (int r = 0; r < HEIGHT; r++) {
          for (int c = 0; c < WIDTH; c++) {
            if (rows[r].charAt(c) == '#') {
              img.setRGB(x + i * (WIDTH + 1) + c, y + r, argb);
            }
          }
        }
      }
    }
  }
}
