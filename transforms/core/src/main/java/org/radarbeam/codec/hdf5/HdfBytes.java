package org.radarbeam.codec.hdf5;

import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/** Reading the raw structures of an HDF5 file for the checks made before jhdf reads them. */
final class HdfBytes {
  private HdfBytes() {}

  /**
   * Refuses a file whose addresses or lengths are not 4 or 8 bytes. jhdf takes only 8 bytes of 0xFF
   * for "no address": a 2-byte 0xFFFF would be read as an address within the file, and what lies there
   * as a structure no check has seen. A 4-byte 0xFFFFFFFF lies beyond any file read here (at most 512
   * MiB), where jhdf's reads fail. The two must be equal: jhdf reads a group node's keys as addresses
   * where they are lengths, so with 4 and 8 it takes its children from bytes no check has read (and
   * cannot read such a file's groups anyway). libhdf5 writes 8 (and 4 where asked). A size HDF5 does
   * not define (it knows 2, 4, 8, 16 and 32) is a damaged superblock, which version 0 has no checksum
   * to show: corrupt, not unsupported.
   */
  static void requireUsualSizes(HdfBackingStorage storage) throws BadInputException {
    int offsets = storage.getSizeOfOffsets();
    int lengths = storage.getSizeOfLengths();
    if (!hdf5Size(offsets) || !hdf5Size(lengths)) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: the superblock declares addresses of " + offsets
          + " bytes and lengths of " + lengths + " (HDF5 knows 2, 4, 8, 16 or 32)");
    }
    if (offsets != 4 && offsets != 8 || lengths != offsets) {
      throw new BadInputException(Kind.UNSUPPORTED, "unsupported HDF5: addresses of " + offsets + " bytes and lengths of "
          + lengths + " (radarbeam reads 4 or 8, both alike)");
    }
  }

  /** Whether HDF5 defines addresses or lengths of {@code bytes} bytes. */
  private static boolean hdf5Size(int bytes) {
    return bytes == 2 || bytes == 4 || bytes == 8 || bytes == 16 || bytes == 32;
  }

  /** Whether {@code b} starts (at its index 0) with the 4-character {@code signature}. */
  static boolean hasSignature(ByteBuffer b, String signature) {
    for (int i = 0; i < 4; i++) {
      if (b.get(i) != signature.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code address} means "none": -1, or {@code offsets} bytes of 0xFF (a 4-byte 0xFFFFFFFF,
   * which jhdf takes for an address beyond the end of any file read here and fails on harmlessly).
   */
  static boolean undefined(long address, int offsets) {
    return address == -1L || offsets < 8 && address == (1L << (8 * offsets)) - 1;
  }

  /** {@code length} bytes at {@code address}, little-endian; a structure outside the file is corrupt. */
  static ByteBuffer read(HdfBackingStorage storage, long address, long length, String what) throws BadInputException {
    if (address < 0 || length > Integer.MAX_VALUE || address > storage.size() - length) {
      throw corrupt(what, "a node at " + address + " lies outside the file");
    }
    return storage.readBufferFromAddress(address, (int) length).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** An unsigned little-endian number of {@code size} bytes (negative if it passes a long's sign). */
  static long unsigned(ByteBuffer b, int size) {
    long v = 0;
    for (int i = 0; i < size; i++) {
      v |= (b.get() & 0xFFL) << (8 * i);
    }
    return v;
  }

  static BadInputException corrupt(String what, String why) {
    return new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + ": " + why);
  }
}
