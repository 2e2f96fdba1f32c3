package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.odim.OdimFixtures.Storage;
import org.radarbeam.palette.Scaling;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;

/**
 * HDF5 files damaged as a corrupt transfer or a hostile producer would damage them: mutants of the
 * synthetic fixtures (bits flipped, bytes overwritten, fields set to edge values, the file cut, ranges
 * copied over others, inserted or removed), mostly in the file's structures rather than its compressed
 * raster, each read as a worker reads it: into a reused array that holds the seed's bytes past the
 * mutant's end. Each mutant renders, or fails with a one-line BadInputException, within a time bound:
 * never another exception, which the pipeline could only report as "decoder failed". The mutants are
 * the same on every run. The mutants that once escaped as other exceptions, read an earlier file's
 * bytes or rendered though corrupt are crafted byte for byte below.
 */
class MutatedHdf5Test {
  /** A mutant decodes in milliseconds; this bound leaves room for a loaded machine, not for a hang. */
  private static final long BOUND_SECONDS = 10;
  /** Structures to aim at: a mutation lands near one of these as often as anywhere in the file. */
  private static final String[] SIGNATURES = {"HDF", "OHDR", "OCHK", "TREE", "SNOD", "HEAP", "GCOL", "FRHP",
      "FHDB", "FHIB", "BTHD", "BTIN", "BTLF", "FAHD", "FADB", "EAHD"};

  @TempDir
  static Path dir;

