package org.radarbeam.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Every stream the run-length encoder makes inflates with java.util.zip.Inflater to exactly its input. */
class RleDeflaterTest {

  /** Inflates a complete zlib stream (Adler-32 checked by the Inflater), which must hold exactly {@code size} bytes. */
  static byte[] inflate(byte[] z, int off, int len, int size) {
    Inflater inf = new Inflater();
    try {
      inf.setInput(z, off, len);
      byte[] out = new byte[size + 1];
      int n = 0;
      while (!inf.finished() && n < out.length) {
        int m = inf.inflate(out, n, out.length - n);
        assertTrue(m > 0 || inf.finished(), "zlib stream ends early after " + n + " bytes");
        n += m;
      }
      assertTrue(inf.finished(), "zlib stream complete");
      assertEquals(0, inf.getRemaining(), "no bytes after the Adler-32");
      assertEquals(size, n, "inflated length");
      return Arrays.copyOf(out, n);
    } catch (DataFormatException e) {
      throw new AssertionError("invalid zlib stream: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }

  /** Compresses {@code data} fed in pieces of {@code piece} bytes (rows) and checks the stream. */
  static byte[] roundTrip(RleDeflater d, byte[] data, int piece) {
    d.reset();
    for (int off = 0; off < data.length; off += piece) {
      d.write(data, off, Math.min(piece, data.length - off));
    }
    d.finish();
    byte[] z = Arrays.copyOf(d.buffer(), d.length());
    assertEquals(0x78, z[0] & 0xFF, "CMF: deflate, 32 KiB window");
    assertEquals(0, ((z[0] & 0xFF) << 8 | (z[1] & 0xFF)) % 31, "FCHECK");
    assertEquals(0, z[1] & 0x20, "no preset dictionary");
    Adler32 adler = new Adler32();
    adler.update(data);
    int trailer = (z[z.length - 4] & 0xFF) << 24 | (z[z.length - 3] & 0xFF) << 16 | (z[z.length - 2] & 0xFF) << 8
        | (z[z.length - 1] & 0xFF);
    assertEquals((int) adler.getValue(), trailer, "Adler-32 trailer");
    assertArrayEquals(data, inflate(z, 0, z.length, data.length), data.length + " bytes in pieces of " + piece);
    return z;
  }

  static byte[] roundTrip(byte[] data) {
    return roundTrip(new RleDeflater(), data, Math.max(1, data.length));
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Runs of exactly {@code len} bytes each, alternating between two values. */
  static byte[] runsOf(int len, int runs) {
    byte[] b = new byte[len * runs];
    for (int r = 0; r < runs; r++) {
      Arrays.fill(b, r * len, (r + 1) * len, (byte) (r % 2 == 0 ? 0 : 7 + r % 5));
    }
    return b;
  }

  @Test
  void emptyAndOneByteStreams() {
    roundTrip(new byte[0]);
    roundTrip(new byte[] {0});
    roundTrip(new byte[] {(byte) 0xFF});
    roundTrip(new byte[] {2, 2});
    roundTrip(new byte[] {2, 2, 2});
    roundTrip(new byte[] {2, 2, 2, 2});
  }

  @Test
  void randomBytesOfManySizes() {
    RleDeflater d = new RleDeflater();
    long seed = 1;
    for (int n : new int[] {1, 2, 3, 10, 100, 1000, 65_535, 65_536, 65_537, 200_000}) {
      for (int piece : new int[] {1, 7, 4401, n}) {
        roundTrip(d, random(n, seed++), Math.max(1, piece));
      }
    }
  }

  @Test
  void allZeroAndAllSameBytes() {
    RleDeflater d = new RleDeflater();
    for (int v : new int[] {0, 1, 0x7F, 0x80, 0xFF}) {
      for (int n : new int[] {1, 2, 3, 4, 258, 259, 260, 261, 516, 517, 1_000_000}) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        for (int piece : new int[] {1, 3, 257, 4401, n}) {
          roundTrip(d, b, piece);
        }
      }
    }
    byte[] zeros = new byte[4_000_000];
    byte[] z = roundTrip(d, zeros, 4401);
    // one 258-byte match per 2 bits: a one-bit length code and a one-bit distance code
    assertTrue(z.length < 4_000_000 / 258 * 2 / 8 + 100, "4 MB of zeros in " + z.length + " bytes");
  }

  @Test
  void alternatingBytes() {
    RleDeflater d = new RleDeflater();
    for (int period : new int[] {2, 3, 5}) {
      byte[] b = new byte[100_000];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (i % period == 0 ? 0xAA : 0x55 + i % period);
      }
      for (int piece : new int[] {1, 2, 1001, b.length}) {
        roundTrip(d, b, piece);
      }
    }
  }

  @Test
  void runsOfEveryLengthUpTo260AcrossRowBoundaries() {
    RleDeflater d = new RleDeflater();
    for (int len = 1; len <= 260; len++) {
      byte[] b = runsOf(len, 40);
      // pieces that end inside runs, at run ends, and one byte after them
      for (int piece : new int[] {1, 2, 3, len, len + 1, 3 * len - 1, 257, 259, b.length}) {
        roundTrip(d, b, Math.max(1, piece));
      }
    }
  }

  @Test
  void longRunsAroundMultiplesOf258() {
    RleDeflater d = new RleDeflater();
    for (int k = 1; k <= 4; k++) {
      for (int extra = -3; extra <= 3; extra++) {
        int len = 258 * k + extra;
        byte[] b = new byte[2 + len + 1];
        b[0] = 9;
        Arrays.fill(b, 1, 1 + len + 1, (byte) 4);
        b[b.length - 1] = 9;
        for (int piece : new int[] {1, 258, 259, 100, b.length}) {
          roundTrip(d, b, piece);
        }
      }
    }
  }

  @Test
  void manyBlocks() {
    Random rnd = new Random(3);
    byte[] b = new byte[300_000];
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextInt(4) != 0 && i > 0 ? b[i - 1] : (byte) rnd.nextInt(6);
    }
    for (int tokens : new int[] {1, 2, 3, 7, 100, 4096}) {
      RleDeflater d = new RleDeflater(tokens);
      roundTrip(d, b, 4401);
      int blocks = d.blocks(DeflateBlockWriter.STORED) + d.blocks(DeflateBlockWriter.FIXED)
          + d.blocks(DeflateBlockWriter.DYNAMIC);
      assertTrue(blocks >= 30_000 / tokens, tokens + " tokens per block: " + blocks + " blocks");
    }
  }

  @Test
  void tinyInputsTakeTheFixedCode() {
    RleDeflater d = new RleDeflater();
    roundTrip(d, new byte[] {1, 2, 3, 4, 5, 6, 6, 6, 6, 6}, 3);
    assertEquals(1, d.blocks(DeflateBlockWriter.FIXED));
    assertEquals(0, d.blocks(DeflateBlockWriter.DYNAMIC) + d.blocks(DeflateBlockWriter.STORED));
  }

  @Test
  void incompressibleBlocksAreStored() {
    RleDeflater d = new RleDeflater(10_000);
    byte[] b = random(100_000, 5);
    byte[] z = roundTrip(d, b, 4401);
    assertEquals(10, d.blocks(DeflateBlockWriter.STORED));
    assertTrue(z.length <= b.length + 10 * 5 + 6, "stored stream " + z.length + " bytes");

    // one block of 150 000 random bytes: three stored blocks of at most 65 535 bytes
    RleDeflater big = new RleDeflater(200_000);
    roundTrip(big, random(150_000, 6), 150_000);
    assertEquals(1, big.blocks(DeflateBlockWriter.STORED));
  }

  @Test
  void aStoredBlockRebuildsTheRunsAmongItsTokens() {
    // noise with a short run every 2000 bytes: the runs are match tokens, yet the block is cheapest stored,
    // so its bytes are rebuilt from literals and runs alike
    byte[] b = random(60_000, 11);
    for (int at = 1000; at + 6 < b.length; at += 2000) {
      Arrays.fill(b, at, at + 3 + at % 4, b[at - 1]);
    }
    RleDeflater d = new RleDeflater(10_000);
    byte[] z = roundTrip(d, b, 4401);
    assertTrue(d.blocks(DeflateBlockWriter.STORED) >= 5, "stored blocks " + d.blocks(DeflateBlockWriter.STORED));
    assertTrue(z.length <= b.length + 7 * 5 + 6, "stored stream " + z.length + " bytes");
  }

  @Test
  void storedAndDynamicBlocksMixInOneStream() {
    // noise, then a repeating pattern of runs: 6 tokens per 12 bytes
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(random(20_000, 8));
    for (int i = 0; i < 20_000; i++) {
      s.writeBytes(new byte[] {(byte) (i % 3), (byte) (i % 3), (byte) (i % 3), 5, 6, 6, 6, 6, 6, 6, 6, 6});
    }
    byte[] b = s.toByteArray();
    RleDeflater d = new RleDeflater(4096);
    roundTrip(d, b, 4401);
    assertTrue(d.blocks(DeflateBlockWriter.STORED) >= 4, "stored blocks " + d.blocks(DeflateBlockWriter.STORED));
    assertTrue(d.blocks(DeflateBlockWriter.DYNAMIC) >= 25, "dynamic blocks " + d.blocks(DeflateBlockWriter.DYNAMIC));
  }

  @Test
  void manySmallBlocksTakeTheFixedCode() {
    byte[] b = new byte[1000];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 7 + i / 10);
    }
    RleDeflater d = new RleDeflater(5);
    roundTrip(d, b, 33);
    assertEquals(200, d.blocks(DeflateBlockWriter.FIXED));
  }

  @Test
  void matchAtTheStartOfABlockRepeatsTheLastByteOfAStoredBlock() {
    // block 1 (random) is stored; block 2 begins inside a run that started in block 1
    byte[] b = new byte[5000];
    System.arraycopy(random(1000, 9), 0, b, 0, 1000);
    Arrays.fill(b, 1000, b.length, b[999]);
    for (int tokens = 995; tokens <= 1000; tokens++) { // 1000: block 2 starts with the match
      RleDeflater d = new RleDeflater(tokens);
      roundTrip(d, b, 333);
      assertEquals(1, d.blocks(DeflateBlockWriter.STORED), tokens + " tokens per block");
    }
  }

  @Test
  void reusedEncoderIsDeterministicAndForgetsThePreviousStream() {
    RleDeflater d = new RleDeflater();
    byte[] small = runsOf(5, 100);
    byte[] first = roundTrip(d, small, 17);
    roundTrip(d, random(500_000, 10), 4401);
    roundTrip(d, new byte[3_000_000], 4401);
    assertArrayEquals(first, roundTrip(d, small, 17));
    assertArrayEquals(first, roundTrip(d, small, 500), "rows do not change the stream");
  }

  @Test
  void writingAfterFinishIsRefused() {
    RleDeflater d = new RleDeflater();
    d.write(new byte[] {1, 2}, 0, 2);
    d.finish();
    assertThrows(IllegalStateException.class, () -> d.write(new byte[] {1}, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new RleDeflater(0));
  }
}
