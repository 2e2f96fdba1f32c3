package org.radarbeam.codec.hdf5;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * The version-1 B-tree check on trees built node by node: a sound tree passes, and a node reached
 * twice (a cycle, or a small file of nodes that all point at the next level), a child on the wrong
 * level, a foreign node, a node outside the file and more nodes or entries than the file implies are
 * each a one-line CORRUPT failure, found without recursion or a second read of any node.
 */
class V1BTreesTest {
  private static final int KEY = 8; // a group node's key: a heap offset of 8 bytes

  /** A file of B-tree nodes, built at increasing addresses (8-byte offsets and lengths). */
  private static final class Nodes {
    private final ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

    Nodes() {
      b.position(64); // a superblock would be here
    }

    /** A node of {@code type} and {@code level} whose children are {@code children}; returns its address. */
    long node(int type, int level, long... children) {
      long at = b.position();
      b.put((byte) 'T').put((byte) 'R').put((byte) 'E').put((byte) 'E');
      b.put((byte) type).put((byte) level).putShort((short) children.length);
      b.putLong(-1).putLong(-1); // no siblings
      for (long c : children) {
        b.put(new byte[KEY]).putLong(c);
      }
      b.put(new byte[KEY]);
      return at;
    }

    /** A node whose children are filled in later, for trees that point back at themselves. */
    long placeholder(int type, int level, int children) {
      return node(type, level, new long[children]);
    }

    void child(long node, int i, long address) {
      b.putLong((int) node + 8 + 16 + KEY + i * (KEY + 8), address);
    }

    HdfBackingStorage storage() {
      return new Storage(b.duplicate().position(0).limit(b.position()).slice().order(ByteOrder.LITTLE_ENDIAN));
    }
  }

  private static void walk(Nodes n, long root, long maxNodes, long maxEntries) throws BadInputException {
    V1BTrees.walk(n.storage(), root, 0, KEY, maxNodes, maxEntries, "the member index of group /");
  }

  private static String refused(Nodes n, long root, long maxNodes, long maxEntries) {
    BadInputException e = assertThrows(BadInputException.class, () -> walk(n, root, maxNodes, maxEntries));
    assertEquals(Kind.CORRUPT, e.kind());
    return e.getMessage();
  }

  @Test
  void aSoundTreePasses() {
    Nodes n = new Nodes();
    long a = n.node(0, 0, 1000, 2000);
    long b = n.node(0, 0, 3000);
    long c = n.node(0, 0, 4000, 5000, 6000);
    long mid = n.node(0, 1, a, b);
    long root = n.node(0, 2, mid, n.node(0, 1, c));
    assertDoesNotThrow(() -> walk(n, root, 6, 6));
    assertDoesNotThrow(() -> walk(n, -1, 0, 0), "no index: nothing to walk");
    assertEquals("corrupt HDF5: the member index of group /: more than 5 entries", refused(n, root, 6, 5));
    assertEquals("corrupt HDF5: the member index of group /: more than 5 nodes", refused(n, root, 5, 6));
  }

