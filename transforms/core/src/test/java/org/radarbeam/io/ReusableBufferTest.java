package org.radarbeam.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's input buffer: exact views, growth only for a larger input, bounded reads. */
class ReusableBufferTest {
  @TempDir Path tmp;

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] bytes(ByteBuffer view) {
    return Arrays.copyOf(ReusableBuffer.array(view), view.limit());
  }

  /** One kept input per worker thread, whatever steps it runs; another thread's is its own. */
  @Test
  void eachThreadKeepsOneBuffer() throws Exception {
    ReusableBuffer mine = ReusableBuffer.ofThisThread();
    assertSame(mine, ReusableBuffer.ofThisThread());
    byte[] data = random(100_000, 3);
    ByteBuffer view = mine.read(new ByteArrayInputStream(data), data.length, 1 << 20, "a");
    ReusableBuffer[] other = new ReusableBuffer[1];
    Thread t = new Thread(() -> {
      other[0] = ReusableBuffer.ofThisThread();
      try {
        other[0].read(new ByteArrayInputStream(random(50_000, 4)), -1, 1 << 20, "b");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    t.start();
    t.join();
    assertTrue(other[0] != mine);
    assertArrayEquals(data, bytes(view), "another thread's read leaves this thread's bytes alone");
  }

  @Test
  void aStreamIsReadWholeWithOrWithoutItsLength() throws IOException {
    ReusableBuffer buffer = new ReusableBuffer();
    byte[] data = random(200_000, 1);
    assertArrayEquals(data, bytes(buffer.read(new ByteArrayInputStream(data), data.length, 1 << 20, "a")));
    assertArrayEquals(data, bytes(buffer.read(new ByteArrayInputStream(data), -1, 1 << 20, "b")));
    assertEquals(0, buffer.read(new ByteArrayInputStream(new byte[0]), -1, 10, "empty").limit());
  }

  @Test
  void theArrayIsKeptForInputsThatFit() throws IOException {
    ReusableBuffer buffer = new ReusableBuffer();
    ByteBuffer first = buffer.read(new ByteArrayInputStream(random(300_000, 2)), 300_000, 1 << 20, "a");
    byte[] array = first.array();
    int capacity = buffer.capacity();
    byte[] smaller = random(120_000, 3);
    ByteBuffer second = buffer.read(new ByteArrayInputStream(smaller), -1, 1 << 20, "b");
    assertSame(array, second.array(), "no new array for a smaller input");
    assertEquals(capacity, buffer.capacity());
    assertArrayEquals(smaller, bytes(second));
  }

  @Test
  void moreThanTheLimitIsRefusedWhetherAnnouncedOrNot() {
    ReusableBuffer buffer = new ReusableBuffer();
    byte[] data = random(1000, 4);
    TooLargeException announced = assertThrows(TooLargeException.class,
        () -> buffer.read(new ByteArrayInputStream(data), 1000, 999, "GET x"));
    assertEquals("GET x is 1000 bytes, above the 999-byte limit", announced.getMessage());
    TooLargeException sent = assertThrows(TooLargeException.class,
        () -> buffer.read(new ByteArrayInputStream(data), -1, 999, "GET x"));
    assertEquals("GET x sent more than 999 bytes", sent.getMessage());
    assertTrue(buffer.capacity() <= 1000, "never more than the limit + 1 is held: " + buffer.capacity());
  }

  /** Whatever limit the caller gives, no input larger than a sixteenth of the heap is held. */
  @Test
  void anInputTheHeapCannotSpareIsRefusedAnnouncedOrNot() throws IOException {
    long heapMax = HeapLimits.maxInputBytes();
    assumeTrue(heapMax < ReusableBuffer.MAX_INPUT_BYTES, "a heap of 4 GiB or more lets the 512 MiB limit bind first");
    ReusableBuffer buffer = new ReusableBuffer();
    String limit = "the " + heapMax + "-byte limit (" + HeapLimits.inputShare() + ")";
    TooLargeException announced = assertThrows(TooLargeException.class,
        () -> buffer.read(InputStream.nullInputStream(), heapMax + 1, ReusableBuffer.MAX_INPUT_BYTES, "GET x"));
    assertEquals("GET x is " + (heapMax + 1) + " bytes, above " + limit, announced.getMessage());
    assertEquals(0, buffer.capacity(), "nothing allocated for an announced body");

    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        Arrays.fill(b, off, off + len, (byte) 0);
        return len;
      }
    };
    TooLargeException sent = assertThrows(TooLargeException.class,
        () -> buffer.read(endless, -1, ReusableBuffer.MAX_INPUT_BYTES, "GET x"));
    assertEquals("GET x sent more than " + heapMax + " bytes (" + HeapLimits.inputShare() + ")", sent.getMessage());
    assertEquals(0, buffer.capacity(), "the refused body's array is not kept");
    byte[] small = random(1000, 6);
    assertArrayEquals(small, bytes(buffer.read(new ByteArrayInputStream(small), -1, ReusableBuffer.MAX_INPUT_BYTES, "b")));
  }

  @Test
  void aFileIsReadWhole() throws IOException {
    byte[] data = random(70_000, 5);
    Path f = Files.write(tmp.resolve("f"), data);
    ReusableBuffer buffer = new ReusableBuffer();
    try (FileChannel ch = FileChannel.open(f)) {
      assertArrayEquals(data, bytes(buffer.read(ch, ch.size(), f.toString())));
    }
  }

  /** A file cut short after its size was taken (another process truncating it) fails the read, saying how much came. */
  @Test
  void aFileThatShrinksWhileItIsReadFailsTheRead() throws IOException {
    Path f = tmp.resolve("shrinking.h5");
    Files.write(f, random(1000, 5));
    try (FileChannel ch = FileChannel.open(f)) {
      long size = ch.size();
      try (FileChannel cut = FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
        cut.truncate(400);
      }
      IOException e = assertThrows(IOException.class, () -> new ReusableBuffer().read(ch, size, f.toString()));
      assertEquals(f + " ended after 400 of 1000 bytes while reading", e.getMessage());
    }
  }

  @Test
  void viewsMustStartAtTheArraysStart() {
    assertThrows(IllegalArgumentException.class, () -> ReusableBuffer.array(ByteBuffer.allocateDirect(4)));
    assertThrows(IllegalArgumentException.class, () -> ReusableBuffer.array(ByteBuffer.wrap(new byte[4], 1, 2)));
  }
}
