package org.radarbeam.codec.hdf5;

import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.radarbeam.codec.BadInputException;

/**
 * The sizes of the global heap objects that variable-length values name, read from the collections
 * ("GCOL") as jhdf's {@code GlobalHeap} reads them. jhdf reads a named object whole, whatever length
 * the value declares, and keeps an entry for every object of each collection a value names; so the
 * objects are measured here before jhdf reads any of them, and collections and objects are counted.
 */
final class GlobalHeaps {
  /** Collections a value's references may name: jhdf reads each whole. */
  static final int MAX_COLLECTIONS = 16;
  /**
   * Objects a collection may hold, counted as walked (an index that repeats counts each time). libhdf5
   * makes collections of 4 KiB unless one object needs more, so a real one holds at most a few hundred.
   */
  static final int MAX_OBJECTS = 4096;

  private final HdfBackingStorage storage;
  private final Map<Long, Map<Integer, Long>> collections = new HashMap<>();

  GlobalHeaps(HdfBackingStorage storage) {
    this.storage = storage;
  }

  /** The size in bytes of object {@code index} of the collection at {@code address} (0 names an empty value). */
  long objectSize(long address, long index, String what) throws BadInputException {
    if (index == 0) {
      return 0; // jhdf reads index 0 as an empty value, without a collection
    }
    Map<Integer, Long> objects = collections.get(address);
    if (objects == null) {
      if (collections.size() == MAX_COLLECTIONS) {
        throw HdfBytes.corrupt(what, "its values name more than " + MAX_COLLECTIONS + " global heap collections");
      }
      objects = objects(address, what);
      collections.put(address, objects);
    }
    Long size = index > 0xFFFF ? null : objects.get((int) index);
    if (size == null) {
      throw HdfBytes.corrupt(what, "a value names object " + index + ", which the global heap at " + address
          + " does not hold");
    }
    return size;
  }

  /** The objects of the collection at {@code address} by index, walked as jhdf walks them. */
  private Map<Integer, Long> objects(long address, String what) throws BadInputException {
    int lengths = storage.getSizeOfLengths();
    int offsets = storage.getSizeOfOffsets();
    int header = 8 + lengths;
    ByteBuffer h = HdfBytes.read(storage, address, header, what);
    if (!HdfBytes.hasSignature(h, "GCOL") || h.get(4) != 1) {
      throw HdfBytes.corrupt(what, "no global heap at " + address);
    }
    long size = HdfBytes.unsigned(h.position(8), lengths);
    if (size < header || size > Integer.MAX_VALUE) {
      throw HdfBytes.corrupt(what, "a global heap of " + size + " bytes at " + address);
    }
    ByteBuffer b = HdfBytes.read(storage, address + header, size - header, what);
    Map<Integer, Long> objects = new HashMap<>();
    int entries = 0;
    while (b.remaining() >= 16) { // the smallest object jhdf reads
      if (++entries > MAX_OBJECTS) { // every entry, not every index: jhdf walks entries that repeat one too
        throw HdfBytes.corrupt(what, "the global heap at " + address + " holds more than " + MAX_OBJECTS + " objects");
      }
      int index = b.getShort() & 0xFFFF;
      b.position(b.position() + 6); // reference count, reserved
      long length = HdfBytes.unsigned(b, offsets); // jhdf reads an object's size in the size of offsets
      if (index == 0) {
        break; // free space: the last entry
      }
      if (length < 0 || length > b.remaining()) {
        throw HdfBytes.corrupt(what, "object " + index + " of the global heap at " + address + " runs past its end");
      }
      objects.put(index, length);
      long next = (b.position() + length + 7) & ~7L; // objects start at multiples of 8
      if (next > b.limit()) {
        break; // where jhdf's reading of the collection fails
      }
      b.position((int) next);
    }
    return objects;
  }
}
