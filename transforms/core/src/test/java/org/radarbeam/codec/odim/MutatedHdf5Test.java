package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.odim.OdimFixtures.Storage;

/**
 * HDF5 files damaged as a corrupt transfer or a hostile producer would damage them, crafted byte for
 * byte: each fails with a one-line BadInputException, never another exception, which the pipeline
 * could only report as "decoder failed".
 */
class MutatedHdf5Test {
  @TempDir
  static Path dir;

  static byte[] resource(String name) throws IOException {
    try (InputStream in = MutatedHdf5Test.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  // Crafted on hdf5/odim_v1.h5 (100 chunks indexed by a version-1 B-tree, a root above two leaves, as
  // libhdf5 writes the real files) unless said otherwise.

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