  private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "mutant-renderer");
    t.setDaemon(true); // a mutant that hangs must not keep the test JVM alive
    return t;
  });
  private static final FrameRenderer RENDERER = new FrameRenderer(RenderSettings.defaults());

  @AfterAll
  static void close() {
    WORKER.shutdownNow();
    RENDERER.close();
  }

  static Stream<Arguments> seeds() {
    return Stream.of(
        Arguments.of("hdf5/odim_v1.h5", 1200, 1L),
        Arguments.of("contiguous uint8", 600, 2L),
        Arguments.of("deflated uint8", 600, 3L),
        Arguments.of("shuffled uint16", 600, 4L),
        Arguments.of("two data sets", 400, 5L),
        Arguments.of("hdf5/dense.h5", 400, 6L),
        Arguments.of("hdf5/v1groups.h5", 400, 7L),
        Arguments.of("hdf5/types.h5", 300, 8L));
  }

  @ParameterizedTest(name = "{1} mutants of {0}")
  @MethodSource("seeds")
  void everyMutantRendersOrIsABadInput(String seedName, int mutants, long seed) throws Exception {
    byte[] original = seed(seedName);
    int[] structures = structures(original);
    int refused = 0;
    byte[] reused = new byte[0];
    for (int i = 0; i < mutants; i++) {
      Random r = new Random(seed * 1_000_003L + i);
      List<String> what = new ArrayList<>();
      byte[] mutant = mutate(original, structures, r, what);
      String name = seedName + " mutant " + i + " " + what;
      // read as a worker reads it: into its reused array, after the whole seed
      reused = Arrays.copyOf(original, Math.max(reused.length, Math.max(original.length, mutant.length) + 64));
      System.arraycopy(mutant, 0, reused, 0, mutant.length);
      ByteBuffer view = ByteBuffer.wrap(reused, 0, mutant.length);
      Future<BadInputException> f = WORKER.submit(() -> {
        try {
          RENDERER.render(view, InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS);
          return null;
        } catch (BadInputException e) {
          return e;
        }
      });
      BadInputException e;
      try {
        e = f.get(BOUND_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException t) {
        f.cancel(true);
        throw new AssertionError(name + ": still decoding after " + BOUND_SECONDS + " s");
      } catch (ExecutionException x) {
        throw new AssertionError(name + ": " + x.getCause(), x.getCause());
      }
      if (e != null) {
        refused++;
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank() && !m.contains("\n") && !m.contains("\r"), name + ": " + m);
      }
    }
    assertTrue(refused > mutants / 4, seedName + ": only " + refused + " of " + mutants + " mutants refused");
  }

  /** The seed files: the resources as they are, the others written by {@link OdimFixtures}. */
  private static byte[] seed(String name) throws IOException {
    if (name.startsWith("hdf5/")) {
      return resource("/" + name);
    }
    return switch (name) {
      case "contiguous uint8" -> OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1))
          .storage(Storage.CONTIGUOUS).arrays().done().bytes(dir);
      case "deflated uint8" -> OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(60, 45, 2))
          .storage(Storage.DEFLATE).done().bytes(dir);
      case "shuffled uint16" -> OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.shorts(50, 40, 3))
          .storage(Storage.SHUFFLE_DEFLATE).done().bytes(dir);
      case "two data sets" -> OdimFixtures.comp().field(1, 1, "TH", OdimFixtures.bytes(40, 40, 5)).done()
          .field(2, 1, "DBZH", OdimFixtures.bytes(40, 40, 6)).storage(Storage.CHUNKED).done().bytes(dir);
      default -> throw new IllegalArgumentException(name);
    };
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = MutatedHdf5Test.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  /** Where the file's signed structures start (the superblock, object headers, B-tree nodes, heaps, indexes). */
  private static int[] structures(byte[] file) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i + 4 <= file.length; i++) {
      for (String s : SIGNATURES) {
        if (i + s.length() <= file.length && Arrays.equals(file, i, i + s.length(),
            s.getBytes(StandardCharsets.US_ASCII), 0, s.length())) {
          at.add(i);
        }
      }
    }
    return at.stream().mapToInt(Integer::intValue).toArray();
  }

  /** One to four mutations of {@code file}, each described in {@code what}. */
  static byte[] mutate(byte[] file, int[] structures, Random r, List<String> what) {
    byte[] b = file.clone();
    int count = r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(3);
    for (int m = 0; m < count && b.length > 1; m++) {
      int len = b.length;
      int p = Math.min(len - 1, r.nextBoolean() || structures.length == 0 ? r.nextInt(len)
          : structures[r.nextInt(structures.length)] + r.nextInt(r.nextBoolean() ? 48 : 256));
      int kind = r.nextInt(100);
      if (kind < 25) {
        int bits = 1 + r.nextInt(r.nextBoolean() ? 1 : 8);
        for (int i = 0; i < bits; i++) {
          b[Math.min(len - 1, p + (i == 0 ? 0 : r.nextInt(8)))] ^= (byte) (1 << r.nextInt(8));
        }
        what.add("flip " + bits + " at " + p);
      } else if (kind < 45) {
        int n = 1 + r.nextInt(r.nextBoolean() ? 2 : 16);
        int style = r.nextInt(3);
        for (int i = 0; i < n && p + i < len; i++) {
          b[p + i] = style == 0 ? 0 : style == 1 ? (byte) 0xFF : (byte) r.nextInt(256);
        }
        what.add("set " + n + " at " + p + (style == 0 ? " to 0" : style == 1 ? " to FF" : " at random"));
      } else if (kind < 75) {
        int width = new int[] {1, 2, 4, 8, 8, 4}[r.nextInt(6)];
        p = Math.max(0, Math.min(r.nextBoolean() ? p & -width : p, len - width));
        long value = edgeValue(r, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), p, width, len);
        for (int i = 0; i < width && p + i < len; i++) {
          b[p + i] = (byte) (value >>> (8 * i));
        }
        what.add(width + "-byte field at " + p + " = " + value);
      } else if (kind < 85) {
        int at = r.nextBoolean() ? r.nextInt(len) : p;
        b = Arrays.copyOf(b, at);
        what.add("cut at " + at);
      } else if (kind < 95) {
        int from = r.nextInt(len);
        int n = Math.min(1 + r.nextInt(r.nextBoolean() ? 64 : 1024), Math.min(len - from, len - p));
        System.arraycopy(b.clone(), from, b, p, n);
        what.add("copy " + n + " from " + from + " to " + p);
      } else if (r.nextBoolean()) {
        int n = Math.min(1 + r.nextInt(r.nextBoolean() ? 8 : 512), len - p);
        byte[] c = new byte[len - n];
        System.arraycopy(b, 0, c, 0, p);
        System.arraycopy(b, p + n, c, p, len - p - n);
        b = c;
        what.add("remove " + n + " at " + p);
      } else {
        int from = r.nextInt(len);
        int n = Math.min(1 + r.nextInt(r.nextBoolean() ? 8 : 512), len - from);
        byte[] c = new byte[len + n];
        System.arraycopy(b, 0, c, 0, p);
        System.arraycopy(b, from, c, p, n);
        System.arraycopy(b, p, c, p + n, len - p);
        b = c;
        what.add("insert " + n + " from " + from + " at " + p);
      }
    }
    return b;
  }

  /** A value a size, count or address field breaks on: 0, 1, -1, a sign bit, the file's length and near it, huge. */
  private static long edgeValue(Random r, ByteBuffer b, int p, int width, int len) {
    long current = 0;
    for (int i = 0; i < width && p + i < b.limit(); i++) {
      current |= (b.get(p + i) & 0xFFL) << (8 * i);
    }
    long[] values = {0, 1, 2, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
        len, len - 1, len + 1, len - 8, len + 8, len / 2, 1L << 20, 1L << 31, 1L << 32, 1L << 40, Long.MAX_VALUE,
        Long.MIN_VALUE, current + 1, current - 1, current * 2, current << 8, current << 16};
    return values[r.nextInt(values.length)];
  }

  // ---------------------------------------------------------------------------------------------
  // The mutants that failed the campaign, crafted on hdf5/odim_v1.h5 (100 chunks indexed by a version-1
  // B-tree, a root above two leaves, as libhdf5 writes the real files) unless said otherwise.

  /** A chunk index's key: the chunk's stored size and filter mask, its offset in both dimensions and the element's. */
  private static final int KEY = 8 + 8 * 3;
  private static final int ENTRY = KEY + 8; // a key, then the chunk's address
  private static final int NODE_HEAD = 8 + 2 * 8; // signature, type, level, entries, two siblings

  /** The first leaf of the grid's chunk index, which lists the chunks at [0, 0], [0, 8], ... */
  private static int firstLeaf(byte[] file) {
    try (HdfFile h = HdfFile.fromBytes(file)) {
      long root = ((AbstractNode) h.getDatasetByPath("/dataset1/data1/data")).getHeader()
          .getMessageOfType(ChunkedDataLayoutMessage.class).getBTreeAddress();
      return (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong((int) root + NODE_HEAD + KEY);
    }
  }

  private static ByteBuffer le(byte[] file) {
    return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** jhdf maps the chunks by their offsets and failed with an IllegalStateException ("Duplicate key"). */
  @Test
  void aChunkListedTwiceIsCorrupt() throws IOException {
    byte[] file = resource("/hdf5/odim_v1.h5");
    int leaf = firstLeaf(file);
    assertEquals(8, le(file).getLong(leaf + NODE_HEAD + ENTRY + 16), "the second entry is the chunk at [0, 8]");
    le(file).putLong(leaf + NODE_HEAD + ENTRY + 16, 0); // now at [0, 0], as the first
    BadInputException e = BadInputTest.refused(file, Kind.CORRUPT);
    assertEquals("corrupt HDF5: the chunk index of the grid: its chunk at [0, 0] is listed twice", e.getMessage());
  }

  /**
   * jhdf reads a chunk's stored size as an int and its offsets, its address and the node's siblings as
   * longs, and failed with an ArithmeticException on any past their sign.
   */
  @Test
  void chunkSizesOffsetsAndAddressesPastTheirSignAreCorrupt() throws IOException {
    byte[] original = resource("/hdf5/odim_v1.h5");
    int leaf = firstLeaf(original);
    int entry = leaf + NODE_HEAD;
    long chunk = le(original).getLong(entry + KEY);
    String index = "corrupt HDF5: the chunk index of the grid: ";

    byte[] offset = original.clone();
    le(offset).putLong(entry + 8, Long.MIN_VALUE);
    assertEquals(index + "a chunk at offset 9223372036854775808 in dimension 0",
        BadInputTest.refused(offset, Kind.CORRUPT).getMessage());

    byte[] size = original.clone();
    le(size).putInt(entry, Integer.MIN_VALUE);
    assertEquals(index + "its chunk at [0, 0] of 2147483648 bytes at " + chunk + " lies outside the file",
        BadInputTest.refused(size, Kind.CORRUPT).getMessage());

    byte[] address = original.clone();
    le(address).putLong(entry + KEY, Long.MIN_VALUE + 64);
    assertEquals(index + "its chunk at [0, 0] of 75 bytes at 9223372036854775872 lies outside the file",
        BadInputTest.refused(address, Kind.CORRUPT).getMessage());

    byte[] sibling = original.clone();
    le(sibling).putLong(leaf + 8, Long.MIN_VALUE);
    assertEquals(index + "its node at " + leaf + " names a sibling at 9223372036854775808",
        BadInputTest.refused(sibling, Kind.CORRUPT).getMessage());
  }

  /** Chunks jhdf would read past the end of the file, or from inside a value, are named as such. */
  @Test
  void chunksOutsideTheFileOrInsideAValueAreCorrupt() throws IOException {
    byte[] original = resource("/hdf5/odim_v1.h5");
    int entry = firstLeaf(original) + NODE_HEAD;
    String index = "corrupt HDF5: the chunk index of the grid: ";

    byte[] past = original.clone();
    le(past).putLong(entry + KEY, past.length - 8);
    assertEquals(index + "its chunk at [0, 0] of 75 bytes at " + (past.length - 8) + " lies outside the file",
        BadInputTest.refused(past, Kind.CORRUPT).getMessage());

    byte[] inside = original.clone();
    le(inside).putLong(entry + 24, 1); // the element's offset, after the two dimensions'
    assertEquals(index + "its chunk at [0, 0] starts inside a value",
        BadInputTest.refused(inside, Kind.CORRUPT).getMessage());
  }

  /**
   * jhdf's writer indexes chunks in a fixed array; jhdf reads its entries before their checksum, and an
   * address past a long's sign failed with an ArithmeticException.
   */
  @Test
  void aFixedArrayEntryPastALongsSignIsCorrupt() throws IOException {
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 7)).storage(Storage.DEFLATE)
        .chunks(16, 16).done().bytes(dir);
    new FixedArrays(file).address(BadInputTest.INNER, Long.MIN_VALUE);
    BadInputException e = BadInputTest.refused(file, Kind.CORRUPT);
    assertEquals("corrupt HDF5: a size, count or address out of range (ArithmeticException: Could not convert to"
        + " unsigned value: -9223372036854775808)", e.getMessage());
  }

  /**
   * The Java exceptions jhdf lets through while it reads a structure are named by what they mean for the
   * file: here a group's local heap that declares more bytes than the file holds.
   */
  @Test
  void aStructureReadPastTheFileIsNamedAsSuch() throws IOException {
    byte[] file = resource("/hdf5/odim_v1.h5");
    int heap = indexOf(file, "HEAP");
    le(file).putLong(heap + 8, file.length); // the size of its data segment
    BadInputException e = BadInputTest.refused(file, Kind.CORRUPT);
    assertTrue(e.getMessage().startsWith("corrupt HDF5: a structure runs past the end of the bytes it lies in ("),
        e.getMessage());
  }

  /**
   * One bit of the grid's width (80 + 65536) rendered as a grid of 80 x 65616 pixels of no data around
   * the file's 100 chunks, taking 100 times as long as the file itself; a data set larger than the
   * maximum shape its dataspace declares is corrupt.
   */
  @Test
  void aDataSetLargerThanItsMaximumShapeIsCorrupt() throws IOException {
    byte[] file = resource("/hdf5/odim_v1.h5");
    byte[] shapes = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(80).putLong(80).putLong(80)
        .putLong(80).array();
    int at = BadInputTest.only(file, shapes); // the grid's dataspace: its shape, then its maximum shape
    file[at + 8 + 2] ^= 1; // the width's third byte
    BadInputException e = BadInputTest.refused(file, Kind.CORRUPT);
    assertEquals("corrupt HDF5: data set /dataset1/data1/data of shape [80, 65616] exceeds its maximum shape"
        + " [80, 80]", e.getMessage());
  }

  /**
   * A worker reads each file into one reused array, which holds a larger file read before past this
   * one's end; jhdf took the array's whole capacity for the file. Here a file cut short whose superblock
   * declares no end (so nothing tells it is cut) rendered the earlier file's chunk index and chunks as
   * its own; it is corrupt, as when it is read alone.
   */
  @Test
  void aFileInAReusedArrayEndsWhereItsBytesEnd() throws IOException {
    byte[] whole = resource("/hdf5/odim_v1.h5");
    byte[] cut = Arrays.copyOf(whole, 20_000); // before the chunk index's first leaf
    le(cut).putLong(40, -1L); // superblock version 0: its base address, free space, then the end of file
    String alone = BadInputTest.refused(cut, Kind.CORRUPT).getMessage();
    assertEquals("corrupt HDF5: the chunk index of the grid: a node at " + firstLeaf(whole) + " lies outside the file",
        alone);

    byte[] reused = whole.clone(); // a worker's array after the whole file
    System.arraycopy(cut, 0, reused, 0, cut.length);
    try (FrameRenderer renderer = new FrameRenderer(RenderSettings.defaults())) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> renderer.render(ByteBuffer.wrap(reused, 0, cut.length), InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS));
      assertEquals(alone, e.getMessage());
    }
  }

  /** A version 0 superblock has no checksum: a size of lengths no HDF5 file has was refused as unsupported. */
  @Test
  void aSuperblockOfSizesHdf5DoesNotDefineIsCorrupt() throws IOException {
    byte[] file = resource("/hdf5/odim_v1.h5");
    assertEquals(8, file[14], "the size of lengths");
    file[14] = 75;
    assertEquals("corrupt HDF5: the superblock declares addresses of 8 bytes and lengths of 75 (HDF5 knows 2, 4, 8,"
        + " 16 or 32)", BadInputTest.refused(file, Kind.CORRUPT).getMessage());
  }

  private static int indexOf(byte[] file, String signature) {
    byte[] s = signature.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + s.length <= file.length; i++) {
      if (Arrays.equals(file, i, i + s.length, s, 0, s.length)) {
        return i;
      }
    }
    return fail("no " + signature + " in the file");
  }
}
