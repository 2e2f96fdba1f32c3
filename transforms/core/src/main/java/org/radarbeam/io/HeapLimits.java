package org.radarbeam.io;

/**
 * How large the buffers of one frame may be in this JVM. A buffer the heap cannot hold is refused
 * as too large before it is allocated: bad input must end as a failure record, never as an
 * OutOfMemoryError, which the container image's {@code -XX:+ExitOnOutOfMemoryError} turns into the
 * end of the whole run.
 *
 * <p>The shares leave room for one render slot per core and two worker threads per core (see
 * {@code RenderSlots}): each thread keeps its input bytes between frames, each slot its frame
 * grid, and an input array may briefly exist twice while it grows. On up to two cores an input may
 * take a sixteenth of the heap and a grid a quarter; with more cores both shrink in step, so that
 * the inputs of all threads stay within a quarter of the heap and the grids of all slots within half.
 * A runner that gives a JVM more worker threads than that ({@link #workerThreads}) shrinks the input
 * share in step with them.
 */
public final class HeapLimits {
  /** Input bodies, inflated ZIP members, unshuffled HDF5 chunks: a sixteenth of the heap each, on two cores. */
  static final int INPUT_SHARE = 16;
  /** The frame grid (one byte per pixel): a quarter of the heap, on two cores. */
  static final int GRID_SHARE = 4;

  /** The worker threads of this JVM that keep an input each, where a runner says; 0: two per core. */
  private static volatile int workerThreads;

  private HeapLimits() {}

  /**
   * Tells how many worker threads of this JVM keep an input each (the Direct runner's
   * --targetParallelism): more than two per core shrink each input's share, so that all of them still
   * fit a quarter of the heap.
   */
  public static void workerThreads(int threads) {
    workerThreads = threads;
  }

  /** The most bytes one input, one inflated ZIP member or one HDF5 chunk may hold in memory. */
  public static long maxInputBytes() {
    return maxInputBytes(workerThreads);
  }

  /** The most bytes one input may hold in this JVM with {@code threads} worker threads. */
  public static long maxInputBytes(int threads) {
    return Math.min(ReusableBuffer.MAX_INPUT_BYTES, heap() / inputDivisor(cores(), threads));
  }

  /**
   * The most bytes of one provider index page: half an input's share. A page is read, and kept as
   * text while its names are read, by a discovery that runs beside the frames other sources render.
   */
  public static long maxPageBytes() {
    return maxInputBytes() / 2;
  }

  /**
   * The most frame names kept from one index page: one per 4 KiB of heap (32768 in a heap of 128
   * MiB), where a provider's folder lists a few hundred; each kept name costs about 150 bytes.
   */
  public static int maxIndexNames() {
    return (int) Math.min(1_000_000, Math.max(1024, heap() / 4096));
  }

  /**
   * The most keys one object-store listing may hold: one per 2 KiB of heap (65536 in a heap of 128
   * MiB, 131072 in the CronJob's 256), a few percent of it at about 150 bytes a key. A day of a
   * source's 5-minute frames is 288 keys.
   */
  public static long maxListedKeys() {
    return Math.max(10_000, heap() / 2048);
  }

  /** The most bytes the grid of one frame (one byte per pixel) may take. */
  public static long maxGridBytes() {
    return heap() / gridDivisor(cores());
  }

  /** What {@link #maxInputBytes} is, for messages: "a sixteenth of this JVM's 247 MiB heap". */
  public static String inputShare() {
    long divisor = inputDivisor(cores(), workerThreads);
    return share(divisor) + " of this JVM's " + mib(heap()) + " heap"
        + (divisor > inputDivisor(cores()) ? ", shared by " + workerThreads + " worker threads" : "");
  }

  /**
   * What {@link #maxListedKeys} is, for the messages of a listing past it: "the most one listing holds in
   * this JVM's 247 MiB heap".
   */
  public static String listingShare() {
    return "the most one listing holds in this JVM's " + mib(heap()) + " heap";
  }

  /** What {@link #maxGridBytes} is, for messages: "a quarter of this JVM's 247 MiB heap". */
  public static String gridShare() {
    return share(gridDivisor(cores())) + " of this JVM's " + mib(heap()) + " heap";
  }

  /** {@code bytes} in MiB, rounded down, e.g. "247 MiB". */
  public static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }

  /** The heap is divided by this for one input on {@code cores} cores: 16 on up to two, 32 on three or four... */
  static long inputDivisor(int cores) {
    return (long) INPUT_SHARE * pairs(cores);
  }

  /**
   * As {@link #inputDivisor(int)}, for {@code threads} worker threads (0: two per core): four times the
   * threads where they are more, so that their inputs stay within a quarter of the heap.
   */
  static long inputDivisor(int cores, int threads) {
    return Math.max(inputDivisor(cores), 4L * threads);
  }

  /** The heap is divided by this for one frame grid on {@code cores} cores: 4 on up to two, 8 on three or four... */
  static long gridDivisor(int cores) {
    return (long) GRID_SHARE * pairs(cores);
  }

  private static long pairs(int cores) {
    return Math.max(1, (cores + 1) / 2);
  }

  private static String share(long divisor) {
    return divisor == 16 ? "a sixteenth" : divisor == 4 ? "a quarter" : "1/" + divisor;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static long heap() {
    return Runtime.getRuntime().maxMemory();
  }
}
