package org.radarbeam.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The bytes of one input at a time, in an array kept for the next one: a worker reads every frame
 * into its own buffer, so once the buffer has grown to the largest input seen, reading a frame
 * allocates nothing (a 2.6 MB array per frame would otherwise be garbage, and a humongous object
 * for G1 in a small heap). Not thread-safe: one per worker thread ({@link #ofThisThread}).
 *
 * <p>The views it returns are array-backed with position 0 and array offset 0 ({@link #array}) and
 * stay valid until the next read.
 */
public final class ReusableBuffer {
  /**
   * The most bytes radarbeam reads as one input or object, from a file, a provider or S3: no radar
   * composite comes near this, so a larger body is not one (or comes from a runaway server).
   */
  public static final long MAX_INPUT_BYTES = 512L << 20;

  private static final int FIRST_SIZE = 1 << 16;

  /** Each worker thread's one kept input, whatever steps it runs: {@link HeapLimits} counts one per thread. */
  private static final ThreadLocal<ReusableBuffer> THREADS = ThreadLocal.withInitial(ReusableBuffer::new);

  private byte[] array = new byte[0];

  /**
   * This thread's buffer. Every step that keeps an input between elements reads into it, rather than into a
   * buffer of each step's own (a runner keeps an instance of each step per thread, and each would keep its
   * largest input). A view of it is valid until the thread's next read, so a step reads, decodes and is done
   * with the bytes before it outputs anything: a runner may run the next step inside that call, on this thread.
   */
  public static ReusableBuffer ofThisThread() {
    return THREADS.get();
  }

  /**
   * Reads {@code in} to its end, replacing what the buffer held.
   *
   * @param expected the announced length, or -1 if unknown (it only sizes the buffer)
   * @throws TooLargeException if {@code in} holds more than {@code max} bytes, or more than this
   *     JVM's heap allows for one input ({@link HeapLimits#maxInputBytes}); nothing larger is allocated
   */
  public ByteBuffer read(InputStream in, long expected, long max, String what) throws IOException {
    long heapMax = HeapLimits.maxInputBytes();
    String limit = heapMax < max ? " (" + HeapLimits.inputShare() + ")" : "";
    max = Math.min(max, heapMax);
    if (expected > max) {
      throw new TooLargeException(what + " is " + expected + " bytes, above the " + max + "-byte limit" + limit);
    }
    ensure(expected >= 0 ? (int) Math.min(expected + 1, max + 1) : (int) Math.min(FIRST_SIZE, max + 1));
    int n = 0;
    while (true) {
      if (n == array.length) {
        if (n > max) {
          throw refused(what + " sent more than " + max + " bytes" + limit);
        }
        array = Arrays.copyOf(array, (int) Math.min(Math.max(2L * n, FIRST_SIZE), max + 1));
      }
      int r = in.read(array, n, array.length - n);
      if (r < 0) {
        return ByteBuffer.wrap(array, 0, n);
      }
      n += r;
      if (n > max) {
        throw refused(what + " sent more than " + max + " bytes" + limit);
      }
    }
  }

  /** A refused body leaves no array of its size behind for the worker to keep. */
  private TooLargeException refused(String message) {
    array = new byte[0];
    return new TooLargeException(message);
  }

  /** Reads the whole of {@code ch} ({@code size} bytes, checked by the caller against its limit). */
  public ByteBuffer read(FileChannel ch, long size, String what) throws IOException {
    ensure((int) size);
    ByteBuffer buf = ByteBuffer.wrap(array, 0, (int) size);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new IOException(what + " ended after " + buf.position() + " of " + size + " bytes while reading");
      }
    }
    return ByteBuffer.wrap(array, 0, (int) size);
  }

  /** The bytes currently held: {@code capacity} of them, the last read's first. */
  public int capacity() {
    return array.length;
  }

  /** The array behind a view this class (or {@link ByteBuffer#wrap(byte[])}) made, checked to start at 0. */
  public static byte[] array(ByteBuffer view) {
    if (!view.hasArray() || view.arrayOffset() != 0 || view.position() != 0) {
      throw new IllegalArgumentException("expected an array-backed view from position 0");
    }
    return view.array();
  }

  private void ensure(int size) {
    if (array.length < size) {
      array = new byte[size];
    }
  }
}
