package org.radarbeam.codec.hdf5;

import static org.radarbeam.codec.hdf5.HdfBytes.corrupt;
import static org.radarbeam.codec.hdf5.HdfBytes.read;

import io.jhdf.AbstractNode;
import io.jhdf.FractalHeap;
import io.jhdf.HdfFile;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.LinkNameForIndexedGroupRecord;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.object.message.LinkMessage.LinkType;
import io.jhdf.object.message.SymbolTableMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * Checks the version-1 B-trees of an HDF5 file (the index of a group's members, the index of a data
 * set's chunks, as libhdf5 writes them by default) before jhdf walks them. jhdf follows a node's
 * children wherever they point and keeps no record of the nodes it has read: a node that is its own
 * child recurses until the stack overflows, and a few dozen kilobytes of nodes that all point at the
 * next level name billions of entries, which fill any heap. Here every tree is walked once, without
 * recursion: each node is read once, each child lies one level below its parent, and the nodes and
 * entries are counted against bounds the file implies. Written by hand because jhdf has no such check.
 */
final class V1BTrees {
  /** Most groups and data sets checked in one file: ODIM files hold a few dozen. */
  static final int MAX_OBJECTS = 1 << 14;
  private static final int GROUP_NODE = 0;
  private static final int CHUNK_NODE = 1;
  private static final int SOFT_LINK = 2; // a symbol table entry's cache type

  private V1BTrees() {}

  /**
   * Checks the member index of every group reachable from the root, then has jhdf read the members,
   * so that no later look-up walks an unchecked tree; the dense storage of any object's members or
   * attributes is checked on the way ({@link V2Indexes}). A group reached twice (a hard link back up
   * the tree) is checked once.
   */
  static void requireSoundGroups(HdfFile file) throws BadInputException {
    requireSoundGroups(file, V2Indexes.MAX_FILE_NAMES);
  }

  /** As {@link #requireSoundGroups(HdfFile)}, with at most {@code names} members and attributes in all. */
  static void requireSoundGroups(HdfFile file, long names) throws BadInputException {
    HdfBackingStorage storage = file.getHdfBackingStorage();
    HdfBytes.requireUsualSizes(storage);
    V2Indexes dense = new V2Indexes(storage, names);
    ObjectHeaders headers = new ObjectHeaders(storage);
    Map<Long, List<Long>> tables = new HashMap<>(); // per version-1 member index: its symbol table nodes
    Map<Long, List<Long>> memberHeaders = new HashMap<>(); // per group: its members' object headers
    Set<Long> seen = new HashSet<>(); // objects checked: one linked from many groups is checked once
    Deque<Group> groups = new ArrayDeque<>();
    headers.requireSound(file.getAddress(), "/");
    memberHeaders.put(file.getAddress(), requireSoundGroup(storage, dense, tables,
        ObjectHeader.readObjectHeader(storage, file.getAddress()), "/"));
    seen.add(file.getAddress());
    groups.push(file);
    while (!groups.isEmpty()) {
      Group group = groups.pop();
      for (long member : memberHeaders.get(group.getAddress())) { // jhdf reads each to list the group
        headers.requireSound(member, "a member of " + group.getPath());
      }
      for (Node child : group.getChildren().values()) {
        if (child.isLink() || !seen.add(child.getAddress())) {
          continue;
        }
        if (seen.size() > MAX_OBJECTS) {
          throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: more than " + MAX_OBJECTS + " objects");
        }
        if (child instanceof Group g) {
          memberHeaders.put(g.getAddress(),
              requireSoundGroup(storage, dense, tables, ((AbstractNode) g).getHeader(), g.getPath()));
          groups.push(g);
        } else {
          dense.requireSoundStorage(((AbstractNode) child).getHeader(), child.getPath());
        }
      }
    }
  }

  /** Checks a group's member index; returns the addresses of its members' object headers. */
  private static List<Long> requireSoundGroup(HdfBackingStorage storage, V2Indexes dense,
      Map<Long, List<Long>> tables, ObjectHeader header, String path) throws BadInputException {
    dense.requireSoundStorage(header, path);
    List<Long> members = new ArrayList<>();
    if (header.hasMessageOfType(SymbolTableMessage.class)) {
      long root = header.getMessageOfType(SymbolTableMessage.class).getBTreeAddress();
      String what = "the member index of group " + path;
      List<Long> nodes = tables.get(root);
      if (nodes == null) {
        List<Long> found = new ArrayList<>();
        walk(storage, root, GROUP_NODE, storage.getSizeOfLengths(), Long.MAX_VALUE, Long.MAX_VALUE,
            (key, node) -> found.add(node), what);
        nodes = found;
        tables.put(root, nodes);
      }
      for (long node : nodes) {
        symbolHeaders(storage, node, what, members);
      }
      if (members.size() > V2Indexes.MAX_NAMES) {
        throw corrupt(what, "more than " + V2Indexes.MAX_NAMES + " members");
      }
      dense.count(members.size(), path); // jhdf lists a group's members again for every group that shares the index
    } else if (header.hasMessageOfType(LinkInfoMessage.class)) {
      LinkInfoMessage info = header.getMessageOfType(LinkInfoMessage.class);
      List<LinkMessage> links = new ArrayList<>(header.getMessagesOfType(LinkMessage.class));
      if (dense.dense(info.getBTreeNameIndexAddress(), "the members of " + path)) { // read as jhdf will, now checked
        FractalHeap heap = new FractalHeap(storage, info.getFractalHeapAddress());
        for (LinkNameForIndexedGroupRecord r : new BTreeV2<LinkNameForIndexedGroupRecord>(storage,
            info.getBTreeNameIndexAddress()).getRecords()) {
          links.add(LinkMessage.fromBuffer(heap.getId(r.getId()), storage.getSuperblock()));
        }
      }
      for (LinkMessage link : links) {
        if (link.getLinkType() == LinkType.HARD) {
          members.add(link.getHardLinkAddress());
        }
      }
    }
    return members;
  }

  /** Adds the object headers a symbol table node lists, as jhdf will read them; a node that is none is corrupt. */
  private static void symbolHeaders(HdfBackingStorage storage, long address, String what, List<Long> out)
      throws BadInputException {
    ByteBuffer b = read(storage, address, 8, what);
    if (!HdfBytes.hasSignature(b, "SNOD")) {
      throw corrupt(what, "no symbol table node at " + address);
    }
    int symbols = b.getShort(6) & 0xFFFF;
    if (out.size() + symbols > V2Indexes.MAX_NAMES) { // before reading them: a leaf may name one node often
      throw corrupt(what, "more than " + V2Indexes.MAX_NAMES + " members");
    }
    int offsets = storage.getSizeOfOffsets();
    int entry = 2 * offsets + 24; // name offset, header address, cache type, reserved, scratch pad
    ByteBuffer entries = read(storage, address + 8, (long) symbols * entry, what);
    for (int i = 0; i < symbols; i++) {
      entries.position(i * entry + offsets);
      long header = HdfBytes.unsigned(entries, offsets);
      if (entries.getInt() != SOFT_LINK) { // a soft link names a path, not a header
        out.add(header);
      }
    }
  }

  /**
   * Checks the chunk index of a data set stored in {@code chunks} chunks: here for version 3 layouts
   * (their leaves hold at most one entry per chunk, each checked as {@link ChunkKeys} says), in
   * {@link V2Indexes} for version 4.
   *
   * @param what names the data set in messages
   */
  static void requireSoundChunkIndex(Node dataset, long chunks, String what) throws BadInputException {
    ObjectHeader header = ((AbstractNode) dataset).getHeader();
    if (header.hasMessageOfType(ChunkedDataLayoutMessageV4.class)) {
      new V2Indexes(dataset.getHdfFile().getHdfBackingStorage())
          .requireSoundChunkIndex(header.getMessageOfType(ChunkedDataLayoutMessageV4.class), chunks, what);
    }
    if (!header.hasMessageOfType(ChunkedDataLayoutMessage.class)) {
      return;
    }
    ChunkedDataLayoutMessage layout = header.getMessageOfType(ChunkedDataLayoutMessage.class);
    int[] dims = ((Dataset) dataset).getDimensions(); // jhdf reads the keys by the data set's rank
    // a chunk's key: its stored size, its filter mask, and its offset in each dimension and the element's
    int keySize = 8 + 8 * (dims.length + 1);
    HdfBackingStorage storage = dataset.getHdfFile().getHdfBackingStorage();
    String index = "the chunk index of " + what;
    walk(storage, layout.getBTreeAddress(), CHUNK_NODE, keySize, Long.MAX_VALUE, chunks,
        new ChunkKeys(storage, dims, layout.getChunkDimensions(), index), index);
  }

  /**
   * Checks the chunks a chunk index lists before jhdf reads them: jhdf takes a stored size of 2^31 or
   * more, or an offset or address of 2^63 or more, for an error of arithmetic; it maps the chunks by
   * their offsets and fails on one listed twice; and it reads a chunk wherever its address and size
   * say. Offsets on the grid's chunk boundaries (every chunk libhdf5 writes) are marked in a bit set
   * of the grid's chunks; any others, which jhdf keeps but never looks up, in a set of their own.
   */
  private static final class ChunkKeys implements LeafChild {
    private final HdfBackingStorage storage;
    private final int[] dims;
    private final int[] chunk;
    private final String what;
    private final BitSet onGrid = new BitSet();
    private final Set<List<Long>> offGrid = new HashSet<>();

    ChunkKeys(HdfBackingStorage storage, int[] dims, int[] chunk, String what) {
      this.storage = storage;
      this.dims = dims;
      this.chunk = chunk;
      this.what = what;
    }

    @Override
    public void accept(ByteBuffer key, long address) throws BadInputException {
      long size = key.getInt() & 0xFFFFFFFFL;
      key.getInt(); // filter mask
      long[] offset = new long[dims.length];
      boolean grid = chunk.length == dims.length;
      long at = 0; // the chunk's place in the grid's row-major order of chunks
      for (int d = 0; d < dims.length; d++) {
        offset[d] = key.getLong();
        if (offset[d] < 0) {
          throw corrupt(what, "a chunk at offset " + Long.toUnsignedString(offset[d]) + " in dimension " + d);
        }
        grid = grid && chunk[d] > 0 && offset[d] < dims[d] && offset[d] % chunk[d] == 0;
        at = grid ? at * ((dims[d] + chunk[d] - 1) / chunk[d]) + offset[d] / chunk[d] : 0;
      }
      String where = "its chunk at " + java.util.Arrays.toString(offset);
      if (key.getLong() != 0) { // the offset within a value, which jhdf requires to be 0
        throw corrupt(what, where + " starts inside a value");
      }
      if (address != -1 && (address < 0 || size > Integer.MAX_VALUE || address > storage.size() - size)) {
        throw corrupt(what, where + " of " + size + " bytes at " + Long.toUnsignedString(address)
            + " lies outside the file");
      }
      boolean first;
      if (grid && at < Integer.MAX_VALUE) {
        first = !onGrid.get((int) at);
        onGrid.set((int) at);
      } else {
        first = offGrid.add(java.util.Arrays.stream(offset).boxed().toList());
      }
      if (!first) {
        throw corrupt(what, where + " is listed twice");
      }
    }
  }

  /**
   * Walks the tree at {@code root} breadth first: every node a "TREE" node of {@code type}, read once,
   * each child of a node of level L a node of level L - 1, at most {@code maxNodes} nodes and as many as
   * the file can hold, and at most {@code maxEntries} entries in the leaves. The leaves' children (symbol
   * table nodes, chunks) are not followed. Depth is not bounded apart: libhdf5's trees of one or two
   * entries a node (K = 1, as some writers set it) grow a level with about every entry written in order.
   */
  static void walk(HdfBackingStorage storage, long root, int type, int keySize, long maxNodes, long maxEntries,
      String what) throws BadInputException {
    walk(storage, root, type, keySize, maxNodes, maxEntries, null, what);
  }

  /** A child of a leaf (a symbol table node, a chunk), given with its key (read from its start). */
  private interface LeafChild {
    void accept(ByteBuffer key, long address) throws BadInputException;
  }

  /** As {@link #walk}, handing each child of a leaf to {@code leafChildren}. */
  private static void walk(HdfBackingStorage storage, long root, int type, int keySize, long maxNodes,
      long maxEntries, LeafChild leafChildren, String what) throws BadInputException {
    int offsets = storage.getSizeOfOffsets();
    if (HdfBytes.undefined(root, offsets)) {
      return; // nothing indexed yet
    }
    // each node is read once, so the file's size bounds the walk whatever the tree's shape
    maxNodes = Math.min(maxNodes, storage.size() / (8 + 2 * offsets + keySize) + 1);
    Set<Long> read = new HashSet<>();
    Deque<long[]> pending = new ArrayDeque<>(); // {address, expected level or -1 for the root}
    pending.add(new long[] {root, -1});
    long entries = 0;
    while (!pending.isEmpty()) {
      long[] next = pending.poll();
      long address = next[0];
      if (!read.add(address)) {
        throw corrupt(what, "its node at " + address + " is reached twice");
      }
      if (read.size() > maxNodes) {
        throw corrupt(what, "more than " + maxNodes + " nodes");
      }
      int head = 8 + 2 * offsets;
      ByteBuffer b = read(storage, address, head, what);
      if (!HdfBytes.hasSignature(b, "TREE")) {
        throw corrupt(what, "no B-tree node at " + address);
      }
      b.position(4);
      int nodeType = b.get() & 0xFF;
      int level = b.get() & 0xFF;
      int used = b.getShort() & 0xFFFF;
      if (nodeType != type) {
        throw corrupt(what, "its node at " + address + " is of type " + nodeType + ", expected " + type);
      }
      if (next[1] >= 0 && level != next[1]) {
        throw corrupt(what, "its node at " + address + " is of level " + level + ", expected " + next[1]);
      }
      for (int i = 0; i < 2; i++) { // jhdf reads the siblings' addresses, and fails on one past a long's sign
        long sibling = HdfBytes.unsigned(b, offsets);
        if (sibling < -1) {
          throw corrupt(what, "its node at " + address + " names a sibling at " + Long.toUnsignedString(sibling));
        }
      }
      if (level == 0) {
        entries += used;
        if (entries > maxEntries) {
          throw corrupt(what, "more than " + maxEntries + " entries");
        }
        if (leafChildren == null) {
          continue;
        }
      }
      ByteBuffer body = read(storage, address + head, (long) used * (keySize + offsets) + keySize, what);
      for (int i = 0; i < used; i++) {
        body.position(keySize + i * (keySize + offsets));
        long child = address(body, offsets);
        if (level == 0) {
          leafChildren.accept(body.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(i * (keySize + offsets)), child);
        } else {
          pending.add(new long[] {child, level - 1});
        }
      }
    }
  }

  private static long address(ByteBuffer b, int size) {
    long v = HdfBytes.unsigned(b, size);
    return HdfBytes.undefined(v, size) ? -1L : v;
  }
}
