package org.radarbeam.codec.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * Object headers of version 2 (in {@code hdf5/dense.h5}, see its README) whose continuation block
 * continues into itself: jhdf would add its thousands of empty messages again at every turn until the
 * heap ran out. The root's header and a member's are each a one-line failure before jhdf reads them.
 */
class ObjectHeadersTest {
  private static final int BLOCK = 8000;

  @Test
  void aRootHeaderThatContinuesIntoItselfIsCorrupt() throws Exception {
    byte[] file = dense();
    int block = selfContinuingBlock(file);
    continueRootTo(file, block, BLOCK);
    assertCorrupt(file, "corrupt HDF5: the object header of /: its continuation block at " + block
        + " is reached twice");
  }

  @Test
  void aHeaderContinuedThroughMoreBlocksThanAnyWriterMakesIsCorrupt() throws Exception {
    // jhdf recurses into each block: a long enough chain ends the stack
    byte[] file = dense();
    int base = selfContinuingBlock(file);
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    java.util.Arrays.fill(file, base, base + BLOCK, (byte) 0);
    int blocks = ObjectHeaders.MAX_BLOCKS + 10;
    for (int i = 0; i < blocks; i++) { // "OCHK", then a continuation to the next block
      int at = base + 24 * i;
      b.put(at, (byte) 'O').put(at + 1, (byte) 'C').put(at + 2, (byte) 'H').put(at + 3, (byte) 'K');
      if (i + 1 < blocks) {
        b.put(at + 4, (byte) 0x10).putShort(at + 5, (short) 16).putLong(at + 8, at + 24).putLong(at + 16, 24);
      }
    }
    continueRootTo(file, base, 24);
    assertCorrupt(file, "corrupt HDF5: the object header of /: more than " + ObjectHeaders.MAX_BLOCKS
        + " continuation blocks");
  }

