package org.radarbeam.pipeline;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small synthetic ODIM_H5 composites for the job's tests (uint8, DWD-like scaling). */
final class TestComposites {
  private TestComposites() {}

  /** A 40x30 uint8 COMP with a gradient of echoes, nominal time date/time (UTC). */
  static byte[] uint8Composite(String date, String time) {
    try {
      Path f = Files.createTempFile("radarbeam-test", ".h5");
      try {
        byte[][] data = new byte[30][40];
        for (int r = 0; r < 30; r++) {
          for (int c = 0; c < 40; c++) {
            data[r][c] = (byte) ((r * 40 + c) % 256);
          }
        }
        try (WritableHdfFile w = HdfFile.write(f)) {
          w.putAttribute("Conventions", "ODIM_H5/V2_2");
          WritableGroup what = w.putGroup("what");
          what.putAttribute("object", "COMP");
          what.putAttribute("date", date);
          what.putAttribute("time", time);
          WritableGroup data1 = w.putGroup("dataset1").putGroup("data1");
          WritableGroup dwhat = data1.putGroup("what");
          dwhat.putAttribute("quantity", "DBZH");
          dwhat.putAttribute("gain", 0.5);
          dwhat.putAttribute("offset", -32.0);
          dwhat.putAttribute("nodata", 255.0);
          dwhat.putAttribute("undetect", 0.0);
          data1.putDataset("data", data, DatasetCreationOptions.builder().unsigned().chunkDimensions(16, 16).deflate(6).build());
          JhdfWriterOrder.datasetsLast(w);
        }
        return Files.readAllBytes(f);
      } finally {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
