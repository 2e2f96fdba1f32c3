package org.radarbeam.codec.odim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small synthetic ODIM_H5 composites for the job's tests (uint8, gain 0.5, offset -32). */
public final class TestComposites {
  private TestComposites() {}

  /** Corners of a rectangle west..east, south..north in {@code projdef}. */
  private static void grid(OdimFixtures.Comp c, String projdef, double west, double east, double south, double north) {
    c.extra().group("where").attr("projdef", projdef)
        .attr("UL_lon", west).attr("UL_lat", north).attr("UR_lon", east).attr("UR_lat", north)
        .attr("LL_lon", west).attr("LL_lat", south).attr("LR_lon", east).attr("LR_lat", south);
  }

  /** A 40x30 uint8 COMP with a gradient of echoes, nominal time date/time (UTC), on DWD's grid. */
  public static byte[] uint8Composite(String date, String time) {
    return uint8Composite("dwd", date, time);
  }

  /**
   * The same on a grid shaped like {@code source}'s (its projection over its area): dwd, shmu,
   * chmi or imgw.
   */
  public static byte[] uint8Composite(String source, String date, String time) {
    byte[][] data = new byte[30][40];
    for (int r = 0; r < 30; r++) {
      for (int c = 0; c < 40; c++) {
        data[r][c] = (byte) ((r * 40 + c) % 256);
      }
    }
    try {
      Path dir = Files.createTempDirectory("radarbeam-test");
      try {
        OdimFixtures.Comp c = OdimFixtures.comp().date(date).time(time).field(1, 1, "DBZH", data)
            .scaling(0.5, -32.0, 255.0, 0.0).chunks(16, 16).done();
        switch (source) {
          case "dwd" -> { }
          case "shmu" -> grid(c, "+proj=merc +lon_0=18.7 +lat_0=0 +lon_ts=0 +lat_ts=48.43 +ellps=sphere",
              13.6, 23.8, 46.05, 50.7);
          case "chmi" -> grid(c, "+proj=merc +lat_ts=0 +lon_0=0 +x_0=-1254222.15 +y_0=-6702777.85 +ellps=WGS84",
              11.27, 19.62, 48.05, 51.46);
          case "imgw" -> grid(c, "+proj=longlat +datum=WGS84 +no_defs", 11.81, 26.37, 48.13, 56.39);
          default -> throw new IllegalArgumentException("no grid for " + source);
        }
        return c.bytes(dir);
      } finally {
        try (var s = Files.list(dir)) {
          for (Path p : (Iterable<Path>) s::iterator) {
            Files.delete(p);
          }
        }
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
