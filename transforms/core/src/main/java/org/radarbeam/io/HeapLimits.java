package org.radarbeam.io;

/**
 * How large the buffers of one frame may be in this JVM. A buffer the heap cannot hold is refused
 * as too large before it is allocated: bad input must end as a failure record, never as an
 * OutOfMemoryError, which the container image's {@code -XX:+ExitOnOutOfMemoryError} turns into the
 * end of the whole run.
 *
 * <p>The shares leave room for one render slot per core and two worker threads per core (see
 * {@code RenderSlots}): each thread keeps its input bytes between frames, each slot its frame
 * grid, and an input array may briefly exist twice while it grows.
 */
public final class HeapLimits {
  /** Input bodies, inflated ZIP members, unshuffled HDF5 chunks: a sixteenth of the heap each. */
  static final int INPUT_SHARE = 16;
  /** The frame grid (one byte per pixel): a quarter of the heap. */
  static final int GRID_SHARE = 4;

  private HeapLimits() {}

  /** The most bytes one input, one inflated ZIP member or one HDF5 chunk may hold in memory. */
  public static long maxInputBytes() {
    return Math.min(ReusableBuffer.MAX_INPUT_BYTES, heap() / INPUT_SHARE);
  }

  /** The most bytes the grid of one frame (one byte per pixel) may take. */
  public static long maxGridBytes() {
    return heap() / GRID_SHARE;
  }

  /** What {@link #maxInputBytes} is, for messages: "a sixteenth of this JVM's 247 MiB heap". */
  public static String inputShare() {
    return "a sixteenth of this JVM's " + mib(heap()) + " heap";
  }

  /** What {@link #maxGridBytes} is, for messages: "a quarter of this JVM's 247 MiB heap". */
  public static String gridShare() {
    return "a quarter of this JVM's " + mib(heap()) + " heap";
  }

  /** {@code bytes} in MiB, rounded down, e.g. "247 MiB". */
  public static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }

  private static long heap() {
    return Runtime.getRuntime().maxMemory();
  }
}
