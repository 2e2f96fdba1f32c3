package org.radarbeam.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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

  @Test
  void aFileIsReadWhole() throws IOException {
    byte[] data = random(70_000, 5);
    Path f = Files.write(tmp.resolve("f"), data);
    ReusableBuffer buffer = new ReusableBuffer();
    try (FileChannel ch = FileChannel.open(f)) {
      assertArrayEquals(data, bytes(buffer.read(ch, ch.size(), f.toString())));
    }
  }

  @Test
  void viewsMustStartAtTheArraysStart() {
    assertThrows(IllegalArgumentException.class, () -> ReusableBuffer.array(ByteBuffer.allocateDirect(4)));
    assertThrows(IllegalArgumentException.class, () -> ReusableBuffer.array(ByteBuffer.wrap(new byte[4], 1, 2)));
  }
}
