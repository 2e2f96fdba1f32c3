package org.radarbeam.codec.hdf5;

import static org.radarbeam.codec.hdf5.HdfBytes.corrupt;
import static org.radarbeam.codec.hdf5.HdfBytes.read;
import static org.radarbeam.codec.hdf5.HdfBytes.unsigned;

import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * Checks an object header of version 2 before jhdf parses it. jhdf follows each continuation block
 * into the next without remembering the blocks it has read, checks a block's checksum only after
 * reading it, and counts no messages: a block of zero bytes (messages of 4 bytes each) that continues
 * into itself fills any heap before the stack ends. Here the blocks are walked once each, as jhdf
 * reads them, and their messages counted (version 1 headers, which jhdf stops at the count they
 * declare, too). Attributes whose type or shape lies in another header are refused. Written by hand
 * because jhdf has no such check.
 */
final class ObjectHeaders {
  /** Most messages of one object header: ODIM and netCDF objects have a few dozen. */
  static final int MAX_MESSAGES = 1 << 16;
  /** Most continuation blocks of one header: libhdf5 adds a few as a header grows; jhdf recurses into each. */
  static final int MAX_BLOCKS = 256;
  /**
   * Most messages of all headers of a file together, counted once for every name a header is listed
   * under: jhdf parses a header again for each (a data set of 30000 attributes under 4000 names is a
   * 1 MB file), and ODIM and netCDF files hold a few thousand.
   */
  static final int MAX_FILE_MESSAGES = 1 << 18;
  private static final int CONTINUATION = 0x10;
  private static final int ATTRIBUTE = 0x0C;

  private final HdfBackingStorage storage;
  private final Map<Long, Integer> checked = new HashMap<>(); // header address: its messages
  private long listed;

  ObjectHeaders(HdfBackingStorage storage) {
    this.storage = storage;
  }

  /**
   * Checks the header at {@code address}, walked once per address, and counts its messages toward the
   * file's total each time it is named.
   */
  void requireSound(long address, String path) throws BadInputException {
    Integer messages = checked.get(address);
    String what = "the object header of " + path;
    if (messages == null) {
      ByteBuffer head = read(storage, address, 16, what);
      if (HdfBytes.hasSignature(head, "OHDR")) {
        messages = requireSoundV2(address, head.get(5) & 0xFF, what);
      } else if (head.get(0) == 1) {
        // version 1: the messages after 16 bytes, at most the count it declares, continued without signatures
        messages = walk(address + 16, head.getInt(8) & 0xFFFFFFFFL, 0, 8, head.getShort(2) & 0xFFFF, what);
      } else {
        messages = 0; // no header, which jhdf refuses itself
      }
      checked.put(address, messages);
    }
    listed += messages;
    if (listed > MAX_FILE_MESSAGES) {
      throw corrupt(what, "more than " + MAX_FILE_MESSAGES + " header messages in the file, counted per name");
    }
  }

  private int requireSoundV2(long address, int flags, String what) throws BadInputException {
    int at = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0); // times, attribute phase change
    int sizeBytes = 1 << (flags & 3);
    long chunk0 = unsigned(read(storage, address + at, sizeBytes, what), sizeBytes);
    // type, size, flags, and a creation order if tracked; read while 8 bytes remain, as jhdf does
    return walk(address + at + sizeBytes, chunk0, 4, (flags & 0x04) != 0 ? 6 : 4, MAX_MESSAGES, what);
  }

  /**
   * Walks messages from {@code start} ({@code length} bytes) and the continuation blocks they name, in
   * jhdf's order (a block as soon as it is named, then the rest of the one that named it), each block
   * once and at most {@link #MAX_BLOCKS} of them: jhdf recurses into each.
   *
   * @param signature 4 for blocks that start with "OCHK" (version 2), 0 for none (version 1)
   * @param messageHead bytes before a message's body: type (1 byte in version 2, 2 in 1), size, flags...
   * @return the messages read
   */
  private int walk(long start, long length, int signature, int messageHead, int maxMessages, String what)
      throws BadInputException {
    boolean v2 = signature > 0;
    Set<Long> blocks = new HashSet<>();
    Deque<ByteBuffer> open = new ArrayDeque<>(); // the blocks being read, the innermost first
    open.push(read(storage, start, length, what));
    int messages = 0;
    while (!open.isEmpty()) {
      ByteBuffer b = open.peek();
      if (v2 ? b.remaining() < 8 : b.remaining() <= 4 || messages >= maxMessages) { // as jhdf reads them
        open.pop();
        continue;
      }
      if (!v2 && b.position() % 8 != 0) { // jhdf starts each version 1 message at a multiple of 8 in its block
        b.position(Math.min(b.limit(), b.position() + 8 - b.position() % 8));
      }
      if (b.remaining() < messageHead) {
        open.pop(); // jhdf fails on it
        continue;
      }
      if (++messages > MAX_MESSAGES) {
        throw corrupt(what, "more than " + MAX_MESSAGES + " messages");
      }
      int type = v2 ? b.get() & 0xFF : b.getShort() & 0xFFFF;
      int size = b.getShort() & 0xFFFF;
      b.position(b.position() + messageHead - (v2 ? 3 : 4));
      if (size > b.remaining()) {
        open.pop(); // jhdf fails on it
        continue;
      }
      ByteBuffer body = b.slice().limit(size).order(ByteOrder.LITTLE_ENDIAN);
      b.position(b.position() + size);
      if (type == ATTRIBUTE) {
        requireUnshared(body, what);
      } else if (type == CONTINUATION) {
        long offset = unsigned(body, storage.getSizeOfOffsets());
        long blockLength = unsigned(body, storage.getSizeOfLengths());
        if (!blocks.add(offset)) {
          throw corrupt(what, "its continuation block at " + offset + " is reached twice");
        }
        if (blocks.size() > MAX_BLOCKS) {
          throw corrupt(what, "more than " + MAX_BLOCKS + " continuation blocks");
        }
        if (blockLength < signature) {
          throw corrupt(what, "a continuation block of " + blockLength + " bytes");
        }
        if (v2) {
          if (!HdfBytes.hasSignature(read(storage, offset, 4, what), "OCHK")) {
            throw corrupt(what, "no continuation block at " + offset);
          }
        }
        open.push(read(storage, offset + signature, blockLength - signature, what));
      }
    }
    return messages;
  }

  /**
   * Refuses an attribute whose type or shape is stored in another object header (versions 2 and 3,
   * flag bits 0 and 1): jhdf parses that header while it parses this one, past every check.
   */
  static void requireUnshared(ByteBuffer attribute, String what) throws BadInputException {
    if (attribute.remaining() >= 2) {
      int version = attribute.get(attribute.position()) & 0xFF;
      int flags = attribute.get(attribute.position() + 1) & 0xFF;
      if ((version == 2 || version == 3) && (flags & 3) != 0) {
        throw new BadInputException(Kind.UNSUPPORTED, "unsupported HDF5: " + what + " has an attribute of a shared"
            + " type or shape, which radarbeam does not read");
      }
    }
  }
}
