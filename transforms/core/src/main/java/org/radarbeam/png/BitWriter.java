package org.radarbeam.png;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Packs bit fields least-significant bit first, as deflate stores them, into a byte array kept
 * across streams (grown, never shrunk). Fields collect in a 64-bit accumulator that is written out
 * 32 bits at a time.
 */
final class BitWriter {
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf;
  private int pos;
  private long acc;
  private int nbits;

  BitWriter(int capacity) {
    buf = new byte[Math.max(capacity, 64)];
  }

  /** Starts a new stream in the same buffer. */
  void reset() {
    pos = 0;
    acc = 0;
    nbits = 0;
  }

  /** Appends the low {@code len} bits of {@code bits} ({@code len <= 32}; higher bits must be 0). */
  void put(int bits, int len) {
    acc |= (bits & 0xFFFFFFFFL) << nbits;
    nbits += len;
    if (nbits >= 32) {
      if (pos + 4 > buf.length) {
        grow(4);
      }
      INT_LE.set(buf, pos, (int) acc);
      pos += 4;
      acc >>>= 32;
      nbits -= 32;
    }
  }

  /** Appends the tokens {@code tokens[0 .. n)} through a table of codes and code lengths per token. */
  void putAll(char[] tokens, int n, int[] codes, int[] lengths) {
    // put() with the state in locals: this loop writes every compressed bit of a block
    long a = acc;
    int k = nbits;
    int p = pos;
    byte[] b = buf;
    for (int i = 0; i < n; i++) {
      int t = tokens[i];
      a |= (codes[t] & 0xFFFFFFFFL) << k;
      k += lengths[t];
      if (k >= 32) {
        if (p + 4 > b.length) {
          pos = p;
          grow(4);
          b = buf;
        }
        INT_LE.set(b, p, (int) a);
        p += 4;
        a >>>= 32;
        k -= 32;
      }
    }
    acc = a;
    nbits = k;
    pos = p;
  }

  /** Bits written so far in the stream. */
  long bitCount() {
    return 8L * pos + nbits;
  }

  /** Pads with zero bits to a byte boundary and writes out the accumulator. */
  void alignToByte() {
    int bytes = (nbits + 7) >>> 3;
    if (pos + bytes > buf.length) {
      grow(bytes);
    }
    for (int i = 0; i < bytes; i++) {
      buf[pos++] = (byte) acc;
      acc >>>= 8;
    }
    acc = 0;
    nbits = 0;
  }

  /** Appends whole bytes; only on a byte boundary. */
  void putBytes(byte[] src, int off, int len) {
    if (nbits != 0) {
      throw new IllegalStateException("not on a byte boundary");
    }
    if (pos + len > buf.length) {
      grow(len);
    }
    System.arraycopy(src, off, buf, pos, len);
    pos += len;
  }

  /** Appends one byte; only on a byte boundary. */
  void putByte(int v) {
    if (nbits != 0) {
      throw new IllegalStateException("not on a byte boundary");
    }
    if (pos + 1 > buf.length) {
      grow(1);
    }
    buf[pos++] = (byte) v;
  }

  /** The bytes written: {@code buffer()[0 .. length())}, complete after {@link #alignToByte()}. */
  byte[] buffer() {
    return buf;
  }

  int length() {
    return pos;
  }

  private void grow(int more) {
    long need = (long) pos + more;
    if (need > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("compressed stream exceeds 2 GiB");
    }
    buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
  }
}
