package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.checksum.ChecksumUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.odim.OdimFixtures.H5Group;
import org.radarbeam.codec.odim.OdimFixtures.Storage;
import org.radarbeam.palette.Scaling;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.testing.RealData;

/**
 * Inputs that can never be rendered, through both entry points (the content check and OdimReader.open +
 * decode, as the renderer calls them; and FrameRenderer.render): each gives the precise kind and a
 * one-line message.
 */
class BadInputTest {
  @TempDir
  static Path dir;

  static final Path REAL = RealData.dir();

  /** Asserts both entry points refuse {@code data} with {@code kind}; returns the reader's exception. */
  static BadInputException refused(byte[] data, Kind kind) {
    return refused(data, kind, Scaling.ODIM_DEFAULTS);
  }

  static BadInputException refused(byte[] data, Kind kind, Scaling defaults) {
    BadInputException viaReader = assertThrows(BadInputException.class,
        () -> Decoded.indices(data, "DBZH", defaults, 10.0), "OdimReader.open + decode");
    assertEquals(kind, viaReader.kind(), "reader: " + viaReader.getMessage());
    assertOneLine(viaReader);
    BadInputException viaRenderer = assertThrows(BadInputException.class, () -> {
      try (FrameRenderer r = new FrameRenderer(RenderSettings.defaults())) {
        r.render(data, defaults);
      }
    }, "FrameRenderer.render");
    assertEquals(kind, viaRenderer.kind(), "renderer: " + viaRenderer.getMessage());
    assertOneLine(viaRenderer);
    return viaReader;
  }

  static void assertOneLine(BadInputException e) {
    String m = e.getMessage();
    assertTrue(m != null && !m.isBlank(), "message present");
    assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
    assertTrue(m.length() < 400, "short message: " + m);
  }

