package org.radarbeam.codec.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.checksum.ChecksumUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * The checks of newer HDF5 structures on a file libhdf5 wrote ({@code hdf5/dense.h5}, see its README):
 * the file passes and reads whole, and each structure rewritten to declare more than it holds (with a
 * fresh checksum, so that jhdf would believe it) is a one-line failure before jhdf allocates by it.
 */
class V2IndexesTest {
  private static final int OFFSETS = 8; // the fixture's sizes of offsets and lengths
  private static final int LINK_NAMES = 5; // v2 B-tree types: a group's member names
  private static final int ATTRIBUTE_NAMES = 8; // an object's attribute names
  private static final int CHUNKS = 10; // unfiltered chunks of a data set
  private static final int BTREE_HEADER = 16 + OFFSETS + 2 + OFFSETS; // bytes under the header's checksum

  @Test
  void aFileOfTheNewestFormatReadsWhole() throws Exception {
    String members = Hdf5Files.open(ByteBuffer.wrap(dense()), "HDF5", file -> ((Group) file.getChild("many"))
        .getChildren().size() + " members, " + file.getDatasetByPath("attrs").getAttributes().size() + " attributes");
    assertEquals("40 members, 40 attributes", members);
    try (HdfFile file = HdfFile.fromByteBuffer(ByteBuffer.wrap(dense()))) {
      for (String name : new String[] {"btree2", "farray"}) {
        V1BTrees.requireSoundChunkIndex(file.getDatasetByPath(name), 64, name);
        int[][] grid = (int[][]) file.getDatasetByPath(name).getData();
        assertArrayEquals(new int[] {4032, 4033, 4095}, new int[] {grid[63][0], grid[63][1], grid[63][63]}, name);
      }
    }
  }

