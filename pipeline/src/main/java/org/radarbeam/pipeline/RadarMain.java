package org.radarbeam.pipeline;

import java.io.PrintStream;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: java -jar radar.jar [options]. Exits with the run's status (see {@link RunSummary}). */
public final class RadarMain {
  private static final Logger LOG = LoggerFactory.getLogger(RadarMain.class);

  private RadarMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the pipeline for {@code args} and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      OptionsHelp.print(out);
      return RunSummary.OK;
    }
    RadarOptions options;
    RunConfig config;
    try {
      PipelineOptionsFactory.register(RadarOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(RadarOptions.class);
      config = RunConfig.from(options);
    } catch (InvalidOptionsException | IllegalArgumentException e) {
      err.println("radarbeam: invalid options: " + oneLine(e.getMessage()));
      err.println("run with --help to list the options");
      return RunSummary.INVALID_OPTIONS;
    }
    if (!config.dryRun) {
      try {
        config.checkStores();
      } catch (java.io.IOException e) {
        err.println("radarbeam: output not usable: " + oneLine(e.getMessage()));
        return RunSummary.NOTHING_DONE;
      }
    }
    options.setJobName("radarbeam-" + config.runId.toLowerCase(java.util.Locale.ROOT));
    LOG.info("run {}: sources {}, {}, window {}, output {}{}", config.runId, String.join(",", config.profiles.keySet()),
        config.input != null ? "input " + config.input : "from the providers", config.window, config.output,
        config.dryRun ? " (dry run)" : "");

    org.apache.beam.runners.direct.DirectOptions direct = options.as(org.apache.beam.runners.direct.DirectOptions.class);
    if (!Arrays.asList(args).toString().contains("--targetParallelism")) {
      // one frame per core: each worker holds a frame buffer, more threads than cores only add memory
      direct.setTargetParallelism(Runtime.getRuntime().availableProcessors());
    }
    if (config.timeout != null) {
      // the Direct runner blocks in run() by default; the timeout needs run() to return at once
      options.as(org.apache.beam.runners.direct.DirectOptions.class).setBlockOnRun(false);
    }
    long start = System.nanoTime();
    Pipeline p = Pipeline.create(options);
    RadarPipeline.build(p, config);
    PipelineResult result;
    boolean timedOut = false;
    try {
      result = p.run();
      if (config.timeout == null) {
        result.waitUntilFinish();
      } else {
        PipelineResult.State state = result.waitUntilFinish(org.joda.time.Duration.millis(config.timeout.toMillis()));
        if (state == null || !state.isTerminal()) {
          timedOut = true;
          try {
            result.cancel();
          } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("cancelling the timed-out run: {}", e.toString());
          }
        }
      }
    } catch (RuntimeException e) {
      err.println("radarbeam: run failed: " + oneLine(String.valueOf(rootCause(e).getMessage())));
      LOG.error("run failed", e);
      return RunSummary.NOTHING_DONE;
    }
    RunSummary summary = RunSummary.of(result, (System.nanoTime() - start) / 1e9, config.profiles.keySet(),
        java.time.Instant.now());
    out.println(summary.line(config.dryRun));
    if (!config.dryRun) {
      summary.sourceLines().forEach(out::println);
    }
    if (timedOut) {
      // work in flight is abandoned: objects are written whole or not at all, and the next run
      // skips what this one finished
      out.println("timed out after " + config.timeout + "; the next run continues");
      LOG.warn("timed out after {}; the next run continues", config.timeout);
      return RunSummary.OK;
    }
    if (summary.failed > 0) {
      out.println("failure report: " + config.failuresPath);
    }
    if (summary.listed == 0) {
      out.println(config.input != null ? "nothing matched --input=" + config.input
          : "no frames found at the providers for " + config.window);
    }
    return summary.exitStatus();
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
