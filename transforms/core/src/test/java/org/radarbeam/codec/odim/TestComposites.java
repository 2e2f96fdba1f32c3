package org.radarbeam.codec.odim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small synthetic ODIM_H5 composites for the job's tests (uint8, gain 0.5, offset -32). */
public final class TestComposites {
  private TestComposites() {}

  /** A 40x30 uint8 COMP with a gradient of echoes, nominal time date/time (UTC). */
  public static byte[] uint8Composite(String date, String time) {
    byte[][] data = new byte[30][40];
    for (int r = 0; r < 30; r++) {
      for (int c = 0; c < 40; c++) {
        data[r][c] = (byte) ((r * 40 + c) % 256);
      }
    }
    try {
      Path dir = Files.createTempDirectory("radarbeam-test");
      try {
        return OdimFixtures.comp().date(date).time(time).field(1, 1, "DBZH", data)
            .scaling(0.5, -32.0, 255.0, 0.0).chunks(16, 16).done().bytes(dir);
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