  @Test
  void chunksInAnExtensibleArrayAreUnsupported() throws Exception {
    try (HdfFile file = HdfFile.fromByteBuffer(ByteBuffer.wrap(dense()))) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> V1BTrees.requireSoundChunkIndex(file.getDatasetByPath("earray"), 64, "the grid"));
      assertEquals(Kind.UNSUPPORTED, e.kind());
      assertEquals("unsupported HDF5: the grid indexes its chunks in an extensible array (a data set that can grow),"
          + " which radarbeam does not read", e.getMessage());
    }
  }

  @Test
  void aMemberIndexDeclaringBillionsOfNamesIsCorrupt() throws Exception {
    byte[] file = patch(dense(), "BTHD", LINK_NAMES, BTREE_HEADER, b -> b.putLong(b.position() + 26, Integer.MAX_VALUE));
    assertCorrupt(file, "corrupt HDF5: the member index of /many/: it declares 2147483647 records, more than ");
  }

  @Test
  void anAttributeIndexDeclaringBillionsOfNamesIsCorrupt() throws Exception {
    byte[] file = patch(dense(), "BTHD", ATTRIBUTE_NAMES, BTREE_HEADER,
        b -> b.putLong(b.position() + 26, Integer.MAX_VALUE));
    assertCorrupt(file, "corrupt HDF5: the attribute index of /attrs: it declares 2147483647 records, more than ");
  }

  @Test
  void anAttributeIndexWhoseNodeIsReachedTwiceIsCorrupt() throws Exception {
    byte[] file = dense();
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int header = find(file, "BTHD", ATTRIBUTE_NAMES);
    assertEquals(1, b.getShort(header + 12), "the fixture's attribute index has a root above its leaves");
    int recordSize = b.getShort(header + 10);
    int root = (int) b.getLong(header + 16);
    int records = b.getShort(header + 24);
    int children = root + 6 + records * recordSize; // each child: its address, then a one-byte count
    b.putLong(children + 9, b.getLong(children)); // the second child is the first again
    b.putInt(children + (records + 1) * 9, ChecksumUtils.checksum(Arrays.copyOfRange(file, root, children
        + (records + 1) * 9)));
    assertCorrupt(file, "corrupt HDF5: the attribute index of /attrs: its node at " + b.getLong(children)
        + " is reached twice");
  }

  @Test
  void aTreeDeeperThanAnyFileNeedsIsCorrupt() throws Exception {
    byte[] file = patch(dense(), "BTHD", LINK_NAMES, BTREE_HEADER, b -> b.putShort(b.position() + 12, (short) 40000));
    assertCorrupt(file, "corrupt HDF5: the member index of /many/: it is 40000 levels deep, more than 32");
  }

  @Test
  void aHeapWhoseRootBlockOutgrowsTheFileIsCorrupt() throws Exception {
    int header = 14 + 12 * OFFSETS + 3 * OFFSETS + 8; // the heap header, up to its checksum
    int widthAt = 14 + 10 * OFFSETS + 2 * OFFSETS;
    // 16384 rows of 32768 blocks: jhdf's int arithmetic makes the block's size 0 bytes and then a list of 2^29
    byte[] file = patch(dense(), "FRHP", -1, header, b -> {
      b.putShort(b.position() + widthAt, (short) 32768);
      b.putShort(b.position() + widthAt + 2 + 2 * OFFSETS + 4 + OFFSETS, (short) 16384);
    });
    assertCorrupt(file, "corrupt HDF5: the members of /many/: a root block of 16384 x 32768 blocks,"
        + " more than the file holds");
  }

  @Test
  void aHeapOfDirectBlocksOfNoPowerOfTwoIsCorrupt() throws Exception {
    int header = 14 + 12 * OFFSETS + 3 * OFFSETS + 8;
    int startingBlockAt = 14 + 10 * OFFSETS + 2 * OFFSETS + 2;
    // jhdf maps a direct block of this size: read from a file by path, that was a heap buffer of 2 GB
    byte[] file = patch(dense(), "FRHP", -1, header, b -> b.putLong(b.position() + startingBlockAt, 2147483000L));
    assertCorrupt(file, "corrupt HDF5: the members of /many/: direct blocks of 2147483000 to ");
  }

  /** jhdf reads a heap's B-tree of huge objects wherever its address is not 0: that tree is checked like the others. */
  @Test
  void aHeapsTreeOfHugeObjectsIsCheckedToo() throws Exception {
    int header = 14 + 12 * OFFSETS + 3 * OFFSETS + 8;
    int hugeAt = 14 + OFFSETS;
    byte[] file = patch(dense(), "FRHP", -1, header, b -> b.putLong(b.position() + hugeAt, 0));
    assertEquals("ok", Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> "ok"), "no huge objects: address 0");
    byte[] noTree = patch(dense(), "FRHP", -1, header, b -> b.putLong(b.position() + hugeAt, 48));
    assertCorrupt(noTree, "corrupt HDF5: the members of /many/ (huge objects): no BTHD at 48");
  }

  @Test
  void namesBeyondTheFilesBudgetAreCorruptHoweverTheirIndexIsShared() throws Exception {
    try (HdfFile file = HdfFile.fromByteBuffer(ByteBuffer.wrap(dense()))) {
      V2Indexes dense = new V2Indexes(file.getHdfBackingStorage());
      io.jhdf.ObjectHeader many = ((io.jhdf.AbstractNode) file.getChild("many")).getHeader();
      int objects = 0;
      BadInputException e = null;
      while (e == null && objects < 1000) {
        try {
          dense.requireSoundStorage(many, "/g" + objects++); // as if many groups named the same 40 members
        } catch (BadInputException failure) {
          e = failure;
        }
      }
      assertEquals(V2Indexes.MAX_FILE_NAMES / 40 + 1, objects, "the object whose 40 names pass the budget");
      assertEquals("corrupt HDF5: the members and attributes up to /g" + (objects - 1) + ": more than "
          + V2Indexes.MAX_FILE_NAMES + " names in all", e.getMessage());
    }
  }

  @Test
  void membersOfSharedSymbolTablesCountForEveryGroupThatNamesThem() throws Exception {
    byte[] file = resource("/hdf5/v1groups.h5");
    try (HdfFile f = HdfFile.fromByteBuffer(ByteBuffer.wrap(file))) {
      V1BTrees.requireSoundGroups(f, 100); // the root's 6 members and a's 40
      long[] a = symbolTable(f, "a");
      ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
      for (String g : new String[] {"b", "c", "e", "f"}) { // each now lists a's 40 members
        long[] own = symbolTable(f, g);
        // in the group's header, and where its parent keeps a copy (the symbol table entry's scratch pad)
        for (int at = find(file, own, 0); at >= 0; at = find(file, own, at + 16)) {
          b.putLong(at, a[0]).putLong(at + 8, a[1]);
        }
      }
    }
    try (HdfFile f = HdfFile.fromByteBuffer(ByteBuffer.wrap(file))) {
      assertEquals(40, ((Group) f.getChild("f")).getChildren().size(), "f lists a's members");
    }
    try (HdfFile f = HdfFile.fromByteBuffer(ByteBuffer.wrap(file))) {
      BadInputException e = assertThrows(BadInputException.class, () -> V1BTrees.requireSoundGroups(f, 100));
      assertEquals("corrupt HDF5: the members and attributes up to /c/: more than 100 names in all", e.getMessage());
    }
  }

  @Test
  void aChunkIndexHoldingMoreChunksThanTheGridIsCorrupt() throws Exception {
    byte[] file = patch(dense(), "BTHD", CHUNKS, BTREE_HEADER, b -> b.putLong(b.position() + 26, 65));
    BadInputException e = chunkIndexFailure(file, "btree2");
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals("corrupt HDF5: the grid: it declares 65 records, more than 64", e.getMessage());
  }

  @Test
  void aFixedArrayOfMoreEntriesThanChunksIsUnsupported() throws Exception {
    // libhdf5 sizes it for the largest shape a data set may grow to; jhdf places chunks by the current one
    byte[] file = patch(dense(), "FAHD", -1, 8 + 2 * OFFSETS, b -> b.putLong(b.position() + 8, Integer.MAX_VALUE));
    BadInputException e = chunkIndexFailure(file, "farray");
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertEquals("unsupported HDF5: the grid indexes its chunks in a fixed array of 2147483647 entries for 64 chunks"
        + " (a data set that can grow), which radarbeam does not read", e.getMessage());
  }

  @Test
  void addressesOfOtherThanFourOrEightBytesAreUnsupported() throws Exception {
    // jhdf takes only -1 for "no address": a 2-byte 0xFFFF would be read as one
    BadInputException e = assertThrows(BadInputException.class,
        () -> HdfBytes.requireUsualSizes(new V1BTreesTest.Storage(ByteBuffer.allocate(64), 2, 2)));
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertEquals("unsupported HDF5: addresses of 2 bytes and lengths of 2 (radarbeam reads 4 or 8, both alike)",
        e.getMessage());
    // jhdf reads a group node's keys as addresses, where they are lengths: its children from unchecked bytes
    e = assertThrows(BadInputException.class,
        () -> HdfBytes.requireUsualSizes(new V1BTreesTest.Storage(ByteBuffer.allocate(64), 4, 8)));
    assertEquals("unsupported HDF5: addresses of 4 bytes and lengths of 8 (radarbeam reads 4 or 8, both alike)",
        e.getMessage());
    HdfBytes.requireUsualSizes(new V1BTreesTest.Storage(ByteBuffer.allocate(64), 4, 4));
    HdfBytes.requireUsualSizes(new V1BTreesTest.Storage(ByteBuffer.allocate(64), 8, 8));
  }

  /** Sizes HDF5 does not define are a damaged superblock (version 0 has no checksum): corrupt, not unsupported. */
  @Test
  void addressesOrLengthsOfSizesHdf5DoesNotDefineAreCorrupt() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> HdfBytes.requireUsualSizes(new V1BTreesTest.Storage(ByteBuffer.allocate(64), 8, 75)));
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals("corrupt HDF5: the superblock declares addresses of 8 bytes and lengths of 75 (HDF5 knows 2, 4, 8,"
        + " 16 or 32)", e.getMessage());
  }

  @Test
  void denseStorageIsDecidedAsJhdfDecidesIt() throws Exception {
    V2Indexes small = new V2Indexes(new V1BTreesTest.Storage(ByteBuffer.allocate(64), 4, 4));
    assertFalse(small.dense(-1L, "the members of /"));
    assertTrue(small.dense(48L, "the members of /"));
    // libhdf5's 4-byte "none", which jhdf takes for an index
    BadInputException e = assertThrows(BadInputException.class, () -> small.dense(0xFFFFFFFFL, "the members of /"));
    assertEquals(Kind.UNSUPPORTED, e.kind());
    assertEquals("unsupported HDF5: the members of / are stored compactly in a file of 4-byte addresses, which"
        + " radarbeam does not read", e.getMessage());
    assertTrue(new V2Indexes(new V1BTreesTest.Storage(ByteBuffer.allocate(64))).dense(0xFFFFFFFFL, "the members of /"));
  }

  @Test
  void aBTreeSharedByManyObjectsIsWalkedOnce() throws Exception {
    try (HdfFile file = HdfFile.fromByteBuffer(ByteBuffer.wrap(dense()))) {
      V2Indexes dense = new V2Indexes(file.getHdfBackingStorage());
      long tree = find(dense(), "BTHD", ATTRIBUTE_NAMES);
      dense.bTree(tree, V2Indexes.MAX_NAMES, "first");
      dense.bTree(tree, 0, "again"); // a second walk would find its 40 records more than 0
    }
  }

  /** A version-2 B-tree header at 64 of an in-memory file of 4 KiB (8-byte addresses and lengths). */
  private static ByteBuffer header(long nodeSize, int recordSize, int depth, long root, int rootRecords, long total) {
    ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    b.position(64);
    b.put((byte) 'B').put((byte) 'T').put((byte) 'H').put((byte) 'D').put((byte) 0).put((byte) 5);
    b.putInt((int) nodeSize).putShort((short) recordSize).putShort((short) depth).put((byte) 100).put((byte) 40);
    b.putLong(root).putShort((short) rootRecords).putLong(total);
    return b;
  }

  private static void signature(ByteBuffer b, int at, String signature) {
    for (int i = 0; i < 4; i++) {
      b.put(at + i, (byte) signature.charAt(i));
    }
  }

  private static String bTreeFailure(ByteBuffer file) {
    V2Indexes dense = new V2Indexes(new V1BTreesTest.Storage(file.clear()));
    BadInputException e = assertThrows(BadInputException.class, () -> dense.bTree(64, 1 << 20, "the index"));
    assertEquals(Kind.CORRUPT, e.kind());
    return e.getMessage();
  }

  @Test
  void bTreeNodesOfNoRecordsOrOfImpossibleSizesAreCorrupt() {
    assertEquals("corrupt HDF5: the index: nodes of 512 bytes for records of 0", bTreeFailure(header(512, 0, 0, 1024, 0, 0)));
    assertEquals("corrupt HDF5: the index: nodes of 10 bytes for records of 8", bTreeFailure(header(10, 8, 0, 1024, 0, 0)));
    assertEquals("corrupt HDF5: the index: nodes of 65537 bytes for records of 8",
        bTreeFailure(header(V2Indexes.MAX_NODE_SIZE + 1, 8, 0, 1024, 0, 0)));
    assertEquals("corrupt HDF5: the index: nodes of 4294967295 bytes for records of 8",
        bTreeFailure(header(0xFFFFFFFFL, 8, 0, 1024, 0, 0)));
  }

  @Test
  void bTreeNodesWithoutTheirSignaturesAreCorrupt() throws BadInputException {
    ByteBuffer noHeader = header(512, 8, 0, 1024, 0, 0);
    noHeader.put(64, (byte) 'X');
    assertEquals("corrupt HDF5: the index: no BTHD at 64", bTreeFailure(noHeader));
    ByteBuffer noLeaf = header(512, 8, 0, 1024, 0, 0);
    assertEquals("corrupt HDF5: the index: no BTLF at 1024", bTreeFailure(noLeaf));
    signature(noLeaf, 1024, "BTLF");
    assertEquals(0, new V2Indexes(new V1BTreesTest.Storage(noLeaf.clear())).bTree(64, 16, "the index"));
    ByteBuffer noInternal = header(512, 8, 1, 1024, 0, 0);
    assertEquals("corrupt HDF5: the index: no BTIN at 1024", bTreeFailure(noInternal));
  }

  /** A node of no records above a leaf of none: two nodes, where a tree of no records has at most one. */
  @Test
  void aBTreeOfMoreNodesThanItsRecordsNeedIsCorrupt() {
    ByteBuffer b = header(512, 8, 1, 1024, 0, 0);
    signature(b, 1024, "BTIN");
    b.putLong(1030, 2048).put(1038, (byte) 0); // its one child: a leaf of no records
    signature(b, 2048, "BTLF");
    assertEquals("corrupt HDF5: the index: more than 1 nodes for its 0 records", bTreeFailure(b));
  }

  @Test
  void bTreeNodesHoldingMoreRecordsThanDeclaredOrThanFitAreCorrupt() {
    ByteBuffer more = header(512, 8, 0, 1024, 5, 4);
    signature(more, 1024, "BTLF");
    assertEquals("corrupt HDF5: the index: its nodes hold more than the 4 records it declares", bTreeFailure(more));
    ByteBuffer overfull = header(512, 8, 0, 1024, 63, 63); // 63 records of 8 bytes in a node of 502 for them
    signature(overfull, 1024, "BTLF");
    assertEquals("corrupt HDF5: the index: its nodes hold more than the 63 records it declares", bTreeFailure(overfull));
  }

  /** Nodes of 64 bytes fit 6 records of 8, but not also the 7 child pointers and counts an internal node needs. */
  @Test
  void anInternalNodeNamingMoreChildrenThanItHoldsIsCorrupt() {
    ByteBuffer b = header(64, 8, 1, 1024, 6, 6);
    signature(b, 1024, "BTIN");
    assertEquals("corrupt HDF5: the index: its node at 1024 names more children than it holds", bTreeFailure(b));
  }

  @Test
  void anInternalNodeCountingMoreRecordsThanDeclaredIsCorrupt() {
    ByteBuffer b = header(512, 8, 1, 1024, 1, 1);
    signature(b, 1024, "BTIN");
    b.putLong(1024 + 6 + 8, 2048).put(1024 + 6 + 8 + 8, (byte) 2); // its first child: a leaf of 2 records
    b.putLong(1024 + 6 + 8 + 9, 3072).put(1024 + 6 + 8 + 17, (byte) 0);
    assertEquals("corrupt HDF5: the index: its node at 1024 counts more than the 1 records it declares",
        bTreeFailure(b));
  }

  private static void assertCorrupt(byte[] file, String message) {
    BadInputException e = assertThrows(BadInputException.class,
        () -> Hdf5Files.open(ByteBuffer.wrap(file), "HDF5", f -> f));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  private static BadInputException chunkIndexFailure(byte[] file, String dataset) throws Exception {
    try (HdfFile f = HdfFile.fromByteBuffer(ByteBuffer.wrap(file))) {
      return assertThrows(BadInputException.class,
          () -> V1BTrees.requireSoundChunkIndex(f.getDatasetByPath(dataset), 64, "the grid"));
    }
  }

  /**
   * {@code file} with the structure that starts with {@code signature} (and, if not -1, has
   * {@code type} as its sixth byte) edited by {@code edit} (a little-endian view positioned at it),
   * and its checksum over the first {@code length} bytes made anew.
   */
  private static byte[] patch(byte[] file, String signature, int type, int length, Consumer<ByteBuffer> edit) {
    int at = find(file, signature, type);
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    edit.accept(b.position(at));
    b.putInt(at + length, ChecksumUtils.checksum(Arrays.copyOfRange(file, at, at + length)));
    return file;
  }

  private static int find(byte[] file, String signature, int type) {
    for (int i = 0; i + 6 < file.length; i++) {
      if (file[i] == signature.charAt(0) && file[i + 1] == signature.charAt(1) && file[i + 2] == signature.charAt(2)
          && file[i + 3] == signature.charAt(3) && (type < 0 || file[i + 5] == type)) {
        return i;
      }
    }
    throw new AssertionError("no " + signature + " of type " + type + " in the fixture");
  }

  /** A group's symbol table message: its B-tree's and its local heap's addresses. */
  private static long[] symbolTable(HdfFile file, String group) {
    io.jhdf.object.message.SymbolTableMessage m = ((io.jhdf.AbstractNode) file.getChild(group)).getHeader()
        .getMessageOfType(io.jhdf.object.message.SymbolTableMessage.class);
    return new long[] {m.getBTreeAddress(), m.getLocalHeapAddress()};
  }

  /** Where the two addresses next stand side by side in {@code file}, from {@code from}; -1 if nowhere. */
  private static int find(byte[] file, long[] addresses, int from) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i + 16 <= file.length; i++) {
      if (b.getLong(i) == addresses[0] && b.getLong(i + 8) == addresses[1]) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] dense() throws IOException {
    return resource("/hdf5/dense.h5");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = V2IndexesTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
