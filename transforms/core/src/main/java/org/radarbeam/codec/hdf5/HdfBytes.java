package org.radarbeam.codec.hdf5;

import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/** Reading the raw structures of an HDF5 file for the checks made before jhdf reads them. */
final class HdfBytes {
  private HdfBytes() {}

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
