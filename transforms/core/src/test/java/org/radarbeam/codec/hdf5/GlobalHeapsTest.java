package org.radarbeam.codec.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * The global heap collections ("GCOL") that variable-length values name, built byte by byte: a sound
 * collection gives each object's size, and a value naming a missing object, a collection that is none
 * or whose size is out of bounds, an object running past its collection, a collection of more objects
 * or a value naming more collections than any writer makes are each a one-line CORRUPT failure, found
 * before jhdf reads an object.
 */
class GlobalHeapsTest {
  private static final String WHAT = "attribute /what/source";

  /** An in-memory file of collections, built at increasing addresses (8-byte offsets and lengths). */
  private static final class Heaps {
    private final ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long start;

    Heaps() {
      b.position(64); // a superblock would be here
    }

    /** Starts a collection; its size is set by {@link #end}. */
    long begin() {
      start = b.position();
      b.put((byte) 'G').put((byte) 'C').put((byte) 'O').put((byte) 'L').put((byte) 1).put(new byte[3]).putLong(0);
      return start;
    }

    /** An object of {@code index} declaring {@code length} bytes, of which {@code stored} follow, padded to 8. */
    Heaps object(int index, long length, int stored) {
      b.putShort((short) index).putShort((short) 1).putInt(0).putLong(length);
      b.put(new byte[stored]);
      b.position((b.position() + 7) & ~7);
      return this;
    }

    /** Ends the collection, declaring its size as what was written. */
    long end() {
      b.putLong((int) start + 8, b.position() - start);
      return start;
    }

    GlobalHeaps heaps() {
      return new GlobalHeaps(new V1BTreesTest.Storage(
          b.duplicate().position(0).limit(b.position()).slice().order(ByteOrder.LITTLE_ENDIAN)));
    }
  }

  private static String refused(GlobalHeaps heaps, long address, long index) {
    BadInputException e = assertThrows(BadInputException.class, () -> heaps.objectSize(address, index, WHAT));
    assertEquals(Kind.CORRUPT, e.kind());
    return e.getMessage();
  }

  @Test
  void aSoundCollectionGivesItsObjectsSizesAndRefusesObjectsItDoesNotHold() throws BadInputException {
    Heaps h = new Heaps();
    long at = h.begin();
    h.object(1, 5, 5).object(2, 3, 3).object(0, 16, 16).end(); // the last entry: free space
    GlobalHeaps heaps = h.heaps();
    assertEquals(5, heaps.objectSize(at, 1, WHAT));
    assertEquals(3, heaps.objectSize(at, 2, WHAT));
    assertEquals(0, heaps.objectSize(at, 0, WHAT), "index 0: an empty value, no collection read");
    assertEquals(0, h.heaps().objectSize(12345, 0, WHAT), "index 0 names no collection, not even one that is none");
    assertEquals("corrupt HDF5: " + WHAT + ": a value names object 3, which the global heap at " + at
        + " does not hold", refused(heaps, at, 3));
    assertEquals("corrupt HDF5: " + WHAT + ": a value names object 65537, which the global heap at " + at
        + " does not hold", refused(heaps, at, 0x10001));
  }

  /** An object whose padding would pass the collection's end is the last one read, as jhdf reads them. */
  @Test
  void anObjectEndingUnpaddedAtTheCollectionsEndIsItsLast() throws BadInputException {
    Heaps h = new Heaps();
    long at = h.begin();
    h.object(1, 8, 8).object(2, 5, 5);
    h.b.position(h.b.position() - 3); // the collection ends right after object 2's 5 bytes
    h.end();
    h.b.put(new byte[16]);
    GlobalHeaps heaps = h.heaps();
    assertEquals(8, heaps.objectSize(at, 1, WHAT));
    assertEquals(5, heaps.objectSize(at, 2, WHAT));
  }

