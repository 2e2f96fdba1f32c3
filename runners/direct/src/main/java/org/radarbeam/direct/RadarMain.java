package org.radarbeam.direct;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.pipeline.Args;
import org.radarbeam.pipeline.LogSettings;
import org.radarbeam.pipeline.RadarCommand;
import org.radarbeam.pipeline.RadarOptions;
import org.radarbeam.pipeline.RunStop;
import org.radarbeam.store.LocalFileStore;

/**
 * Entry point of radar.jar: {@code java -jar radar.jar [options]} runs radarbeam on the Direct
 * runner and exits with the run's status ({@link org.radarbeam.pipeline.ExitStatus}).
 */
public final class RadarMain {
  /** More worker threads than this only multiply input buffers: each holds one input while it waits for a core. */
  static final int MAX_WORKERS = 256;
  /** The least input share a worker thread may be left: the largest real input is about 3 MiB. */
  static final long MIN_INPUT_SHARE = 4L << 20;

  private RadarMain() {}

  public static void main(String[] args) {
    LogSettings.apply(args); // before the first logger exists
    CompilerDirectives.addInBackground(); // while the options are parsed and the graph is built
    // --timeout exits mid-write; SIGTERM or Ctrl-C stops the run, whose summary and report come first
    LocalFileStore.deleteTemporaryFilesOnExit(RunStop::onExit);
    System.exit(run(args, System.out, System.err));
  }

  /** Runs radarbeam for {@code args} on the Direct runner and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return RadarCommand.run(args, out, err, options -> directDefaults(options, args));
  }

  /**
   * Worker threads when the user gives none. At most one frame per core is decoded and encoded at a
   * time whatever the threads (RenderSlots); threads beyond that download. Frames that come over the
   * network (providers, s3:// archives) get two threads per core, so every core renders while the
   * other threads wait on downloads; local files are read quickly, and one thread per core keeps
   * their input buffers to one per core.
   */
  static int defaultWorkers(RadarOptions options, int cores) {
    String input = options.getInput();
    boolean network = input == null || input.isBlank() || input.contains("://");
    return Math.min(MAX_WORKERS, network ? 2 * cores : cores);
  }

  /**
   * The Direct runner's defaults; returns its worker threads. An invalid --targetParallelism is an
   * IllegalArgumentException.
   */
  static int directDefaults(RadarOptions options, String[] args) {
    DirectOptions direct = options.as(DirectOptions.class);
    List<String> given = Arrays.asList(args);
    if (!Args.has(given, "targetParallelism")) {
      direct.setTargetParallelism(defaultWorkers(options, Runtime.getRuntime().availableProcessors()));
    } else if (direct.getTargetParallelism() < 1 || direct.getTargetParallelism() > MAX_WORKERS) {
      throw new IllegalArgumentException("--targetParallelism must be 1.." + MAX_WORKERS + " (worker threads), got "
          + direct.getTargetParallelism());
    }
    int threads = direct.getTargetParallelism();
    if (HeapLimits.maxInputBytes(threads) < Math.min(MIN_INPUT_SHARE, HeapLimits.maxInputBytes(0))) {
      // each thread keeps one input, and their inputs share a quarter of the heap: threads beyond two per
      // core shrink each one's share (a small heap with the default threads is left as it is)
      long heap = Runtime.getRuntime().maxMemory();
      throw new IllegalArgumentException("--targetParallelism=" + threads + " leaves each worker thread "
          + HeapLimits.maxInputBytes(threads) / 1024 + " KiB for its input (the threads' inputs share a quarter of"
          + " this JVM's " + HeapLimits.mib(heap) + " heap), below the " + HeapLimits.mib(MIN_INPUT_SHARE)
          + " a frame may need: use at most " + Math.max(1, heap / 4 / MIN_INPUT_SHARE) + " threads, or a larger heap");
    }
    HeapLimits.workerThreads(threads);
    // The runner's checks encode every element (a PNG is ~0.7 MB) before and after each step to catch
    // mutation and unencodable types; radarbeam's elements are records made once and never changed, and
    // the PAssert tests keep the checks on. In a run they only copy bytes on the render threads.
    if (!Args.has(given, "enforceImmutability")) {
      direct.setEnforceImmutability(false);
    }
    if (!Args.has(given, "enforceEncodability")) {
      direct.setEnforceEncodability(false);
    }
    // the Direct runner blocks in run() by default; progress lines and --timeout need run() to return at once
    direct.setBlockOnRun(false);
    return direct.getTargetParallelism();
  }
}
