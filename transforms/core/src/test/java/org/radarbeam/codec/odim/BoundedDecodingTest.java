package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.odim.OdimFixtures.Storage;
import org.radarbeam.geo.WarpPlans;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.PngCompression;
import org.radarbeam.png.PngFilter;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;

/**
 * Decompression bombs and absurd sizes in ODIM_H5 files: no chunk is inflated past the size its
 * layout declares, a layout that declares far more than its grid is refused before anything is
 * inflated, and a grid the heap cannot hold is refused before it is allocated.
 */
class BoundedDecodingTest {
  /** What the stored 600 x 600 uint8 chunk of the fixtures holds. */
  private static final int DECLARED = 600 * 600;
  private static final long BOMB = 256L << 20;
  private static final String OVERRUN = "corrupt HDF5: chunk at row 0, column 0 inflates to more than the "
      + DECLARED + " bytes its chunk layout declares";

  @TempDir
  static Path dir;

  private static byte[] uint8WithChunk(byte[] stream) throws IOException {
    return Bombs.odim(dir, OdimFixtures.bytes(600, 600, 7), Storage.DEFLATE, stream, "20251117", "150000");
  }

  /**
   * Two pixels by 100 000 over DWD's area, 200 KB of raster: its Web Mercator image would have the thin
   * pixels' size over the whole area, billions of pixels. Refused from that size before its warp is planned.
   */
  @Test
  void aThinGridWhoseWebMercatorImageIsTooLargeIsRefusedBeforeItsWarpIsPlanned() throws IOException {
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(100_000, 2, 3)).done().bytes(dir);
    WarpPlans.clear();
    BadInputException e = assertThrows(BadInputException.class, () -> {
      try (FrameRenderer r = new FrameRenderer(new RenderSettings("DBZH", 10.0, RenderSettings.DEFAULT_MAX_PIXELS,
          PngCompression.rle(), Projection.WEBMERCATOR))) {
        r.render(file, Scaling.ODIM_DEFAULTS);
      }
    });
    assertEquals(Kind.TOO_LARGE, e.kind(), e.getMessage());
    assertTrue(e.getMessage().matches("Web Mercator grid \\d+x\\d+ = \\d+ pixels exceeds --maxPixels=50000000"),
        e.getMessage());
    assertEquals(0, WarpPlans.size(), "no plan kept");
  }

  @Test
  void aChunkThatInflatesToHundredsOfMegabytesIsCorruptAfterOneByteTooMany() throws IOException {
    byte[] stream = Bombs.zlib(new byte[0], BOMB);
    byte[] file = uint8WithChunk(stream);
    assertTrue(file.length < 1 << 20, "a small file: " + file.length + " bytes, its chunk inflating to 256 MiB");
    BadInputException e = BadInputTest.refused(file, Kind.CORRUPT);
    assertEquals(OVERRUN, e.getMessage());
  }

  @Test
  void aStreamWithBytesAfterTheDeclaredChunkIsCorruptAndOneThatFitsIsNot() throws Exception {
    BadInputException e = BadInputTest.refused(uint8WithChunk(Bombs.zlib(new byte[0], DECLARED + 1)), Kind.CORRUPT);
    assertEquals(OVERRUN, e.getMessage());
    BadInputException more = BadInputTest.refused(uint8WithChunk(Bombs.zlib(new byte[0], DECLARED + 100_000)), Kind.CORRUPT);
    assertEquals(OVERRUN, more.getMessage());

    byte[] exact = Decoded.indices(uint8WithChunk(Bombs.zlib(new byte[0], DECLARED)), "DBZH", Scaling.ODIM_DEFAULTS, 10.0);
    assertEquals(DECLARED, exact.length);
    assertEquals(0, Decoded.drawn(exact), "raw 0 is undetect: the chunk of exactly its size decodes, all transparent");
  }

  /** jhdf would inflate a shuffled chunk into one growing array: 256 MiB here, past the image's whole heap. */
  @Test
  void aShuffledChunkIsBoundedTheSameWay() throws Exception {
    short[][] raster = OdimFixtures.shorts(400, 400, 8);
    byte[] bomb = Bombs.odim(dir, raster, Storage.SHUFFLE_DEFLATE, Bombs.zlib(new byte[0], BOMB), "20251117", "150000");
    try (HdfFile h = HdfFile.fromBytes(bomb)) {
      ChunkedDataset ds = (ChunkedDataset) h.getDatasetByPath("/dataset1/data1/data");
      assertEquals(List.of(2, 1), ds.getFilters().stream().map(PipelineFilterWithData::getId).collect(Collectors.toList()),
          "shuffle, then deflate");
    }
    BadInputException e = BadInputTest.refused(bomb, Kind.CORRUPT);
    assertEquals("corrupt HDF5: chunk at row 0, column 0 inflates to more than the 320000 bytes its chunk layout declares",
        e.getMessage());

    byte[] fits = Bombs.odim(dir, raster, Storage.SHUFFLE_DEFLATE, Bombs.zlib(new byte[0], 320_000), "20251117", "150000");
    assertEquals(0, Decoded.drawn(Decoded.indices(fits, "DBZH", Scaling.ODIM_DEFAULTS, 10.0)));
    BadInputException longer = BadInputTest.refused(
        Bombs.odim(dir, raster, Storage.SHUFFLE_DEFLATE, Bombs.zlib(new byte[0], 320_001), "20251117", "150000"), Kind.CORRUPT);
    assertEquals(e.getMessage(), longer.getMessage());
  }

  /** A grid of 10 x 10 in one chunk of 1000 x 999 uint16 values: 2 MB to inflate for 200 bytes of grid. */
  @Test
  void chunksThatDeclareFarMoreThanTheGridAreRefusedBeforeAnythingIsInflated() throws IOException {
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", new short[1000][999]).storage(Storage.DEFLATE).chunks(1000, 999)
        .done().bytes(dir);
    BadInputTest.patchDims(file, 1000, 999, 10, 10);
    BadInputException e = BadInputTest.refused(file, Kind.TOO_LARGE);
    assertEquals("chunks of [1000, 999] over [10, 10] declare 1998000 bytes, more than the " + (4 * 200 + (1 << 20))
        + " allowed for the grid", e.getMessage());
  }

  /** --maxPixels allows it, the heap does not: refused before the frame buffer exists. */
  @Test
  void aGridTheHeapCannotHoldIsTooLargeBeforeItIsAllocated() throws IOException {
    long side = (long) Math.sqrt(HeapLimits.maxGridBytes()) + 1;
    assumeTrue(side * side < Integer.MAX_VALUE - 8, "a heap above 8 GiB takes grids beyond any --maxPixels");
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", new byte[77][55]).storage(Storage.CONTIGUOUS).done().bytes(dir);
    BadInputTest.patchDims(file, 77, 55, side, side);
    RenderSettings settings = new RenderSettings("DBZH", 10.0, Integer.MAX_VALUE - 8, 6, PngFilter.UP);
    try (FrameRenderer r = new FrameRenderer(settings)) {
      BadInputException e = assertThrows(BadInputException.class, () -> r.render(file, Scaling.ODIM_DEFAULTS));
      assertEquals(Kind.TOO_LARGE, e.kind());
      assertEquals("grid " + side + "x" + side + " = " + side * side + " pixels needs more than the "
          + HeapLimits.maxGridBytes() + " bytes a frame may take (" + HeapLimits.gridShare() + ")", e.getMessage());
      assertTrue(r.lastIndices().length < 1 << 20, "no frame buffer was allocated");
    }
  }
}