  @Test
  void aCollectionThatIsNoneOrOfAnImpossibleSizeIsCorrupt() {
    Heaps h = new Heaps();
    long notOne = h.begin();
    h.object(1, 5, 5).end();
    h.b.put((int) notOne, (byte) 'X');
    long version2 = h.begin();
    h.object(1, 5, 5).end();
    h.b.put((int) version2 + 4, (byte) 2);
    long tooSmall = h.begin();
    h.object(1, 5, 5).end();
    h.b.putLong((int) tooSmall + 8, 15); // less than its own header
    long tooLarge = h.begin();
    h.object(1, 5, 5).end();
    h.b.putLong((int) tooLarge + 8, 1L << 31);
    long pastTheFile = h.begin();
    h.object(1, 5, 5).end();
    h.b.putLong((int) pastTheFile + 8, 1 << 24);
    GlobalHeaps heaps = h.heaps();
    assertEquals("corrupt HDF5: " + WHAT + ": no global heap at " + notOne, refused(heaps, notOne, 1));
    assertEquals("corrupt HDF5: " + WHAT + ": no global heap at " + version2, refused(heaps, version2, 1));
    assertEquals("corrupt HDF5: " + WHAT + ": a global heap of 15 bytes at " + tooSmall, refused(heaps, tooSmall, 1));
    assertEquals("corrupt HDF5: " + WHAT + ": a global heap of 2147483648 bytes at " + tooLarge,
        refused(heaps, tooLarge, 1));
    assertEquals("corrupt HDF5: " + WHAT + ": a node at " + (pastTheFile + 16) + " lies outside the file",
        refused(heaps, pastTheFile, 1));
  }

  @Test
  void anObjectRunningPastItsCollectionIsCorrupt() {
    Heaps h = new Heaps();
    long longer = h.begin();
    h.object(1, 8, 8).object(2, 17, 8).end(); // declares more than the collection holds after it
    long negative = h.begin();
    h.object(1, -1, 8).end(); // a size past a long's sign
    GlobalHeaps heaps = h.heaps();
    assertEquals("corrupt HDF5: " + WHAT + ": object 2 of the global heap at " + longer + " runs past its end",
        refused(heaps, longer, 1));
    assertEquals("corrupt HDF5: " + WHAT + ": object 1 of the global heap at " + negative + " runs past its end",
        refused(heaps, negative, 1));
  }

  /** Every entry counts, one index repeated too: jhdf walks each. */
  @Test
  void aCollectionOfMoreObjectsThanAnyWriterMakesIsCorrupt() throws BadInputException {
    Heaps h = new Heaps();
    long full = h.begin();
    for (int i = 1; i <= GlobalHeaps.MAX_OBJECTS; i++) {
      h.object(i, 0, 0);
    }
    h.end();
    long over = h.begin();
    for (int i = 0; i <= GlobalHeaps.MAX_OBJECTS; i++) {
      h.object(1, 0, 0); // one index, again and again
    }
    h.end();
    GlobalHeaps heaps = h.heaps();
    assertEquals(0, heaps.objectSize(full, GlobalHeaps.MAX_OBJECTS, WHAT));
    assertEquals("corrupt HDF5: " + WHAT + ": the global heap at " + over + " holds more than "
        + GlobalHeaps.MAX_OBJECTS + " objects", refused(heaps, over, 1));
  }

  @Test
  void valuesNamingMoreCollectionsThanAllowedAreCorrupt() throws BadInputException {
    Heaps h = new Heaps();
    long[] at = new long[GlobalHeaps.MAX_COLLECTIONS + 1];
    for (int i = 0; i < at.length; i++) {
      at[i] = h.begin();
      h.object(1, i, i).end();
    }
    GlobalHeaps heaps = h.heaps();
    for (int i = 0; i < GlobalHeaps.MAX_COLLECTIONS; i++) {
      assertEquals(i, heaps.objectSize(at[i], 1, WHAT));
      assertEquals(i, heaps.objectSize(at[i], 1, WHAT), "a collection named again is not counted again");
    }
    assertEquals("corrupt HDF5: " + WHAT + ": its values name more than " + GlobalHeaps.MAX_COLLECTIONS
        + " global heap collections", refused(heaps, at[GlobalHeaps.MAX_COLLECTIONS], 1));
  }
}