  @Test
  void aMembersHeaderThatContinuesIntoItselfIsCorruptBeforeItsGroupIsListed() throws Exception {
    byte[] file = dense();
    int member = header(file, 1);
    int nil = message(file, member, 0, 16); // padding, made a continuation
    file[nil - 4] = 0x10;
    int block = selfContinuingBlock(file);
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(nil, block).putLong(nil + 8, BLOCK);
    BadInputException e = assertThrows(BadInputException.class,
        () -> Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> f));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().matches("corrupt HDF5: the object header of a member of /.*: its continuation block at "
        + block + " is reached twice"), e.getMessage());
  }

  @Test
  void theFixturesHeadersPass() throws Exception {
    assertEquals("ok", Hdf5Files.open(ByteBuffer.wrap(dense()), "HDF5", f -> "ok"));
  }

  @Test
  void aSoftLinkInAnOldStyleGroupNamesNoHeader() throws Exception {
    assertEquals(7, (int) Hdf5Files.open(ByteBuffer.wrap(resource("/hdf5/v1groups.h5")), "HDF5",
        f -> f.getChildren().size()));
  }

  @Test
  void anAttributeOfASharedTypeIsUnsupported() throws Exception {
    // jhdf parses the header a shared type lies in while it parses this one, past every check
    byte[] file = dense();
    int member = header(file, 1);
    int nil = message(file, member, 0, 16);
    file[nil - 4] = 0x0C; // an attribute, version 3, its type shared
    file[nil] = 3;
    file[nil + 1] = 1;
    BadInputException e = assertThrows(BadInputException.class,
        () -> Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> f));
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertTrue(e.getMessage().matches("unsupported HDF5: the object header of a member of /.* has an attribute of a"
        + " shared type or shape, which radarbeam does not read"), e.getMessage());
  }

  @Test
  void aDenseAttributeOfASharedShapeIsUnsupported() throws Exception {
    byte[] file = dense();
    // attribute a00 in the heap: version 3, flags, then a name of 4 bytes ("a00" and its NUL)
    int at = find(file, new byte[] {3, 0, 4, 0}, "a00\0");
    file[at + 1] = 2;
    BadInputException e = assertThrows(BadInputException.class,
        () -> Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> f));
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertEquals("unsupported HDF5: the attributes of /attrs has an attribute of a shared type or shape, which"
        + " radarbeam does not read", e.getMessage());
  }

  @Test
  void headersListedUnderManyNamesCountForEach() throws Exception {
    try (io.jhdf.HdfFile file = io.jhdf.HdfFile.fromByteBuffer(ByteBuffer.wrap(dense()))) {
      ObjectHeaders headers = new ObjectHeaders(file.getHdfBackingStorage());
      BadInputException e = null;
      for (int names = 0; e == null && names <= ObjectHeaders.MAX_FILE_MESSAGES; names++) {
        try {
          headers.requireSound(file.getAddress(), "/"); // one header, walked once, counted per name
        } catch (BadInputException failure) {
          e = failure;
        }
      }
      assertEquals("corrupt HDF5: the object header of /: more than " + ObjectHeaders.MAX_FILE_MESSAGES
          + " header messages in the file, counted per name", e == null ? null : e.getMessage());
    }
  }

  /** Where {@code head} stands with the bytes of {@code name} 9 bytes after its start. */
  private static int find(byte[] file, byte[] head, String name) {
    byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + 9 + n.length < file.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(file, i, i + head.length), head)
          && Arrays.equals(Arrays.copyOfRange(file, i + 9, i + 9 + n.length), n)) {
        return i;
      }
    }
    throw new AssertionError("no attribute " + name + " in the fixture");
  }

  /** A version 2 continuation must name a block that starts "OCHK" and holds at least that signature. */
  @Test
  void aContinuationToNoBlockOrToOneTooShortForItsSignatureIsCorrupt() throws Exception {
    byte[] file = dense();
    continueRootTo(file, 0, 100); // the superblock
    assertCorrupt(file, "corrupt HDF5: the object header of /: no continuation block at 0");
    byte[] tiny = dense();
    int block = selfContinuingBlock(tiny);
    continueRootTo(tiny, block, 2);
    assertCorrupt(tiny, "corrupt HDF5: the object header of /: a continuation block of 2 bytes");
  }

  /**
   * Version 1 headers as libhdf5 writes them ({@code hdf5/odim_v1.h5}: the grid's header continues into a
   * block of attributes added later) pass; one whose continuation names its own first block is corrupt.
   */
  @Test
  void aVersion1HeaderThatContinuesIntoItselfIsCorrupt() throws Exception {
    byte[] file = resource("/hdf5/odim_v1.h5");
    assertEquals("ok", Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> "ok"));
    int header;
    try (io.jhdf.HdfFile h = io.jhdf.HdfFile.fromBytes(file)) {
      header = (int) h.getDatasetByPath("/dataset1/data1/data").getAddress();
    }
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, file[header], "a version 1 header");
    int size = b.getInt(header + 8);
    int continuation = -1;
    for (int at = header + 16; at + 8 <= header + 16 + size && continuation < 0; at += 8 + (b.getShort(at + 2) & 0xFFFF)) {
      continuation = b.getShort(at) == 0x10 ? at + 8 : -1; // type (2 bytes), size (2), flags, 3 reserved, then the body
    }
    assertTrue(continuation > 0, "the grid's header is continued");
    b.putLong(continuation, header + 16).putLong(continuation + 8, size);
    BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> f));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().matches("corrupt HDF5: the object header of .*: its continuation block at " + (header + 16)
        + " is reached twice"), e.getMessage());
  }

  /** A version 2 header of more empty messages (4 bytes each) than any object has is corrupt before jhdf lists them. */
  @Test
  void aVersion2HeaderOfMoreMessagesThanAllowedIsCorrupt() {
    int length = 4 * (ObjectHeaders.MAX_MESSAGES + 1) + 8; // messages are read while 8 bytes remain
    ByteBuffer b = ByteBuffer.allocate(64 + 10 + length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(64, (byte) 'O').put(65, (byte) 'H').put(66, (byte) 'D').put(67, (byte) 'R');
    b.put(68, (byte) 2).put(69, (byte) 2).putInt(70, length); // version 2, chunk 0's size in 4 bytes
    ObjectHeaders headers = new ObjectHeaders(new V1BTreesTest.Storage(b));
    BadInputException e = assertThrows(BadInputException.class, () -> headers.requireSound(64, "/huge"));
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals("corrupt HDF5: the object header of /huge: more than " + ObjectHeaders.MAX_MESSAGES + " messages",
        e.getMessage());
  }

  /**
   * jhdf reads a version 1 header's messages each from a multiple of 8 in its block, and no more than
   * the header declares. A block of a NIL message of 3 bytes, then (at 16, not 11) a continuation into
   * the block itself: declared as 4 messages, the continuation is found again in the block it names and
   * refused; declared as 1, the continuation is never read, as jhdf never reads it.
   */
  @Test
  void version1MessagesAreReadAlignedAndToTheirDeclaredCount() throws BadInputException {
    int header = 64;
    int block = header + 16;
    for (int declared : new int[] {1, 4}) {
      ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
      b.put(header, (byte) 1).putShort(header + 2, (short) declared).putInt(header + 4, 1).putInt(header + 8, 40);
      b.putShort(block, (short) 0).putShort(block + 2, (short) 3); // a NIL message of 3 bytes: the next starts at 16
      b.putShort(block + 16, (short) 0x10).putShort(block + 18, (short) 16); // a continuation to this block
      b.putLong(block + 24, block).putLong(block + 32, 40);
      ObjectHeaders headers = new ObjectHeaders(new V1BTreesTest.Storage(b));
      if (declared == 1) {
        headers.requireSound(header, "/v1");
      } else {
        BadInputException e = assertThrows(BadInputException.class, () -> headers.requireSound(header, "/v1"));
        assertEquals(Kind.CORRUPT, e.kind());
        assertEquals("corrupt HDF5: the object header of /v1: its continuation block at " + block
            + " is reached twice", e.getMessage());
      }
    }
  }

  private static void assertCorrupt(byte[] file, String message) {
    BadInputException e = assertThrows(BadInputException.class,
        () -> Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> f));
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals(message, e.getMessage());
  }

  /**
   * A block of empty messages (zero bytes) over the last data set's grid whose last message continues
   * to the block itself; returns its address.
   */
  private static int selfContinuingBlock(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int at = -1;
    for (int i = file.length - 16; i >= 0 && at < 0; i--) { // the grid's first values, 0 1 2 ... 7
      boolean grid = true;
      for (int k = 0; k < 8 && grid; k++) {
        grid = b.getShort(i + 2 * k) == k;
      }
      at = grid ? i : -1;
    }
    Arrays.fill(file, at, at + BLOCK, (byte) 0);
    b.put(at, (byte) 'O').put(at + 1, (byte) 'C').put(at + 2, (byte) 'H').put(at + 3, (byte) 'K');
    int last = at + BLOCK - 24;
    b.put(last, (byte) 0x10).putShort(last + 1, (short) 16).put(last + 3, (byte) 0);
    b.putLong(last + 4, at).putLong(last + 12, BLOCK);
    return at;
  }

  /** Points the root header's continuation message at {@code length} bytes at {@code block}. */
  private static void continueRootTo(byte[] file, int block, int length) {
    int continuation = message(file, header(file, 0), 0x10, 16);
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(continuation, block).putLong(continuation + 8, length);
  }

  /** The address of the {@code n}th version-2 object header in {@code file}. */
  private static int header(byte[] file, int n) {
    for (int i = 0; i + 4 < file.length; i++) {
      if (file[i] == 'O' && file[i + 1] == 'H' && file[i + 2] == 'D' && file[i + 3] == 'R' && n-- == 0) {
        return i;
      }
    }
    throw new AssertionError("fewer object headers in the fixture");
  }

  /** Where the body of the first message of {@code type} with at least {@code size} bytes starts, in chunk 0. */
  private static int message(byte[] file, int header, int type, int size) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int flags = file[header + 5] & 0xFF;
    int at = header + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int sizeBytes = 1 << (flags & 3);
    long chunk0 = sizeBytes == 1 ? file[at] & 0xFF : sizeBytes == 2 ? b.getShort(at) & 0xFFFF : b.getInt(at);
    at += sizeBytes;
    int end = (int) (at + chunk0);
    int head = (flags & 0x04) != 0 ? 6 : 4;
    while (at + head <= end) {
      int t = file[at] & 0xFF;
      int s = b.getShort(at + 1) & 0xFFFF;
      if (t == type && s >= size) {
        return at + head;
      }
      at += head + s;
    }
    throw new AssertionError("no message of type " + type + " in the header at " + header);
  }

  private static byte[] dense() throws IOException {
    return resource("/hdf5/dense.h5");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ObjectHeadersTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
