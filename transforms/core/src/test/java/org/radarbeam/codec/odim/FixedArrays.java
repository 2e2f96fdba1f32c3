package org.radarbeam.codec.odim;

import io.jhdf.checksum.ChecksumUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The chunk index jhdf's writer gives a data set of several chunks: a fixed array (a "FAHD" header,
 * then a "FADB" block of one entry per chunk, in row-major order of the chunks), rewritten entry by
 * entry with a fresh checksum, so that jhdf believes it. Each entry holds the chunk's address and, for
 * filtered chunks, its stored size and filter mask. The fixture must hold one chunked data set.
 */
final class FixedArrays {
  private static final int OFFSETS = 8; // jhdf writes 8-byte offsets and lengths

  private final byte[] data;
  private final ByteBuffer b;
  private final int entries;
  private final int entrySize;
  private final int block;

  FixedArrays(byte[] data) {
    this.data = data;
    this.b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int header = -1;
    for (int i = 0; i + 4 <= data.length; i++) {
      if (data[i] == 'F' && data[i + 1] == 'A' && data[i + 2] == 'H' && data[i + 3] == 'D') {
        if (header >= 0) {
          throw new IllegalArgumentException("more than one fixed array in the file");
        }
        header = i;
      }
    }
    if (header < 0) {
      throw new IllegalArgumentException("no fixed array in the file: is the data set chunked, in more than one chunk?");
    }
    this.entrySize = data[header + 6];
    this.entries = (int) b.getLong(header + 8);
    this.block = (int) b.getLong(header + 8 + OFFSETS);
  }

  int entries() {
    return entries;
  }

  private int entry(int i) {
    if (i < 0 || i >= entries) {
      throw new IndexOutOfBoundsException("entry " + i + " of " + entries);
    }
    return block + 4 + 1 + 1 + OFFSETS + i * entrySize;
  }

  long address(int i) {
    return b.getLong(entry(i));
  }

  /** Sets chunk {@code i}'s address (-1: never written). */
  FixedArrays address(int i, long address) {
    b.putLong(entry(i), address);
    return reseal();
  }

  /** The stored size of filtered chunk {@code i}. */
  long size(int i) {
    long v = 0;
    for (int k = sizeBytes() - 1; k >= 0; k--) {
      v = v << 8 | (data[entry(i) + OFFSETS + k] & 0xFF);
    }
    return v;
  }

  /** Sets the stored size of filtered chunk {@code i}. */
  FixedArrays size(int i, long size) {
    for (int k = 0; k < sizeBytes(); k++) {
      data[entry(i) + OFFSETS + k] = (byte) (size >>> (8 * k));
    }
    return reseal();
  }

  private int sizeBytes() {
    int n = entrySize - OFFSETS - 4;
    if (n <= 0) {
      throw new IllegalStateException("the chunks are not filtered: their index holds no sizes");
    }
    return n;
  }

  private FixedArrays reseal() {
    int checksumAt = block + 4 + 1 + 1 + OFFSETS + entries * entrySize;
    b.putInt(checksumAt, ChecksumUtils.checksum(Arrays.copyOfRange(data, block, checksumAt)));
    return this;
  }
}
