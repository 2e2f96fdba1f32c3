package org.radarbeam.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The buffers of all worker threads and render slots together fit the heap, on any number of cores. */
class HeapLimitsTest {
  @Test
  void sharesShrinkWithTheCores() {
    int[] cores = {1, 2, 3, 4, 8, 16};
    long[] input = {16, 16, 32, 32, 64, 128};
    long[] grid = {4, 4, 8, 8, 16, 32};
    for (int i = 0; i < cores.length; i++) {
      assertEquals(input[i], HeapLimits.inputDivisor(cores[i]), cores[i] + " cores");
      assertEquals(grid[i], HeapLimits.gridDivisor(cores[i]), cores[i] + " cores");
    }
  }

  @Test
  void allThreadsInputsStayWithinAQuarterAndAllSlotsGridsWithinHalfTheHeap() {
    for (int cores = 1; cores <= 256; cores++) {
      // two worker threads per core, each keeping its input; one render slot per core, each its grid
      assertTrue(2.0 * cores / HeapLimits.inputDivisor(cores) <= 0.25, cores + " cores");
      assertTrue((double) cores / HeapLimits.gridDivisor(cores) <= 0.5, cores + " cores");
    }
  }

  /** More worker threads than two per core shrink each input's share, so that all inputs stay within a quarter. */
  @Test
  void moreWorkerThreadsShrinkTheInputShare() {
    assertEquals(16, HeapLimits.inputDivisor(2, 0), "two per core, as by default");
    assertEquals(16, HeapLimits.inputDivisor(2, 4));
    assertEquals(64, HeapLimits.inputDivisor(2, 16));
    assertEquals(128, HeapLimits.inputDivisor(4, 32));
    for (int threads = 1; threads <= 256; threads++) {
      for (int cores = 1; cores <= 16; cores++) {
        assertTrue((double) threads / HeapLimits.inputDivisor(cores, threads) <= 0.25, threads + " threads");
      }
    }
    assertEquals(HeapLimits.maxInputBytes(), HeapLimits.maxInputBytes(0));
    assertTrue(HeapLimits.maxInputBytes(64) < HeapLimits.maxInputBytes(0));
  }

  @Test
  void messagesNameTheShare() {
    String input = HeapLimits.inputShare();
    assertTrue(input.matches("(a sixteenth|1/\\d+) of this JVM's \\d+ MiB heap"), input);
    String grid = HeapLimits.gridShare();
    assertTrue(grid.matches("(a quarter|1/\\d+) of this JVM's \\d+ MiB heap"), grid);
  }
}
