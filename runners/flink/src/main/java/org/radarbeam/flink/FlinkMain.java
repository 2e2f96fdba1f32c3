package org.radarbeam.flink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.radarbeam.pipeline.Args;
import org.radarbeam.pipeline.RadarCommand;
import org.radarbeam.pipeline.RadarOptions;

/**
 * The Main-Class of radar-flink.jar, for runs whose main executes in a client JVM ({@code flink run},
 * {@code java -jar}): the same command line as radar.jar's, on the FlinkRunner unless --runner says
 * otherwise; it waits for the job and exits with the run's status. Runs whose main executes inside
 * the cluster use {@link FlinkJob}.
 */
public final class FlinkMain {
  private FlinkMain() {}

  public static void main(String[] args) {
    System.exit(RadarCommand.run(withRunner(args), System.out, System.err, FlinkMain::checkRunner));
  }

  /**
   * Refuses --timeout on the FlinkRunner: Beam's FlinkRunner returns from run() only once the job has
   * ended, so nothing would stop it when the time is up (bin/submit's --timeout cancels a job it follows).
   */
  static int checkRunner(RadarOptions options) {
    if (options.getRunner().getSimpleName().equals("FlinkRunner") && options.getTimeout() != null) {
      throw new IllegalArgumentException("--timeout cannot stop a job that this client waits for on Flink: give it"
          + " to bin/submit, which cancels the job it follows");
    }
    return 0;
  }

  /** The arguments with {@code --runner=FlinkRunner} unless they name a runner. */
  static String[] withRunner(String[] args) {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    Args.addUnlessGiven(a, "runner", "FlinkRunner");
    return a.toArray(new String[0]);
  }
}
