package org.radarbeam.flink;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.radarbeam.pipeline.Args;
import org.radarbeam.pipeline.ExitStatus;
import org.radarbeam.pipeline.InvalidOptionsException;
import org.radarbeam.pipeline.RadarCommand;
import org.radarbeam.pipeline.RadarJob;
import org.radarbeam.pipeline.RadarOptions;
import org.radarbeam.pipeline.RunConfig;
import org.radarbeam.pipeline.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry class for runs whose main method executes inside the Flink cluster: Flink's REST API
 * ({@code POST /jars/:id/run} with {@code entryClass=org.radarbeam.flink.FlinkJob}, which
 * {@code bin/submit} uses) and application mode (the Flink Kubernetes Operator's
 * {@code job.entryClass}).
 *
 * <p>There the main runs in the JobManager's JVM, so it differs from {@link FlinkMain} (the jar's
 * Main-Class, right for {@code flink run} and {@code java -jar}, where the main runs in a client):
 *
 * <ul>
 *   <li>it never calls {@code System.exit} (that would end the JobManager);
 *   <li>it submits with {@code --attachedMode=false} and {@code --flinkMaster=[auto]}: Beam then takes the
 *       environment Flink put in place for the program ({@code ExecutionEnvironment.getExecutionEnvironment()})
 *       and calls {@code executeAsync}. In attached mode Beam would call {@code execute()}, which in a web
 *       submission returns a {@code DetachedJobExecutionResult} whose runtime and accumulators throw, so
 *       Beam reports "Pipeline execution failed" although the job runs;
 *   <li>after a web submission it returns as soon as the job is submitted: the REST call answers only when
 *       the main returns, and the job client of a web submission cannot report status or accumulators
 *       ("cannot be requested when in Web Submission"). The caller follows the job by its id
 *       ({@code GET /jobs/:id}, {@code /jobs/:id/accumulators}), as {@code bin/submit} does;
 *   <li>in application mode the job client can report, so it waits for the job and logs the run's counters;
 *       a job that does not finish, one that rendered nothing of what it found (exit status 1 of radar.jar),
 *       or invalid options, end the main with an exception (the application
 *       fails).
 * </ul>
 */
public final class FlinkJob {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkJob.class);

  private FlinkJob() {}

  public static void main(String[] args) throws Exception {
    if (Args.wantsHelp(args)) {
      RadarCommand.run(args, System.out, System.err, options -> 0);
      return;
    }
    RadarOptions options;
    RunConfig config;
    PipelineResult result;
    long start = System.nanoTime();
    try {
      options = RadarJob.options(withDefaults(args).toArray(new String[0]));
      config = RadarJob.config(options);
      try {
        FlinkMain.checkRunner(options); // application mode would wait for the job just as flink run does
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionsException(e.getMessage());
      }
      result = RadarJob.run(options, config, 0);
    } catch (InvalidOptionsException e) {
      // the REST client shows this message; the job is not submitted
      throw new IllegalArgumentException("radarbeam: invalid options: " + RadarCommand.oneLine(e.getMessage()), e);
    } catch (IOException e) {
      throw new IllegalStateException("radarbeam: output not usable: " + RadarCommand.oneLine(e.getMessage()), e);
    }
    try {
      result.getState();
    } catch (RuntimeException e) {
      // web submission: the job runs; the REST client follows it by its id
      LOG.info("radarbeam run {} submitted as Flink job '{}'", config.runId(), options.getJobName());
      return;
    }
    PipelineResult.State state = result.waitUntilFinish();
    RunSummary summary = RunSummary.of(result, (System.nanoTime() - start) / 1e9, config.sources().keySet(), Instant.now());
    LOG.info("radarbeam run {}: {}; {}", config.runId(), state, summary.line(false));
    System.out.println("final state: " + state);
    System.out.println(summary.line(false));
    summary.sourceLines().forEach(System.out::println);
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("radarbeam run " + config.runId() + " ended " + state);
    }
    // the exit rule of radar.jar and bin/submit: an application that rendered nothing of what it found fails
    if (summary.exitStatus() == ExitStatus.NOTHING_DONE) {
      throw new IllegalStateException("radarbeam run " + config.runId() + " did nothing: " + summary.line(false));
    }
  }

  /** The arguments with {@code --runner=FlinkRunner}, {@code --flinkMaster=[auto]}, {@code --attachedMode=false}. */
  static List<String> withDefaults(String[] args) {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    Args.addUnlessGiven(a, "runner", "FlinkRunner");
    Args.addUnlessGiven(a, "flinkMaster", "[auto]");
    Args.addUnlessGiven(a, "attachedMode", "false");
    return a;
  }
}
