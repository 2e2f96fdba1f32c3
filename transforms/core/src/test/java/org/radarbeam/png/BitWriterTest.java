package org.radarbeam.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * BitWriter packs fields least-significant bit first, pads to bytes and appends whole bytes exactly as a
 * plain bit-by-bit packer does, wherever its buffer has to grow: from the smallest buffer, every kind of
 * write meets the buffer's end at some point of these streams.
 */
class BitWriterTest {

  /** The same writes, one bit at a time. */
  private static final class Reference {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int cur;
    int n;

    void put(int bits, int len) {
      for (int i = 0; i < len; i++) {
        cur |= ((bits >>> i) & 1) << n;
        if (++n == 8) {
          out.write(cur);
          cur = 0;
          n = 0;
        }
      }
    }

    void align() {
      if (n > 0) {
        out.write(cur);
        cur = 0;
        n = 0;
      }
    }
  }

  @Test
  void fieldsPaddingAndBytesPackAsBitByBitAcrossGrowth() {
    for (long seed = 0; seed < 200; seed++) {
      Random r = new Random(seed);
      BitWriter w = new BitWriter(1); // the smallest buffer: 64 bytes
      Reference ref = new Reference();
      int ops = 50 + r.nextInt(400);
      for (int i = 0; i < ops; i++) {
        switch (r.nextInt(6)) {
          case 0, 1, 2 -> {
            int len = 1 + r.nextInt(32);
            int bits = r.nextInt() >>> (32 - len);
            w.put(bits, len);
            ref.put(bits, len);
          }
          case 3 -> {
            w.alignToByte();
            ref.align();
          }
          case 4 -> {
            w.alignToByte();
            ref.align();
            int v = r.nextInt(256);
            w.putByte(v);
            ref.out.write(v);
          }
          default -> {
            w.alignToByte();
            ref.align();
            byte[] b = new byte[r.nextInt(90)];
            r.nextBytes(b);
            w.putBytes(b, 0, b.length);
            ref.out.writeBytes(b);
          }
        }
        assertEquals(8L * ref.out.size() + ref.n, w.bitCount(), "seed " + seed + ", op " + i);
      }
      w.alignToByte();
      ref.align();
      byte[] got = Arrays.copyOf(w.buffer(), w.length());
      assertArrayEquals(ref.out.toByteArray(), got, "seed " + seed);
    }
  }

  @Test
  void resetStartsAnEmptyStreamInTheSameBuffer() {
    BitWriter w = new BitWriter(64);
    w.put(0x1FF, 9);
    w.alignToByte();
    w.reset();
    w.put(0b101, 3);
    w.alignToByte();
    assertEquals(1, w.length());
    assertEquals(0b101, w.buffer()[0]);
  }

  @Test
  void wholeBytesOnlyOnAByteBoundary() {
    BitWriter w = new BitWriter(64);
    w.put(1, 1);
    assertThrows(IllegalStateException.class, () -> w.putByte(7));
    assertThrows(IllegalStateException.class, () -> w.putBytes(new byte[2], 0, 2));
  }
}