  static byte[] good() throws IOException {
    return OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).done().bytes(dir);
  }

  @Test
  void emptyFile() {
    BadInputException e = refused(new byte[0], Kind.EMPTY);
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void htmlErrorPage() {
    String page = "<!DOCTYPE html>\n<html lang=\"pl\">\n<head><meta charset=\"utf-8\"><title>Błąd 404</title></head>\n"
        + "<body><h1>Nie znaleziono</h1>\n<p>The requested file was not found.</p></body>\n</html>\n";
    BadInputException e = refused(page.getBytes(StandardCharsets.UTF_8), Kind.HTML);
    assertTrue(e.getMessage().contains("HTML"), e.getMessage());
  }

  @Test
  void randomBytes() {
    byte[] data = new byte[10_000];
    new Random(11).nextBytes(data);
    data[0] = 'R';
    refused(data, Kind.NOT_HDF5);
  }

  @Test
  void syntheticFileTruncatedToHalfOrByAFewBytes() throws IOException {
    byte[] h5 = good();
    refused(Arrays.copyOf(h5, h5.length / 2), Kind.TRUNCATED);
    for (int cut = 1; cut <= 4; cut++) {
      refused(Arrays.copyOf(h5, h5.length - cut), Kind.TRUNCATED);
    }
  }

  @Test
  void syntheticFileCutInsideItsSuperblock() throws IOException {
    byte[] h5 = good();
    for (int n : new int[] {8, 9, 10, 12, 20, 40}) {
      refused(Arrays.copyOf(h5, n), Kind.TRUNCATED);
    }
  }

  @Test
  void realFileTruncatedToHalfOrByAFewBytes() throws IOException {
    Path dwd = RealData.require("dwd/composite_hx_test.hd5");
    byte[] data = Files.readAllBytes(dwd);
    refused(Arrays.copyOf(data, data.length / 2), Kind.TRUNCATED);
    refused(Arrays.copyOf(data, data.length - 3), Kind.TRUNCATED);
  }

  /** Rewrites the checksum of jhdf's version 2 superblock (of 8-byte offsets) after its fields were changed. */
  static void resealSuperblock(byte[] h5) {
    ByteBuffer.wrap(h5).order(ByteOrder.LITTLE_ENDIAN).putInt(44, ChecksumUtils.checksum(Arrays.copyOfRange(h5, 0, 44)));
  }

  /** The sniffer cannot read such a superblock's end of file, so jhdf meets it: corrupt, not a crash. */
  @Test
  void aSuperblockOfAnUnknownVersionIsCorrupt() throws IOException {
    byte[] h5 = good();
    h5[8] = 9;
    resealSuperblock(h5);
    BadInputException e = refused(h5, Kind.CORRUPT);
    assertEquals("corrupt HDF5: Superblock version is not supported. Detected version = 9", e.getMessage());
  }

  @Test
  void aSuperblockOfOffsetsOfOtherThanFourOrEightBytesIsCorrupt() throws IOException {
    for (int size : new int[] {0, 2, 16}) {
      byte[] h5 = good();
      h5[9] = (byte) size;
      resealSuperblock(h5);
      BadInputException e = refused(h5, Kind.CORRUPT);
      assertTrue(e.getMessage().startsWith("corrupt HDF5: "), size + "-byte offsets: " + e.getMessage());
    }
  }

  /**
   * A superblock that declares no end of file (the undefined address) leaves nothing to tell a file cut
   * short by: the whole file still decodes, and one cut in half is corrupt where jhdf finds its parts missing.
   */
  @Test
  void aFileCutShortWhoseSuperblockDeclaresNoEndIsCorrupt() throws Exception {
    byte[] h5 = good();
    ByteBuffer.wrap(h5).order(ByteOrder.LITTLE_ENDIAN).putLong(28, -1L); // base, extension, then the end of file
    resealSuperblock(h5);
    Decoded.assertIndices(Decoded.indices(good(), "DBZH", Scaling.ODIM_DEFAULTS, 10.0),
        Decoded.indices(h5, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 37, "the whole file");
    BadInputException e = refused(Arrays.copyOf(h5, h5.length / 2), Kind.CORRUPT);
    assertTrue(e.getMessage().startsWith("corrupt HDF5: "), e.getMessage());
  }

  /** A 50 x 37 grid in 4 x 3 chunks of 16 x 16: uint8, or uint16 for SHUFFLE_DEFLATE, whose shuffle then reorders bytes. */
  static Path chunked(Storage s) throws IOException {
    Object raster = s == Storage.SHUFFLE_DEFLATE ? OdimFixtures.shorts(50, 37, 7) : OdimFixtures.bytes(50, 37, 7);
    return OdimFixtures.comp().field(1, 1, "DBZH", raster).storage(s).chunks(16, 16).done().write(dir);
  }

  /** Chunk 4 of the fixed array: the one at row 16, column 16. */
  static final int INNER = 4;

  /** A chunk index that points a chunk past the end of the file, in every layout. */
  @Test
  void aChunkIndexedPastTheEndOfTheFileIsCorrupt() throws IOException {
    for (Storage s : new Storage[] {Storage.CHUNKED, Storage.DEFLATE, Storage.SHUFFLE_DEFLATE}) {
      byte[] data = Files.readAllBytes(chunked(s));
      new FixedArrays(data).address(INNER, data.length - 8);
      BadInputException e = refused(data, Kind.CORRUPT);
      assertEquals("corrupt HDF5: Failed to read chunk for dataset '/dataset1/data1/data' at address "
          + (data.length - 8), e.getMessage(), s.toString());
    }
  }

  /** A deflated chunk whose stored bytes end before its values do, or before its zlib trailer does. */
  @Test
  void aDeflatedChunkCutShortIsCorrupt() throws IOException {
    byte[] data = Files.readAllBytes(chunked(Storage.DEFLATE));
    long size = new FixedArrays(data).size(INNER);
    byte[] half = data.clone();
    new FixedArrays(half).size(INNER, size / 2);
    BadInputException e = refused(half, Kind.CORRUPT);
    assertTrue(e.getMessage().matches("corrupt HDF5: chunk at row 16, column 16 holds \\d+ of 256 values"), e.getMessage());
    byte[] noTrailer = data.clone();
    new FixedArrays(noTrailer).size(INNER, size - 2); // inside the zlib stream's Adler-32
    e = refused(noTrailer, Kind.CORRUPT);
    assertEquals("corrupt HDF5: chunk at row 16, column 16 has a deflate stream that ends early", e.getMessage());
  }

  /** A shuffled chunk is inflated whole before it is unshuffled: cut short or garbled, it is corrupt all the same. */
  @Test
  void aShuffledChunkCutShortOrGarbledIsCorrupt() throws IOException {
    Path file = chunked(Storage.SHUFFLE_DEFLATE);
    byte[] data = Files.readAllBytes(file);
    byte[] half = data.clone();
    FixedArrays index = new FixedArrays(half);
    index.size(INNER, index.size(INNER) / 2);
    BadInputException e = refused(half, Kind.CORRUPT);
    assertEquals("corrupt HDF5: chunk at row 16, column 16 has a deflate stream that ends early", e.getMessage());

    int[] loc = locateChunk(file, data, new int[] {16, 16});
    byte[] garbled = data.clone();
    for (int k = 2; k < loc[1] - 4; k += 7) { // past the zlib header, before the trailer
      garbled[loc[0] + k] ^= (byte) 0xA5;
    }
    assertTrue(reallyCorrupt(Arrays.copyOfRange(garbled, loc[0], loc[0] + loc[1]), 16 * 16 * 2));
    e = refused(garbled, Kind.CORRUPT);
    assertTrue(e.getMessage().startsWith("corrupt HDF5: chunk at row 16, column 16 does not inflate ("), e.getMessage());
  }

  @Test
  void hdf5WithoutAnyDataset1Group() throws IOException {
    H5Group root = new H5Group();
    root.group("what").attr("object", "COMP").attr("date", "20251117").attr("time", "150000");
    root.group("image1/what").attr("quantity", "DBZH");
    root.group("image1").dataset("data", OdimFixtures.bytes(5, 4, 1), null);
    byte[] data = Files.readAllBytes(OdimFixtures.write(root, dir.resolve("no-dataset1.h5")));
    BadInputException e = refused(data, Kind.MISSING_DATA);
    assertTrue(e.getMessage().contains("dataset1"), e.getMessage());

    H5Group empty = new H5Group();
    empty.group("what").attr("object", "COMP");
    empty.group("dataset1/what").attr("product", "MAX");
    empty.group("dataset1/data1/what").attr("quantity", "DBZH");
    refused(Files.readAllBytes(OdimFixtures.write(empty, dir.resolve("empty-dataset1.h5"))), Kind.MISSING_DATA);
  }

  /** A frame stamped with a time to come is refused: under its key it would stand first among the newest for good. */
  @Test
  void aFrameStampedWithATimeToComeIsRefused() throws IOException {
    byte[] future = OdimFixtures.comp().date("20991117").time("150000").field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1))
        .done().bytes(dir);
    BadInputException e = assertThrows(BadInputException.class, () -> {
      try (FrameRenderer r = new FrameRenderer(RenderSettings.defaults())) {
        r.render(future, Scaling.ODIM_DEFAULTS);
      }
    });
    assertEquals(Kind.BAD_ATTRIBUTE, e.kind());
    assertTrue(e.getMessage().startsWith("the file names its time 2099-11-17T15:00:00Z, which no frame can have: it is"
        + " later than "), e.getMessage());
  }

  @Test
  void nonNumericGain() throws IOException {
    OdimFixtures.Comp comp = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).done();
    comp.extra().group("dataset1/data1/what").attr("gain", "abc");
    BadInputException e = refused(comp.bytes(dir), Kind.BAD_ATTRIBUTE);
    assertTrue(e.getMessage().contains("gain"), e.getMessage());
    assertTrue(e.getMessage().contains("abc"), e.getMessage());
  }

  @Test
  void nonNumericGainAtDatasetLevelAndAsLongString() throws IOException {
    OdimFixtures.Comp comp = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).at(OdimFixtures.Level.DATASET).done();
    comp.extra().group("dataset1/what").attr("gain", "not a number\nat all, and a very long explanation follows here ......");
    BadInputException e = refused(comp.bytes(dir), Kind.BAD_ATTRIBUTE);
    assertTrue(e.getMessage().contains("gain"), e.getMessage());
  }

  @Test
  void zeroGainIsUnusable() throws IOException {
    byte[] data = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).scaling(0.0, -32, 255, 0).done().bytes(dir);
    BadInputException e = refused(data, Kind.BAD_ATTRIBUTE);
    assertTrue(e.getMessage().contains("gain"), e.getMessage());
  }

  /**
   * A metadata group whose object header is garbled is a corrupt file: its scaling is not silently
   * replaced by the source's defaults (the colours would be wrong, not missing).
   */
  @Test
  void aGarbledMetadataGroupIsCorruptNotAbsent() throws IOException {
    byte[] data = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).scaling(0.5, -32, 255, 0)
        .done().bytes(dir);
    long header;
    try (io.jhdf.HdfFile h = io.jhdf.HdfFile.fromBytes(data)) {
      header = h.getByPath("dataset1/data1/what").getAddress();
    }
    byte[] garbled = data.clone();
    for (int i = 0; i < 16; i++) {
      garbled[(int) header + i] ^= (byte) 0x5A;
    }
    BadInputException e = refused(garbled, Kind.CORRUPT);
    assertTrue(e.getMessage().startsWith("corrupt HDF5"), e.getMessage());
  }

  /** Finite as doubles, but infinite or zero in float32, the precision values are scaled in. */
  @Test
  void aGainOrOffsetBeyondFloat32IsUnusable() throws IOException {
    for (double[] gainOffset : new double[][] {{1e39, 0}, {1e-50, 0}, {0.5, -1e39}}) {
      byte[] data = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1))
          .scaling(gainOffset[0], gainOffset[1], 255, 0).done().bytes(dir);
      BadInputException e = refused(data, Kind.BAD_ATTRIBUTE);
      assertTrue(e.getMessage().startsWith("unusable scaling gain="), e.getMessage());
    }
  }

  /** A gain or offset of NaN is no scaling: refused, not taken for absent (the source's defaults would apply). */
  @Test
  void aGainOrOffsetOfNaNIsABadAttribute() throws IOException {
    for (String name : new String[] {"gain", "offset"}) {
      OdimFixtures.Comp c = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1))
          .scaling(0.5, -32, 255, 0).done();
      c.extra().group("dataset1").group("data1").group("what").attr(name, Double.NaN);
      BadInputException e = refused(c.bytes(dir), Kind.BAD_ATTRIBUTE);
      assertEquals("attribute /dataset1/data1/what/" + name + " is NaN", e.getMessage());
    }
  }

  @Test
  void gridOf100000By100000IsTooLargeWithoutAllocating() throws IOException {
    byte[] data = OdimFixtures.comp().field(1, 1, "DBZH", new byte[77][55]).storage(Storage.CONTIGUOUS).done().bytes(dir);
    patchDims(data, 77, 55, 100_000, 100_000);
    long t0 = System.nanoTime();
    BadInputException e = refused(data, Kind.TOO_LARGE);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 3000, "refused in " + ms + " ms (10^10 pixels would not even fit the heap)");
    assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    assertTrue(e.getMessage().contains("10000000000"), e.getMessage());
  }

  @Test
  void maxPixelsIsRespected() throws IOException {
    byte[] data = good(); // 37 x 50 = 1850 pixels
    try (OdimReader reader = new OdimReader("DBZH", 1850)) {
      reader.open(data, Scaling.ODIM_DEFAULTS).close();
    } catch (BadInputException e) {
      throw new AssertionError("1850 pixels are allowed at maxPixels=1850: " + e.getMessage());
    }
    try (OdimReader reader = new OdimReader("DBZH", 1849)) {
      BadInputException e = assertThrows(BadInputException.class, () -> reader.open(data, Scaling.ODIM_DEFAULTS));
      assertEquals(Kind.TOO_LARGE, e.kind());
      assertOneLine(e);
    }
  }

  /**
   * Replaces the data space dims (u64 LE {@code r}, {@code c}) by ({@code nr}, {@code nc}) and
   * re-seals the v2 object header's checksum, which jhdf verifies.
   */
  static void patchDims(byte[] data, long r, long c, long nr, long nc) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i + 16 <= data.length; i++) {
      if (b.getLong(i) == r && b.getLong(i + 8) == c) {
        hits.add(i);
      }
    }
    assertEquals(1, hits.size(), "exactly one u64 pair " + r + ", " + c + " in the file: " + hits);
    int at = hits.get(0);
    b.putLong(at, nr);
    b.putLong(at + 8, nc);
    resealHeaderAround(data, at);
  }

  /** Where {@code pattern} occurs in {@code data}, asserting it occurs once. */
  static int only(byte[] data, byte[] pattern) {
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i + pattern.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
        hits.add(i);
      }
    }
    assertEquals(1, hits.size(), "the bytes " + Arrays.toString(pattern) + " occur once in the file: " + hits);
    return hits.get(0);
  }

  /** Re-seals the checksum of the v2 object header whose first chunk holds byte {@code at}, which jhdf verifies. */
  static void resealHeaderAround(byte[] data, int at) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    // the enclosing object header: "OHDR", version 2, flags, [times], [attribute phase change], chunk size
    int o = at;
    while (o >= 0 && !(data[o] == 'O' && data[o + 1] == 'H' && data[o + 2] == 'D' && data[o + 3] == 'R')) {
      o--;
    }
    assertTrue(o >= 0 && data[o + 4] == 2, "v2 object header before the patched bytes");
    int flags = data[o + 5] & 0xFF;
    int pos = o + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int sizeBytes = 1 << (flags & 3);
    long size;
    switch (sizeBytes) {
      case 1: size = data[pos] & 0xFF; break;
      case 2: size = b.getShort(pos) & 0xFFFF; break;
      case 4: size = b.getInt(pos) & 0xFFFFFFFFL; break;
      default: size = b.getLong(pos);
    }
    int checksumAt = (int) (pos + sizeBytes + size);
    assertTrue(checksumAt > at, "the patched bytes inside the header's first chunk");
    b.putInt(checksumAt, ChecksumUtils.checksum(Arrays.copyOfRange(data, o, checksumAt)));
  }

  @Test
  void corruptedObjectHeader() throws IOException {
    byte[] data = good();
    // break the data set's object header: flip a byte of the first OHDR after the superblock's root
    int last = -1;
    for (int i = 0; i + 4 <= data.length; i++) {
      if (data[i] == 'O' && data[i + 1] == 'H' && data[i + 2] == 'D' && data[i + 3] == 'R') {
        last = i;
      }
    }
    assertTrue(last > 0);
    data[last + 12] ^= 0x5A;
    refused(data, Kind.CORRUPT);
  }

  /** The stored (compressed) bytes of chunk {@code origin} of the fixture's data set, and where they sit. */
  static int[] locateChunk(Path file, byte[] data, int[] origin) {
    byte[] chunk;
    try (HdfFile h = new HdfFile(file)) {
      ChunkedDataset ds = (ChunkedDataset) h.getDatasetByPath("/dataset1/data1/data");
      ByteBuffer raw = ds.getRawChunkBuffer(origin);
      chunk = new byte[raw.remaining()];
      raw.get(chunk);
    }
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i + chunk.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + chunk.length, chunk, 0, chunk.length)) {
        hits.add(i);
      }
    }
    assertEquals(1, hits.size(), "the chunk's bytes occur once in the file");
    return new int[] {hits.get(0), chunk.length};
  }

  /** Whether a full, independent inflate of the bytes fails or yields other than {@code size} bytes. */
  static boolean reallyCorrupt(byte[] stream, int size) {
    Inflater inf = new Inflater();
    try {
      inf.setInput(stream);
      byte[] out = new byte[size + 1024];
      int n = 0;
      while (!inf.finished()) {
        int m = inf.inflate(out, n, out.length - n);
        if (m == 0 && (inf.needsInput() || inf.needsDictionary() || n == out.length)) {
          return true;
        }
        n += m;
      }
      return n != size;
    } catch (DataFormatException e) {
      return true;
    } finally {
      inf.end();
    }
  }

  @Test
  void corruptedDeflateStreamInAnEdgeChunk() throws IOException {
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 4)).chunks(16, 16).done().write(dir);
    byte[] data = Files.readAllBytes(file);
    int[] loc = locateChunk(file, data, new int[] {48, 32}); // bottom right: 2 of 16 rows, 5 of 16 columns in the grid
    int[] loc2 = locateChunk(file, data, new int[] {16, 16}); // an inner chunk
    for (int[] l : new int[][] {loc, loc2}) {
      byte[] bad = data.clone();
      for (int k = l[1] / 3; k < l[1] / 3 + 4; k++) {
        bad[l[0] + k] ^= (byte) 0xA5;
      }
      assertTrue(reallyCorrupt(Arrays.copyOfRange(bad, l[0], l[0] + l[1]), 16 * 16));
      BadInputException e = refused(bad, Kind.CORRUPT);
      assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }
  }

  @Test
  void corruptedDeflateStreamInASingleChunk() throws IOException {
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 4)).chunks(50, 37).done().write(dir);
    byte[] data = Files.readAllBytes(file);
    int[] loc = locateChunk(file, data, new int[] {0, 0});
    byte[] bad = data.clone();
    bad[loc[0] + loc[1] / 2] ^= 0x55;
    assertTrue(reallyCorrupt(Arrays.copyOfRange(bad, loc[0], loc[0] + loc[1]), 50 * 37));
    refused(bad, Kind.CORRUPT);
  }

  /**
   * A flipped byte inside a deflate stream is only certain to show in the zlib Adler-32 trailer.
   * The decoder must therefore read each chunk's stream to its end, also when the chunk's values
   * exactly fill its scratch buffer (here 256 x 256 uint8 = 64 KiB, and 128 x 256 uint16).
   */
  @Test
  void corruptedDeflateStreamIsDetectedAlsoWhenTheChunkIsExactly64KiB() throws Exception {
    List<String> silent = new ArrayList<>();
    int tried = 0;
    Object[][] cases = {{sparse(256, 256, 21), 65536}, {sparseShorts(128, 256, 22), 65536}};
    for (Object[] c : cases) {
      Object raster = c[0];
      int size = (Integer) c[1];
      int rows = java.lang.reflect.Array.getLength(raster);
      int cols = java.lang.reflect.Array.getLength(java.lang.reflect.Array.get(raster, 0));
      Path file = OdimFixtures.comp().field(1, 1, "DBZH", raster).chunks(rows, cols).done().write(dir);
      byte[] data = Files.readAllBytes(file);
      int[] loc = locateChunk(file, data, new int[] {0, 0});
      byte[] reference = Decoded.indices(data, "DBZH", Scaling.ODIM_DEFAULTS, 10.0);
      for (int j = 1; j <= 24; j++) {
        int k = 2 + (int) ((long) (loc[1] - 8) * j / 25);
        byte[] bad = data.clone();
        bad[loc[0] + k] ^= 0x55;
        if (!reallyCorrupt(Arrays.copyOfRange(bad, loc[0], loc[0] + loc[1]), size)) {
          continue; // a flip zlib itself cannot see: not a test of the decoder
        }
        tried++;
        try {
          byte[] got = Decoded.indices(bad, "DBZH", Scaling.ODIM_DEFAULTS, 10.0);
          int differ = 0;
          for (int i = 0; i < got.length; i++) {
            differ += got[i] != reference[i] ? 1 : 0;
          }
          silent.add(rows + "x" + cols + (raster instanceof short[][] ? " uint16" : " uint8") + " byte " + k + "/" + loc[1]
              + " (" + differ + " wrong pixels)");
        } catch (BadInputException e) {
          assertEquals(Kind.CORRUPT, e.kind(), e.getMessage());
          assertOneLine(e);
        }
      }
    }
    assertTrue(tried >= 30, "corruptions tried: " + tried);
    assertEquals(List.of(), silent, "corrupt deflate streams decoded without error (garbage pixels): " + silent.size() + " of " + tried);
  }

  static byte[][] sparse(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    byte[][] out = new byte[rows][cols];
    for (byte[] row : out) {
      for (int i = 0; i < cols; i++) {
        row[i] = (byte) (rnd.nextInt(4) == 0 ? 100 + rnd.nextInt(60) : 0);
      }
    }
    return out;
  }

  static short[][] sparseShorts(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    short[][] out = new short[rows][cols];
    for (short[] row : out) {
      for (int i = 0; i < cols; i++) {
        row[i] = (short) (rnd.nextInt(4) == 0 ? 25000 + rnd.nextInt(4000) : 0);
      }
    }
    return out;
  }
}