  /**
   * libhdf5 with K = 1 (some radar writers' setting) leaves the rightmost node full after every split:
   * a tree of a few hundred entries written in order is hundreds of levels of one or two entries each.
   */
  @Test
  void aDeepTreeOfSmallNodesPasses() {
    Nodes n = new Nodes();
    long right = n.node(0, 0, 1000, 2000);
    for (int level = 1; level <= 100; level++) {
      // a left child of one entry a level, down to its leaf, beside the full right child
      long left = n.node(0, 0, 3000 + level);
      for (int l = 1; l < level; l++) {
        left = n.node(0, l, left);
      }
      right = n.node(0, level, left, right);
    }
    long root = right;
    assertDoesNotThrow(() -> walk(n, root, Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @Test
  void aNodeThatIsItsOwnChildIsRefused() {
    Nodes n = new Nodes();
    long self = n.placeholder(0, 1, 1);
    n.child(self, 0, self);
    assertEquals("corrupt HDF5: the member index of group /: its node at " + self + " is reached twice",
        refused(n, self, 1 << 16, Long.MAX_VALUE));
  }

  /** Six levels of 64 entries that all point at the next level name 64^6 leaves in about 30 KB. */
  @Test
  void nodesThatAllPointAtTheNextLevelAreRefusedAtTheSecondVisit() {
    Nodes n = new Nodes();
    long next = n.node(0, 0, 1000);
    for (int level = 1; level <= 6; level++) {
      long[] children = new long[64];
      java.util.Arrays.fill(children, next);
      next = n.node(0, level, children);
    }
    long root = next;
    String m = refused(n, root, 1 << 16, Long.MAX_VALUE);
    assertEquals(true, m.endsWith("is reached twice"), m);
  }

  @Test
  void childrenOnTheWrongLevelForeignNodesAndNodesOutsideTheFileAreRefused() {
    Nodes n = new Nodes();
    long leaf = n.node(0, 0, 1000);
    long skipsALevel = n.node(0, 2, leaf);
    assertEquals("corrupt HDF5: the member index of group /: its node at " + leaf + " is of level 0, expected 1",
        refused(n, skipsALevel, 16, 16));
    long chunkNode = n.node(1, 0, 1000);
    assertEquals("corrupt HDF5: the member index of group /: its node at " + chunkNode + " is of type 1, expected 0",
        refused(n, n.node(0, 1, chunkNode), 16, 16));
    long notANode = n.node(0, 1, 100); // inside the file, but no "TREE" there
    assertEquals("corrupt HDF5: the member index of group /: no B-tree node at 100", refused(n, notANode, 16, 16));
    long beyond = n.node(0, 1, 1L << 40);
    assertEquals("corrupt HDF5: the member index of group /: a node at " + (1L << 40) + " lies outside the file",
        refused(n, beyond, 16, 16));
    for (long root : List.of(leaf, n.node(0, 1, leaf))) {
      assertDoesNotThrow(() -> walk(n, root, 16, 16));
    }
  }

  /** A grid stored in more chunks than any real raster uses is refused before any chunk is looked up. */
  @Test
  void aGridOfTooManyChunksIsRefused() throws BadInputException {
    BadInputException e = assertThrows(BadInputException.class,
        () -> ChunkedRasterDecoder.requireBoundedLayout(new int[] {600, 600}, new int[] {1, 1}, 1, 1L << 40, "the grid"));
    assertEquals(Kind.TOO_LARGE, e.kind());
    assertEquals("chunks of [1, 1] over [600, 600] make 360000 chunks, more than the 262144 allowed for the grid",
        e.getMessage());
    assertEquals(4800L * 4400, ChunkedRasterDecoder.requireBoundedLayout(new int[] {4800, 4400}, new int[] {4800, 4400},
        1, 1L << 40, "the grid"), "one chunk of DWD's grid");
  }

  /**
   * The chunk index as libhdf5 writes it ({@code hdf5/odim_v1.h5}, see its README: 100 chunks in two leaves
   * under a root) passes for its grid of 100 chunks, and is corrupt for a grid of fewer, with a leaf of
   * a group index's type, or with a child one level too high.
   */
  @Test
  void libhdf5sChunkIndexPassesAndItsRewritesAreRefused() throws Exception {
    byte[] file;
    try (java.io.InputStream in = V1BTreesTest.class.getResourceAsStream("/hdf5/odim_v1.h5")) {
      file = in.readAllBytes();
    }
    long root;
    long leaf;
    try (HdfFile h = HdfFile.fromBytes(file)) {
      Dataset ds = h.getDatasetByPath("/dataset1/data1/data");
      root = ((AbstractNode) ds).getHeader().getMessageOfType(ChunkedDataLayoutMessage.class).getBTreeAddress();
      assertDoesNotThrow(() -> V1BTrees.requireSoundChunkIndex(ds, 100, "the grid"));
      BadInputException e = assertThrows(BadInputException.class, () -> V1BTrees.requireSoundChunkIndex(ds, 99, "the grid"));
      assertEquals(Kind.CORRUPT, e.kind());
      assertEquals("corrupt HDF5: the chunk index of the grid: more than 99 entries", e.getMessage());
    }
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, file[(int) root + 5], "a root above the leaves");
    assertEquals(2, b.getShort((int) root + 6), "two leaves");
    int key = 8 + 8 * 3; // a chunk's stored size and filter mask, then its offset in 2 dimensions and the element's
    leaf = b.getLong((int) root + 24 + key);
    byte[] groupType = file.clone();
    groupType[(int) leaf + 4] = 0;
    assertEquals("corrupt HDF5: the chunk index of the grid: its node at " + leaf + " is of type 0, expected 1",
        chunkIndexFailure(groupType));
    byte[] level = file.clone();
    level[(int) leaf + 5] = 1;
    assertEquals("corrupt HDF5: the chunk index of the grid: its node at " + leaf + " is of level 1, expected 0",
        chunkIndexFailure(level));
  }

  /** A leaf of a group's member index must name symbol table nodes ("SNOD"), as libhdf5 writes them. */
  @Test
  void aMemberIndexThatNamesNoSymbolTableNodeIsCorrupt() throws Exception {
    byte[] file;
    try (java.io.InputStream in = V1BTreesTest.class.getResourceAsStream("/hdf5/odim_v1.h5")) {
      file = in.readAllBytes();
    }
    int snod = -1;
    for (int i = 0; i + 4 <= file.length && snod < 0; i++) {
      snod = file[i] == 'S' && file[i + 1] == 'N' && file[i + 2] == 'O' && file[i + 3] == 'D' ? i : -1;
    }
    assertTrue(snod > 0, "a symbol table node in the fixture");
    file[snod] = 'X';
    byte[] bytes = file;
    BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Files.open(ByteBuffer.wrap(bytes), "HDF5", f -> f));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().matches("corrupt HDF5: the member index of group .*: no symbol table node at " + snod),
        e.getMessage());
  }

