package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.ObjectHeader;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.SymbolTableMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
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
import org.radarbeam.testing.RealData;

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
  /**
   * A shuffled chunk of values wider than a byte is inflated whole into an array of its declared size: one
   * above an input's share of the heap is too large before it is allocated, one within it decodes. The share
   * is made 4 KiB by declaring as many worker threads as a heap of that share implies.
   */
  @Test
  void aShuffledChunkAboveTheHeapShareIsTooLargeBeforeItIsAllocated() throws Exception {
    short[][] raster = OdimFixtures.shorts(64, 64, 9);
    byte[] one = OdimFixtures.comp().field(1, 1, "DBZH", raster).storage(Storage.SHUFFLE_DEFLATE).chunks(64, 64)
        .done().bytes(dir); // one chunk of 8192 bytes
    byte[] four = OdimFixtures.comp().field(1, 1, "DBZH", raster).storage(Storage.SHUFFLE_DEFLATE).chunks(32, 32)
        .done().bytes(dir); // chunks of 2048 bytes
    byte[] want = Decoded.indices(four, "DBZH", Scaling.ODIM_DEFAULTS, 10.0);
    HeapLimits.workerThreads((int) (Runtime.getRuntime().maxMemory() / (4 * 4096)));
    try {
      long limit = HeapLimits.maxInputBytes();
      assertTrue(limit >= 2048 && limit < 8192, "a share of about 4 KiB: " + limit);
      BadInputException e = assertThrows(BadInputException.class, () -> Decoded.indices(one, "DBZH", Scaling.ODIM_DEFAULTS, 10.0));
      assertEquals(Kind.TOO_LARGE, e.kind(), e.getMessage());
      assertEquals("shuffled chunks of 8192 bytes, above the " + limit + "-byte limit for one chunk ("
          + HeapLimits.inputShare() + ")", e.getMessage());
      Decoded.assertIndices(want, Decoded.indices(four, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 64, "chunks within the share");
    } finally {
      HeapLimits.workerThreads(0);
    }
  }

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

  /**
   * The same on {@code hdf5/odim_v1.h5}, written by libhdf5 as the real files are: a chunk index or a member
   * index that names one node twice, or whose node is its own child, is corrupt before jhdf walks it.
   */
  @Test
  void aTreeOfTheOldestFormatThatNamesANodeTwiceIsCorrupt() throws IOException {
    byte[] file = ChunkedRasterDecoderTest.oldestFormat();
    long[] roots = treeRoots(file);
    long chunkRoot = roots[0];
    long groupRoot = roots[1];
    int key = 8 + 8 * 3; // a chunk's size, filter mask, and its offset in 2 dimensions and the element's
    assertEquals(1, file[(int) chunkRoot + 5], "the chunk index has a root above its leaves");
    Object[] own = loopedTree(file, chunkRoot, key, true);
    BadInputException e = BadInputTest.refused((byte[]) own[0], Kind.CORRUPT);
    assertEquals("corrupt HDF5: the chunk index of the grid: its node at " + own[1] + " is reached twice", e.getMessage());
    byte[] twice = file.clone(); // the root's second child is its first again
    ByteBuffer b = ByteBuffer.wrap(twice).order(ByteOrder.LITTLE_ENDIAN);
    long leaf = b.getLong((int) chunkRoot + 24 + key);
    b.putLong((int) chunkRoot + 24 + 2 * key + 8, leaf);
    e = BadInputTest.refused(twice, Kind.CORRUPT);
    assertEquals("corrupt HDF5: the chunk index of the grid: its node at " + leaf + " is reached twice", e.getMessage());
    for (boolean ownChild : new boolean[] {true, false}) {
      Object[] group = loopedTree(file, groupRoot, 8, ownChild);
      e = BadInputTest.refused((byte[]) group[0], Kind.CORRUPT);
      assertEquals("corrupt HDF5: the member index of group /: its node at " + group[1] + " is reached twice",
          e.getMessage());
    }
  }

  /** The addresses of the grid's chunk index and of the root group's member index, in a file of 8-byte offsets. */
  static long[] treeRoots(byte[] file) throws IOException {
    try (HdfFile h = HdfFile.fromBytes(file)) {
      assertEquals(8, h.getHdfBackingStorage().getSizeOfOffsets());
      return new long[] {
          ((AbstractNode) h.getDatasetByPath("/dataset1/data1/data")).getHeader()
              .getMessageOfType(DataLayoutMessage.ChunkedDataLayoutMessage.class).getBTreeAddress(),
          ObjectHeader.readObjectHeader(h.getHdfBackingStorage(), h.getAddress())
              .getMessageOfType(SymbolTableMessage.class).getBTreeAddress()};
    }
  }

  /**
   * {@code file} with the version-1 B-tree node at {@code root} (keys of {@code key} bytes, 8-byte
   * addresses) made its own child, or with two levels put above it whose two entries both name a copy of
   * it, appended to the file: the trees jhdf recursed through until its stack or heap ran out.
   *
   * @return the new file, and the address reached twice
   */
  static Object[] loopedTree(byte[] file, long root, int key, boolean ownChild) {
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals('T', in.get((int) root), "a B-tree node at " + root);
    int used = in.getShort((int) root + 6) & 0xFFFF;
    int size = 24 + used * (key + 8) + key;
    if (ownChild) {
      ByteBuffer out = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN);
      out.put((int) root + 5, (byte) 1).putShort((int) root + 6, (short) 1).putLong((int) root + 24 + key, root);
      return new Object[] {out.array(), root};
    }
    int copy = (file.length + 7) & ~7;
    int parent = copy + ((size + 7) & ~7);
    ByteBuffer out = ByteBuffer.wrap(java.util.Arrays.copyOf(file, parent + 24 + 2 * (key + 8) + key))
        .order(ByteOrder.LITTLE_ENDIAN);
    System.arraycopy(file, (int) root, out.array(), copy, size);
    out.put(parent, (byte) 'T').put(parent + 1, (byte) 'R').put(parent + 2, (byte) 'E').put(parent + 3, (byte) 'E')
        .put(parent + 4, in.get((int) root + 4)).put(parent + 5, (byte) 1).putShort(parent + 6, (short) 2)
        .putLong(parent + 8, -1).putLong(parent + 16, -1)
        .putLong(parent + 24 + key, copy).putLong(parent + 24 + key + 8 + key, copy);
    out.put((int) root + 5, (byte) 2).putShort((int) root + 6, (short) 1).putLong((int) root + 24 + key, parent);
    return new Object[] {out.array(), (long) copy};
  }

  /**
   * Version-1 B-trees as libhdf5 writes them (jhdf writes other indexes), in a real SHMU file: a chunk
   * index or a group's member index that names one node twice, or whose node is its own child, is a
   * corrupt file, refused before jhdf walks it (it recursed until the stack overflowed, or filled the
   * heap from a few dozen kilobytes of nodes).
   */
  @Test
  void aTreeThatNamesANodeTwiceIsCorrupt() throws IOException {
    byte[] file = Files.readAllBytes(RealData.require("shmu/radar_zmax.hdf"));
    long[] roots = treeRoots(file);
    long chunkRoot = roots[0];
    long groupRoot = roots[1];
    for (boolean ownChild : new boolean[] {true, false}) {
      Object[] chunks = loopedTree(file, chunkRoot, 8 + 8 * 3, ownChild); // size, mask, 2 dimensions + the element's
      BadInputException e = BadInputTest.refused((byte[]) chunks[0], Kind.CORRUPT);
      assertEquals("corrupt HDF5: the chunk index of the grid: its node at " + chunks[1] + " is reached twice",
          e.getMessage());
      Object[] group = loopedTree(file, groupRoot, 8, ownChild); // a heap offset
      e = BadInputTest.refused((byte[]) group[0], Kind.CORRUPT);
      assertEquals("corrupt HDF5: the member index of group /: its node at " + group[1] + " is reached twice",
          e.getMessage());
      try (HdfFile h = HdfFile.fromBytes((byte[]) group[0])) { // the time of a file whose name has none
        assertEquals(Kind.CORRUPT, assertThrows(BadInputException.class, () -> OdimReader.peekNominalTime(h)).kind());
      }
    }
  }
}
