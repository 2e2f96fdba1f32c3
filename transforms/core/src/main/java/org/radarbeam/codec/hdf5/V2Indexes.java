package org.radarbeam.codec.hdf5;

import static org.radarbeam.codec.hdf5.HdfBytes.corrupt;
import static org.radarbeam.codec.hdf5.HdfBytes.read;
import static org.radarbeam.codec.hdf5.HdfBytes.undefined;
import static org.radarbeam.codec.hdf5.HdfBytes.unsigned;

import io.jhdf.FractalHeap;
import io.jhdf.ObjectHeader;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.AttributeNameForIndexedAttributesRecord;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * Checks the indexes of newer HDF5 files before jhdf reads them: members and attributes in dense
 * storage (a fractal heap, indexed by a version-2 B-tree, as libhdf5 keeps groups of more than 8
 * members and objects of more than 8 attributes in files of the newer format, netCDF-4's among them)
 * and chunks indexed by a version-2 B-tree or a fixed array. jhdf sizes its lists by the counts these
 * structures declare and follows a B-tree's children wherever they point: one count of 2^31 in a 30 KB
 * file ends the JVM with an OutOfMemoryError. Here every version-2 B-tree is walked once, without
 * recursion, as jhdf will read it (each node read once, internal nodes above leaves, the records counted
 * against what the header declares and a bound), and the other headers' counts are held to what the
 * file and the data set can hold. Chunks indexed by an extensible array are refused (see
 * {@link #requireSoundChunkIndex}); no radar file seen here has one. Written by hand because jhdf has no
 * such check.
 */
final class V2Indexes {
  /** Most members or attributes of one object: ODIM and netCDF objects hold a few dozen. */
  static final long MAX_NAMES = 1 << 12;
  /**
   * Most members and attributes of all objects of a file together, counted once per object that names
   * them: jhdf keeps about 2 KB per member listed while the file is open, and objects may share one index.
   */
  static final long MAX_FILE_NAMES = 1 << 14;
  /**
   * Deepest B-tree walked: a node splits in two when full, so a tree of a few hundred thousand records
   * is at most about 20 levels deep; jhdf computes a power of the node's width per level read.
   */
  static final int MAX_DEPTH = 32;
  /**
   * Largest B-tree node read: libhdf5 makes them 512 bytes for dense storage and 2048 for chunk
   * indexes; jhdf reads (and, from a file, allocates) a whole node per node.
   */
  static final int MAX_NODE_SIZE = 1 << 16;
  /** Most rows of a fractal heap's root block: libhdf5 adds one as the heap doubles. */
  static final int MAX_HEAP_ROWS = 64;
  private static final int NODE_OVERHEAD = 10; // signature, version, type, checksum

  private final HdfBackingStorage storage;
  private final int offsets;
  private final int lengths;
  /** The B-trees checked so far and their records: one shared by several objects is walked once. */
  private final Map<Long, Long> checked = new HashMap<>();
  /** The fractal heaps checked so far. */
  private final Set<Long> heaps = new HashSet<>();
  private final long maxNames;
  private long names;

  /** The checks of one file, whose offsets and lengths are 4 or 8 bytes ({@link HdfBytes#requireUsualSizes}). */
  V2Indexes(HdfBackingStorage storage) {
    this(storage, MAX_FILE_NAMES);
  }

  /** As {@link #V2Indexes(HdfBackingStorage)}, with at most {@code maxNames} names in all. */
  V2Indexes(HdfBackingStorage storage, long maxNames) {
    this.storage = storage;
    this.maxNames = maxNames;
    this.offsets = storage.getSizeOfOffsets();
    this.lengths = storage.getSizeOfLengths();
  }

  /** Checks the dense storage of {@code header}'s members and attributes, if it has any. */
  void requireSoundStorage(ObjectHeader header, String path) throws BadInputException {
    if (header.hasMessageOfType(LinkInfoMessage.class)) {
      LinkInfoMessage links = header.getMessageOfType(LinkInfoMessage.class);
      if (dense(links.getBTreeNameIndexAddress(), "the members of " + path)) {
        count(bTree(links.getBTreeNameIndexAddress(), MAX_NAMES, "the member index of " + path), path);
        heap(links.getFractalHeapAddress(), "the members of " + path);
      }
    }
    if (header.hasMessageOfType(AttributeInfoMessage.class)) {
      AttributeInfoMessage attributes = header.getMessageOfType(AttributeInfoMessage.class);
      if (dense(attributes.getFractalHeapAddress(), "the attributes of " + path)) {
        count(bTree(attributes.getAttributeNameBTreeAddress(), MAX_NAMES, "the attribute index of " + path), path);
        heap(attributes.getFractalHeapAddress(), "the attributes of " + path);
        // the attributes as jhdf will read them, now that their index and heap passed
        FractalHeap heap = new FractalHeap(storage, attributes.getFractalHeapAddress());
        for (AttributeNameForIndexedAttributesRecord r : new BTreeV2<AttributeNameForIndexedAttributesRecord>(
            storage, attributes.getAttributeNameBTreeAddress()).getRecords()) {
          ObjectHeaders.requireUnshared(heap.getId(r.getHeapId()), "the attributes of " + path);
        }
      }
    }
  }

  /**
   * Whether jhdf reads members or attributes from dense storage, by the address of their index (links)
   * or heap (attributes), as jhdf decides it: anything but -1. A file of 4-byte addresses marks "none"
   * with 0xFFFFFFFF, which jhdf would take for an index past the file's end: such a file is refused.
   */
  boolean dense(long address, String what) throws BadInputException {
    if (address == -1L) {
      return false;
    }
    if (undefined(address, offsets)) {
      throw new BadInputException(Kind.UNSUPPORTED, "unsupported HDF5: " + what + " are stored compactly in a file"
          + " of 4-byte addresses, which radarbeam does not read");
    }
    return true;
  }

  /** Checks the chunk index of a data set of layout version 4 stored in {@code chunks} chunks. */
  void requireSoundChunkIndex(ChunkedDataLayoutMessageV4 layout, long chunks, String what) throws BadInputException {
    long address = layout.getAddress();
    if (undefined(address, offsets)) {
      return; // no chunk written yet: jhdf reads no index and the grid is no data
    }
    switch (layout.getIndexingType()) {
      case ChunkedDataLayoutMessageV4.B_TREE_V2_INDEX -> bTree(address, chunks, what);
      case ChunkedDataLayoutMessageV4.FIXED_ARRAY_INDEX -> {
        // signature, version, client, entry size, page bits, then the number of entries: libhdf5 sizes
        // it for the largest shape the data set may take, and jhdf places chunks by the current one
        long entries = unsigned(read(storage, address, 8 + lengths, what).position(8), lengths);
        if (entries < 0 || entries > chunks) {
          throw new BadInputException(Kind.UNSUPPORTED, "unsupported HDF5: " + what + " indexes its chunks in a fixed"
              + " array of " + Long.toUnsignedString(entries) + " entries for " + chunks + " chunks (a data set"
              + " that can grow), which radarbeam does not read");
        }
      }
      case ChunkedDataLayoutMessageV4.EXTENSIBLE_ARRAY_INDEX ->
        // jhdf follows its blocks' pointers as often as they repeat, adding chunks each time, and the
        // counts it goes by are computed rather than read: no bound checked here would hold it
        throw new BadInputException(Kind.UNSUPPORTED, "unsupported HDF5: " + what
            + " indexes its chunks in an extensible array (a data set that can grow), which radarbeam does not read");
      default -> { } // one chunk, or chunks at computed addresses: nothing to walk
    }
  }

  /**
   * Walks the version-2 B-tree whose header is at {@code address} as jhdf reads it, breadth first:
   * at most {@code maxRecords} records, and no more than the header declares.
   *
   * @return the records it declares
   */
  long bTree(long address, long maxRecords, String what) throws BadInputException {
    Long known = checked.get(address);
    if (known != null) {
      return known;
    }
    ByteBuffer h = read(storage, address, 16 + offsets + 2 + lengths, what);
    requireSignature(h, "BTHD", what, address);
    h.position(6);
    long nodeSize = unsigned(h, 4);
    int recordSize = h.getShort() & 0xFFFF;
    int depth = h.getShort() & 0xFFFF;
    h.position(16);
    long root = unsigned(h, offsets);
    int rootRecords = h.getShort() & 0xFFFF;
    long total = unsigned(h, lengths);
    if (recordSize == 0 || nodeSize <= NODE_OVERHEAD || nodeSize > MAX_NODE_SIZE) {
      throw corrupt(what, "nodes of " + nodeSize + " bytes for records of " + recordSize);
    }
    if (depth > MAX_DEPTH) {
      throw corrupt(what, "it is " + depth + " levels deep, more than " + MAX_DEPTH);
    }
    requireAtMost(total, Math.min(maxRecords, storage.size() / recordSize), what, "records");
    checked.put(address, total);
    Set<Long> read = new HashSet<>();
    Map<Integer, Integer> totalFieldSizes = new HashMap<>();
    Deque<long[]> pending = new ArrayDeque<>(); // {address, depth, records, records below or -1}
    pending.add(new long[] {root, depth, rootRecords, total});
    long records = 0;
    while (!pending.isEmpty()) {
      long[] node = pending.poll();
      if (!read.add(node[0])) {
        throw corrupt(what, "its node at " + node[0] + " is reached twice");
      }
      if (read.size() > 2 * total + 1) { // every node but the root holds a record, or is a leaf below one
        throw corrupt(what, "more than " + (2 * total + 1) + " nodes for its " + total + " records");
      }
      int level = (int) node[1];
      records += node[2];
      if (records > total || node[2] * recordSize > nodeSize - NODE_OVERHEAD) {
        throw corrupt(what, "its nodes hold more than the " + total + " records it declares");
      }
      if (level == 0) {
        requireSignature(read(storage, node[0], 4, what), "BTLF", what, node[0]);
        continue;
      }
      int countSize = bytesFor((int) ((nodeSize - NODE_OVERHEAD
          - (level > 1 ? bytesFor((int) node[3]) * 2L + offsets : 0)) / recordSize));
      int totalSize = level > 1 ? totalFieldSizes.computeIfAbsent(level,
          l -> (BigInteger.valueOf(nodeSize / recordSize).pow(l).bitLength() + 8) / 8) : 0;
      int used = 6 + (int) node[2] * recordSize + (int) (node[2] + 1) * (offsets + countSize + totalSize);
      if (used > nodeSize - 4) {
        throw corrupt(what, "its node at " + node[0] + " names more children than it holds");
      }
      ByteBuffer b = read(storage, node[0], used, what);
      requireSignature(b, "BTIN", what, node[0]);
      b.position(6 + (int) node[2] * recordSize);
      for (int i = 0; i <= node[2]; i++) {
        long child = unsigned(b, offsets);
        long childRecords = unsigned(b, countSize);
        long below = level > 1 ? unsigned(b, totalSize) : -1;
        if (childRecords < 0 || childRecords > total || below > total || below < -1) {
          throw corrupt(what, "its node at " + node[0] + " counts more than the " + total + " records it declares");
        }
        pending.add(new long[] {child, level - 1, childRecords, below});
      }
    }
    return total;
  }

  /**
   * The fractal heap at {@code address}: its root block's table no larger than libhdf5 makes it for
   * {@link #MAX_NAMES} objects and within the file, and its B-tree of huge objects sound.
   */
  private void heap(long address, String what) throws BadInputException {
    if (!heaps.add(address)) {
      return;
    }
    int tableWidthAt = 14 + 10 * lengths + 2 * offsets; // after 10 lengths and 2 offsets
    ByteBuffer b = read(storage, address, tableWidthAt + 2 + 2 * lengths + 4 + offsets + 2, what);
    requireSignature(b, "FRHP", what, address);
    int filters = b.getShort(7) & 0xFFFF;
    b.position(14 + lengths);
    long hugeObjects = unsigned(b, offsets);
    b.position(tableWidthAt);
    int width = b.getShort() & 0xFFFF;
    long startingBlock = unsigned(b, lengths);
    long largestBlock = unsigned(b, lengths);
    // jhdf maps direct blocks from the first size, doubling by row: powers of two, the first within the file
    if (Long.bitCount(startingBlock) != 1 || Long.bitCount(largestBlock) != 1 || largestBlock < startingBlock
        || startingBlock > storage.size()) {
      throw corrupt(what, "direct blocks of " + Long.toUnsignedString(startingBlock) + " to "
          + Long.toUnsignedString(largestBlock) + " bytes");
    }
    b.position(tableWidthAt + 2 + 2 * lengths + 4 + offsets);
    int rows = b.getShort() & 0xFFFF;
    long rowSize = offsets + (filters > 0 ? lengths + 4L : 0);
    if (rows > MAX_HEAP_ROWS || (long) rows * width > MAX_NAMES || (long) rows * width * rowSize > storage.size()) {
      throw corrupt(what, "a root block of " + rows + " x " + width + " blocks, more than the file holds");
    }
    if (hugeObjects > 0 && !undefined(hugeObjects, offsets)) { // jhdf reads a tree of huge objects above 0
      bTree(hugeObjects, MAX_NAMES, what + " (huge objects)");
    }
  }

  /** Charges {@code records} more names, of the object at {@code path}, to the file's budget. */
  void count(long records, String path) throws BadInputException {
    names += records;
    if (names > maxNames) {
      throw corrupt("the members and attributes up to " + path, "more than " + maxNames + " names in all");
    }
  }

  /** The bytes jhdf uses for a count of at most {@code n}, as jhdf computes them. */
  private static int bytesFor(int n) {
    return (Integer.numberOfTrailingZeros(Integer.highestOneBit(n)) + 8) / 8;
  }

  private static void requireAtMost(long count, long bound, String what, String things) throws BadInputException {
    if (count < 0 || count > bound) {
      throw corrupt(what, "it declares " + Long.toUnsignedString(count) + " " + things + ", more than " + bound);
    }
  }

  private static void requireSignature(ByteBuffer b, String signature, String what, long address)
      throws BadInputException {
    if (!HdfBytes.hasSignature(b, signature)) {
      throw corrupt(what, "no " + signature + " at " + address);
    }
  }

}
