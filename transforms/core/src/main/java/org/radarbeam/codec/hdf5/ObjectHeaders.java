package org.radarbeam.codec.hdf5;

import static org.radarbeam.codec.hdf5.HdfBytes.corrupt;
import static org.radarbeam.codec.hdf5.HdfBytes.read;
import static org.radarbeam.codec.hdf5.HdfBytes.unsigned;

import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.radarbeam.codec.BadInputException;

/**
 * Checks an object header of version 2 before jhdf parses it. jhdf follows each continuation block
 * into the next without remembering the blocks it has read, checks a block's checksum only after
 * reading it, and counts no messages: a block of zero bytes (messages of 4 bytes each) that continues
 * into itself fills any heap before the stack ends. Here the blocks are walked once each, as jhdf
 * reads them, and their messages counted. Version 1 headers pass: jhdf stops at the count they declare.
 * Written by hand because jhdf has no such check.
 */
final class ObjectHeaders {
  /** Most messages of one object header: ODIM and netCDF objects have a few dozen. */
  static final int MAX_MESSAGES = 1 << 16;
  private static final int CONTINUATION = 0x10;

  private final HdfBackingStorage storage;
  private final Set<Long> checked = new HashSet<>();

  ObjectHeaders(HdfBackingStorage storage) {
    this.storage = storage;
  }

  /** Checks the header at {@code address}, once per address however often it is named. */
  void requireSound(long address, String path) throws BadInputException {
    if (!checked.add(address)) {
      return;
    }
    String what = "the object header of " + path;
    ByteBuffer head = read(storage, address, 6, what);
    if (head.get(0) != 'O' || head.get(1) != 'H' || head.get(2) != 'D' || head.get(3) != 'R') {
      return; // version 1 (or no header, which jhdf refuses itself)
    }
    int flags = head.get(5) & 0xFF;
    int at = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0); // times, attribute phase change
    int sizeBytes = 1 << (flags & 3);
    long chunk0 = unsigned(read(storage, address + at, sizeBytes, what), sizeBytes);
    int messageHead = (flags & 0x04) != 0 ? 6 : 4; // type, size, flags, and a creation order if tracked
    Set<Long> blocks = new HashSet<>();
    Deque<long[]> pending = new ArrayDeque<>(); // {start, length} of the messages of a block
    pending.add(new long[] {address + at + sizeBytes, chunk0});
    int messages = 0;
    while (!pending.isEmpty()) {
      long[] block = pending.poll();
      ByteBuffer b = read(storage, block[0], block[1], what);
      while (b.remaining() >= 8) { // as jhdf reads them
        if (++messages > MAX_MESSAGES) {
          throw corrupt(what, "more than " + MAX_MESSAGES + " messages");
        }
        int type = b.get() & 0xFF;
        int size = b.getShort() & 0xFFFF;
        b.position(b.position() + messageHead - 3);
        if (size > b.remaining()) {
          break; // jhdf fails on it
        }
        if (type == CONTINUATION) {
          long offset = unsigned(b.duplicate().order(b.order()), storage.getSizeOfOffsets());
          long length = unsigned(b.duplicate().order(b.order()).position(b.position() + storage.getSizeOfOffsets()),
              storage.getSizeOfLengths());
          if (!blocks.add(offset)) {
            throw corrupt(what, "its continuation block at " + offset + " is reached twice");
          }
          if (length < 4) {
            throw corrupt(what, "a continuation block of " + length + " bytes");
          }
          ByteBuffer signature = read(storage, offset, 4, what);
          if (signature.get(0) != 'O' || signature.get(1) != 'C' || signature.get(2) != 'H'
              || signature.get(3) != 'K') {
            throw corrupt(what, "no continuation block at " + offset);
          }
          pending.add(new long[] {offset + 4, length - 4});
        }
        b.position(b.position() + size);
      }
    }
  }
}
