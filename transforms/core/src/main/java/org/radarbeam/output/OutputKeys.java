package org.radarbeam.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.radarbeam.geo.GridGeometry;

/**
 * The deterministic output key of a frame: {folder}/{unix_seconds}.png, or
 * {folder}/{grid}/{unix_seconds}.png for a source whose files come on many grids.
 */
public final class OutputKeys {
  private OutputKeys() {}

  public static String png(String folder, long nominalEpochSeconds) {
    return folder + "/" + nominalEpochSeconds + ".png";
  }

  /** The key of a frame's scaled variant beside its image: {@code {folder}/{unix}@{metres}m.png}. */
  public static String variant(String imageKey, int metres) {
    return imageKey.substring(0, imageKey.length() - ".png".length()) + "@" + metres + "m.png";
  }

  /** The key of a frame on grid {@code gridId} (null: the folder's own key). */
  public static String png(String folder, String gridId, long nominalEpochSeconds) {
    return gridId == null ? png(folder, nominalEpochSeconds) : png(folder + "/" + gridId, nominalEpochSeconds);
  }

  /**
   * A short stable name of a grid: its size and a hash of its projection and corners
   * ({@code 800x1090-1a2b3c4d}), the same for every file on that grid.
   */
  public static String gridId(GridGeometry g, int width, int height) {
    String text = String.format(Locale.ROOT, "%s|%d|%d|%.6f|%.6f|%.6f|%.6f|%.6f|%.6f|%.6f|%.6f",
        g.projdef() == null ? "" : g.projdef().trim(), width, height, g.ulLon(), g.ulLat(), g.urLon(), g.urLat(),
        g.llLon(), g.llLat(), g.lrLon(), g.lrLat());
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return width + "x" + height + "-" + HexFormat.of().formatHex(h, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
  }
}