  /**
   * A symbol table node declaring more members than a group may have is refused before its entries are
   * read: 65535 entries of 40 bytes each would be read from a node of a few hundred.
   */
  @Test
  void aSymbolTableNodeOfMoreMembersThanAllowedIsCorrupt() throws Exception {
    byte[] file;
    try (java.io.InputStream in = V1BTreesTest.class.getResourceAsStream("/hdf5/v1groups.h5")) {
      file = in.readAllBytes();
    }
    int snod = -1;
    for (int i = 0; i + 4 <= file.length && snod < 0; i++) {
      snod = file[i] == 'S' && file[i + 1] == 'N' && file[i + 2] == 'O' && file[i + 3] == 'D' ? i : -1;
    }
    assertTrue(snod > 0, "a symbol table node in the fixture");
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putShort(snod + 6, (short) 0xFFFF);
    byte[] bytes = file;
    BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Files.open(ByteBuffer.wrap(bytes), "HDF5", f -> f));
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals("corrupt HDF5: the member index of group /: more than " + V2Indexes.MAX_NAMES + " members",
        e.getMessage(), "the root's node, the first in the file");
  }

  /**
   * A file of more groups than any radar file has (129 x 128, as jhdf writes them: compact links, no
   * index to bound them) is refused once the objects counted pass the bound, before jhdf lists the rest.
   */
  @Test
  void aFileOfMoreObjectsThanAllowedIsCorrupt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path path = dir.resolve("groups.h5");
    try (io.jhdf.WritableHdfFile out = HdfFile.write(path)) {
      for (int g = 0; g < 129; g++) {
        io.jhdf.api.WritableGroup group = out.putGroup("g" + g);
        for (int m = 0; m < 128; m++) {
          group.putGroup("m" + m);
        }
      }
    }
    byte[] bytes = java.nio.file.Files.readAllBytes(path);
    BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Files.open(ByteBuffer.wrap(bytes), "HDF5", f -> f));
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals("corrupt HDF5: more than " + V1BTrees.MAX_OBJECTS + " objects", e.getMessage());
  }

  private static String chunkIndexFailure(byte[] file) {
    try (HdfFile h = HdfFile.fromBytes(file)) {
      Dataset ds = h.getDatasetByPath("/dataset1/data1/data");
      BadInputException e = assertThrows(BadInputException.class, () -> V1BTrees.requireSoundChunkIndex(ds, 100, "the grid"));
      assertEquals(Kind.CORRUPT, e.kind());
      return e.getMessage();
    }
  }

  /** Just enough of jhdf's storage for the walk: a buffer, 8-byte offsets and lengths. */
  /** An in-memory file of {@code data}, with addresses and lengths of 8 bytes unless given. */
  static final class Storage implements HdfBackingStorage {
    private final ByteBuffer data;
    private final int offsets;
    private final int lengths;

    Storage(ByteBuffer data) {
      this(data, 8, 8);
    }

    Storage(ByteBuffer data, int offsets, int lengths) {
      this.data = data;
      this.offsets = offsets;
      this.lengths = lengths;
    }

    @Override
    public ByteBuffer readBufferFromAddress(long address, int length) {
      return data.duplicate().position((int) address).limit((int) address + length).slice();
    }

    @Override
    public ByteBuffer map(long address, long length) {
      return readBufferFromAddress(address, (int) length);
    }

    @Override
    public ByteBuffer mapNoOffset(long address, long length) {
      return map(address, length);
    }

    @Override
    public long getUserBlockSize() {
      return 0;
    }

    @Override
    public Superblock getSuperblock() {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel getFileChannel() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int getSizeOfOffsets() {
      return offsets;
    }

    @Override
    public int getSizeOfLengths() {
      return lengths;
    }

    @Override
    public void close() {}

    @Override
    public long size() {
      return data.limit();
    }

    @Override
    public boolean inMemory() {
      return true;
    }
  }
}
