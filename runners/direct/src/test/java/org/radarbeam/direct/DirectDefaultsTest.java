package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.pipeline.RadarJob;
import org.radarbeam.pipeline.RadarOptions;

/** What radar.jar sets on the Direct runner unless the user says otherwise. */
class DirectDefaultsTest {
  @TempDir Path tmp;

  private DirectOptions direct(String... extra) throws Exception {
    String[] args = new String[extra.length + 3];
    args[0] = "--sources=dwd";
    args[1] = "--input=" + tmp;
    args[2] = "--output=" + tmp.resolve("out");
    System.arraycopy(extra, 0, args, 3, extra.length);
    RadarOptions options = RadarJob.options(args);
    int workers = RadarMain.directDefaults(options, args);
    DirectOptions direct = options.as(DirectOptions.class);
    // the graph deals frames among these threads (Spread.over)
    assertEquals(direct.getTargetParallelism(), workers, "the workers the graph is built for");
    return direct;
  }

  @Test
  void oneWorkerPerCoreForLocalFilesAndNoCopyingChecks() throws Exception {
    DirectOptions d = direct();
    assertEquals(Runtime.getRuntime().availableProcessors(), d.getTargetParallelism());
    assertFalse(d.isEnforceImmutability());
    assertFalse(d.isEnforceEncodability());
    assertFalse(d.isBlockOnRun(), "run() returns at once: the command waits, logging progress");
  }

  /** Downloads wait on the network without a render slot: two threads per core keep every core rendering. */
  @Test
  void twoWorkersPerCoreForFramesOverTheNetwork() throws Exception {
    assertEquals(4, RadarMain.defaultWorkers(RadarJob.options(new String[] {"--sources=dwd"}), 2));
    assertEquals(4, RadarMain.defaultWorkers(RadarJob.options(new String[] {"--sources=dwd",
        "--input=s3://raw/{source}/*"}), 2));
    assertEquals(2, RadarMain.defaultWorkers(RadarJob.options(new String[] {"--sources=dwd", "--input=" + tmp}), 2));
    assertEquals(RadarMain.MAX_WORKERS, RadarMain.defaultWorkers(RadarJob.options(new String[] {"--sources=dwd"}), 512));
  }

  @Test
  void whatTheUserGivesWins() throws Exception {
    DirectOptions d = direct("--targetParallelism=3", "--enforceImmutability=true", "--enforceEncodability=true");
    assertEquals(3, d.getTargetParallelism());
    assertTrue(d.isEnforceImmutability());
    assertTrue(d.isEnforceEncodability());
  }

  /**
   * Each worker thread keeps one input, and their inputs share a quarter of the heap: threads that would leave
   * each less than a frame may need are refused before any work, with the most the heap allows.
   */
  @Test
  void moreThreadsThanTheHeapHoldsInputsForAreRefused() throws Exception {
    long heap = Runtime.getRuntime().maxMemory();
    int most = (int) (heap / 4 / RadarMain.MIN_INPUT_SHARE);
    assertTrue(most < RadarMain.MAX_WORKERS, "a heap of " + heap + " bytes holds the inputs of every thread count");
    try {
      RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + tmp, "--output=" + tmp.resolve("out"),
          "--targetParallelism=" + RadarMain.MAX_WORKERS);
      assertEquals(2, r.status, r.stdout + r.stderr);
      assertTrue(r.stderr.contains("radarbeam: invalid options: --targetParallelism=" + RadarMain.MAX_WORKERS
          + " leaves each worker thread "), r.stderr);
      assertTrue(r.stderr.contains("use at most " + most + " threads, or a larger heap"), r.stderr);
      assertFalse(java.nio.file.Files.exists(tmp.resolve("out")), "no work started");
      // as many as the heap holds: accepted, each input's share shrunk to fit
      assertEquals(most, direct("--targetParallelism=" + most).getTargetParallelism());
      assertTrue(HeapLimits.maxInputBytes() >= RadarMain.MIN_INPUT_SHARE);
      assertTrue(HeapLimits.inputShare().endsWith(", shared by " + most + " worker threads"), HeapLimits.inputShare());
    } finally {
      HeapLimits.workerThreads(0); // as the other tests of this JVM expect it
    }
  }

  /** An empty value (a ConfigMap's unset RADAR_PARALLELISM) means the default, as for every option. */
  @Test
  void anEmptyValueIsTheDefault() throws Exception {
    DirectOptions d = direct("--targetParallelism=", "--enforceImmutability=", "--enforceEncodability= ");
    assertEquals(Runtime.getRuntime().availableProcessors(), d.getTargetParallelism());
    assertFalse(d.isEnforceImmutability());
    assertFalse(d.isEnforceEncodability());
  }

  @Test
  void aTimeoutToo() throws Exception {
    assertFalse(direct("--timeout=PT4M").isBlockOnRun());
  }
}
