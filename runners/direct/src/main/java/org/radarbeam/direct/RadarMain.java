package org.radarbeam.direct;

import java.io.PrintStream;
import java.util.Arrays;
import org.apache.beam.runners.direct.DirectOptions;
import org.radarbeam.pipeline.RadarCommand;
import org.radarbeam.pipeline.RadarOptions;

/**
 * Entry point of radar.jar: {@code java -jar radar.jar [options]} runs radarbeam on the Direct
 * runner and exits with the run's status ({@link org.radarbeam.pipeline.ExitStatus}).
 */
public final class RadarMain {
  private RadarMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs radarbeam for {@code args} on the Direct runner and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean parallelismGiven = Arrays.stream(args).anyMatch(a -> a.startsWith("--targetParallelism"));
    return RadarCommand.run(args, out, err, options -> directDefaults(options, parallelismGiven));
  }

  private static void directDefaults(RadarOptions options, boolean parallelismGiven) {
    DirectOptions direct = options.as(DirectOptions.class);
    if (!parallelismGiven) {
      // one frame per core: each worker holds a frame buffer, more threads than cores only add memory
      direct.setTargetParallelism(Runtime.getRuntime().availableProcessors());
    }
    if (options.getTimeout() != null) {
      // the Direct runner blocks in run() by default; --timeout needs run() to return at once
      direct.setBlockOnRun(false);
    }
  }
}
