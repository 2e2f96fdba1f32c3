package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture writer itself: the jhdf 0.13.0 writer bug it works around, and what it writes. */
class OdimFixturesTest {
  @TempDir
  Path dir;

  static boolean readable(Path file) {
    try (HdfFile h = new HdfFile(file)) {
      h.getDatasetByPath("/dataset1/data1/data").getData();
      h.getChildren().values().forEach(n -> n.getAttributes().values().forEach(a -> a.getData()));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void layoutsThatJhdfAloneCorruptsAreWrittenCorrectlyWithTheWorkaround() throws Exception {
    // many COMP trees differing only in names: with plain jhdf 0.13.0 some come out corrupt
    List<String> broken = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      OdimFixtures.Comp comp = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(20, 30, i)).done();
      comp.extra().group("how" + i).attr("software", "test");
      comp.extra().group("zz" + i).attr("x", (double) i);
      Path plain = OdimFixtures.writeWithoutWorkaround(comp.tree(), dir.resolve("plain" + i + ".h5"));
      if (!readable(plain)) {
        broken.add("layout " + i);
      }
      Path fixed = comp.write(dir); // throws if the read-back differs in any node, attribute or value
      assertTrue(readable(fixed), "layout " + i + " with the workaround");
    }
    // if this ever fails, jhdf's writer no longer has the bug and the workaround could go
    assertTrue(!broken.isEmpty(), "jhdf 0.13.0 corrupts some of these layouts by itself");
  }

  @Test
  void fileEndsWithTheLastDataSetsBytesFollowedByTheWriterNote() throws Exception {
    byte[][] raster = OdimFixtures.bytes(20, 30, 1);
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", raster).storage(OdimFixtures.Storage.CONTIGUOUS).done().write(dir);
    byte[] data = Files.readAllBytes(file);
    String tail = new String(data, data.length - 200, 200, StandardCharsets.ISO_8859_1);
    assertTrue(tail.contains("jHDF"), "writer note at the end");
    // superblock v2/v3 end-of-file address = file length
    assertEquals(data.length, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(28));
    try (HdfFile h = new HdfFile(file)) {
      Dataset ds = h.getDatasetByPath("/dataset1/data1/data");
      assertArrayEquals(new int[] {20, 30}, ds.getDimensions());
      assertEquals("DBZH", h.getByPath("/dataset1/data1/what").getAttribute("quantity").getData());
      assertEquals("COMP", h.getByPath("/what").getAttribute("object").getData());
      assertEquals("20251117", h.getByPath("/what").getAttribute("date").getData());
      assertEquals("150000", h.getByPath("/what").getAttribute("time").getData());
      assertEquals(0.5, h.getByPath("/dataset1/data1/what").getAttribute("gain").getData());
    }
  }

  @Test
  void arrayAttributesAndLevels() throws Exception {
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).at(OdimFixtures.Level.ROOT).arrays().done()
        .field(2, 1, "TH", OdimFixtures.shorts(5, 4, 1)).at(OdimFixtures.Level.DATASET).done()
        .write(dir);
    try (HdfFile h = new HdfFile(file)) {
      assertArrayEquals(new double[] {0.5}, (double[]) h.getByPath("/what").getAttribute("gain").getData());
      assertEquals(0.5, h.getByPath("/dataset2/what").getAttribute("gain").getData());
      assertEquals("TH", h.getByPath("/dataset2/what").getAttribute("quantity").getData());
      assertEquals(null, h.getByPath("/dataset1/data1/what").getAttribute("gain"));
    }
  }
}
