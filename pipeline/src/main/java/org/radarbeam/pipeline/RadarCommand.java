package org.radarbeam.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.apache.beam.sdk.PipelineResult;
import org.radarbeam.http.Redaction;
import org.radarbeam.transforms.WriteFailureReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line of a runner's main: --help, options, {@link RadarJob#run}, waiting (bounded by
 * --timeout), the summary and the exit status. Each runner passes only its own defaults.
 */
public final class RadarCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RadarCommand.class);

  private static final long FIRST_PROGRESS_POLL_MS = 1_000;
  private static final long PROGRESS_EVERY_MS = 10_000;

  /**
   * How long a run stopped by --timeout waits for its failure report to be written: its bound is spent, and a
   * store that hangs (60 s a call, more with retries) would take it past a CronJob's activeDeadlineSeconds,
   * which is set a little above --timeout.
   */
  static final long TIMED_OUT_REPORT_MILLIS = 20_000;
  /** As above, for a run stopped by SIGTERM or Ctrl-C: within {@link RunStop#REPORT_WAIT_MILLIS}, summary included. */
  static final long STOPPED_REPORT_MILLIS = 5_000;

  private RadarCommand() {}

  /** A write that may throw what an object store throws. */
  @FunctionalInterface
  interface Write {
    void run() throws IOException;
  }

  /**
   * Runs {@code write} on a thread of its own and waits at most {@code millis} for it: one that takes longer
   * is left to the JVM's exit (its object is written whole or not at all) and fails here.
   */
  static void writeWithin(long millis, Write write) throws IOException {
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        write.run();
      } catch (Throwable e) { // an Error too: the summary must not name a report that was not written
        failed.set(e);
      }
    }, "radarbeam-failure-report");
    t.setDaemon(true);
    t.start();
    try {
      t.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the failure report was written");
    }
    if (t.isAlive()) {
      t.interrupt(); // a write that ends after all must not land after the summary said it did not
      throw new IOException("it was not written within " + millis / 1000 + " s, after the run was cut short");
    }
    Throwable e = failed.get();
    if (e instanceof IOException io) {
      throw io;
    }
    if (e != null) {
      throw new IOException(e.toString(), e);
    }
  }

  /**
   * Runs radarbeam for {@code args} and returns the exit status ({@link ExitStatus}).
   *
   * @param runnerDefaults applied to the parsed options before the run (e.g. the Direct runner's
   *     parallelism); it returns the worker threads that run the graph in this JVM (the Direct runner's),
   *     or 0 for a runner with parallel instances of its own ({@link RadarJob#run(RadarOptions, RunConfig,
   *     int)}). An IllegalArgumentException from it is an invalid option.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, ToIntFunction<RadarOptions> runnerDefaults) {
    boolean json = LogSettings.json(args);
    try {
      return runOrThrow(args, out, err, runnerDefaults, json);
    } catch (RuntimeException | Error e) {
      // whatever escaped (a worker's error re-thrown by the runner, the runner's own) ends the run
      // with its own status and the cause named
      return fatal(out, err, json, "run failed", oneLine(describe(cause(e))), e, ExitStatus.CRASHED);
    }
  }

  private static int runOrThrow(String[] args, PrintStream out, PrintStream err,
      ToIntFunction<RadarOptions> runnerDefaults, boolean json) {
    if (Args.wantsHelp(args)) {
      OptionsHelp.print(out);
      return ExitStatus.OK;
    }
    RadarOptions options;
    RunConfig config;
    try {
      options = RadarJob.options(args);
      config = RadarJob.config(options);
    } catch (InvalidOptionsException e) {
      return invalid(out, err, json, e);
    }
    int workers;
    try {
      workers = runnerDefaults.applyAsInt(options);
    } catch (IllegalArgumentException e) {
      return invalid(out, err, json, new InvalidOptionsException(e.getMessage()));
    }
    long start = System.nanoTime();
    RunStop stop = RunStop.starting(); // a signal from here on cancels the run once it has started
    try {
      PipelineResult result;
      try {
        result = RadarJob.run(options, config, workers);
      } catch (InvalidOptionsException e) {
        return invalid(out, err, json, e);
      } catch (IOException e) {
        return fatal(out, err, json, "output not usable", oneLine(e.getMessage()), null, ExitStatus.NOTHING_DONE);
      }
      stop.running(result);
      boolean timedOut = !await(result, config, start);
      return report(result, config, json, timedOut, stop.stopped(), start, out, err);
    } finally {
      stop.reported();
    }
  }

  /**
   * Prints the summary of a run that ended, was cancelled by --timeout ({@code timedOut}) or was stopped by
   * its JVM's exit ({@code stopped}, {@link RunStop}); writes the failure report of a run cut short; returns
   * the exit status.
   */
  private static int report(PipelineResult result, RunConfig config, boolean json, boolean timedOut,
      boolean stopped, long start, PrintStream out, PrintStream err) {
    RunSummary summary = RunSummary.of(result, (System.nanoTime() - start) / 1e9, config.sources().keySet(), Instant.now());
    // what the summary adds, by name (JSON) and as its line (text)
    Map<String, String> notes = new LinkedHashMap<>();
    if (summary.unlisted > 0) {
      notes.put("listingFailed", summary.unlisted + " --input pattern(s) could not be listed: their frames are"
          + " missing (the log says why)");
    }
    int status;
    if (timedOut || stopped) {
      // work in flight is abandoned: objects are written whole or not at all, and the next run
      // skips what this one finished; what failed before is reported as in a finished run
      if (stopped) {
        notes.put("stopped", "stopped by SIGTERM or Ctrl-C; the next run continues");
      } else {
        notes.put("timedOut", "timed out after " + config.timeout() + "; the next run continues");
        LOG.warn("timed out after {}; the next run continues", config.timeout());
      }
      status = summary.timedOutExitStatus();
      // members not written as images are counted nowhere (--individual=false): the rest are the next run's
      if ((config.composite() == null || config.composite().individual()) && summary.notReached() > 0) {
        // a frame written in a group whose bundle was still in flight is among them: its count was not committed
        notes.put("notReached", summary.notReached() + " listed frame(s) were in flight or not reached when the run"
            + " stopped: the next run renders those not yet written");
      }
      // its records are kept where a run can be cut short (RadarPipeline.keepsFailureRecords)
      if (summary.failed > 0) {
        try {
          List<String> records = RunSummary.failureRecords(result);
          if (records.size() < summary.failed) {
            LOG.warn("the failure report of this run cut short lists {} of its {} failures (the metric it is kept in"
                + " holds about 1 MB, and identical records once)", records.size(), summary.failed);
          }
          writeWithin(stopped ? STOPPED_REPORT_MILLIS : TIMED_OUT_REPORT_MILLIS,
              () -> WriteFailureReport.write(config.outputs().failures(), config.outputs().failureKey(), records));
          notes.put("failureReport", config.outputs().failuresPath());
        } catch (IOException e) {
          if (json) {
            LOG.error("the failure report cannot be written: {}", oneLine(e.getMessage()));
          } else {
            err.println("radarbeam: the failure report cannot be written: " + oneLine(e.getMessage()));
          }
        }
      }
    } else {
      if (summary.failed > 0) {
        notes.put("failureReport", config.outputs().failuresPath());
      }
      if (summary.listed == 0 && summary.unlisted == 0) {
        notes.put("nothingFound", config.fromFiles() ? "nothing matched --input=" + Redaction.redact(config.input())
            : "no frames found at the providers for " + config.window());
      } else if (summary.listed > 0 && summary.listed == summary.outsideWindow) {
        notes.put("nothingFound", "none of the " + summary.listed + " frame(s) listed lies in the window " + config.window());
      }
      status = summary.exitStatus();
    }
    if (json) {
      out.println(summary.json(config.dryRun(), notes));
    } else {
      out.println(summary.line(config.dryRun()));
      if (!config.dryRun()) {
        summary.sourceLines().forEach(out::println);
      }
      notes.forEach((k, v) -> out.println(k.equals("failureReport") ? "failure report: " + v : v));
    }
    return status;
  }

  /**
   * Waits for the run to end, or cancels it when --timeout expires; false if it was cancelled.
   * Meanwhile logs a progress line when rendering starts and every {@link #PROGRESS_EVERY_MS} after
   * (a runner whose run() blocks until the end has nothing left to wait for).
   */
  private static boolean await(PipelineResult result, RunConfig config, long startNanos) {
    boolean started = false;
    while (true) {
      long left = config.timeout() == null ? Long.MAX_VALUE
          : (startNanos + config.timeout().toNanos() - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      // poll often until rendering starts, then every 10 s
      long wait = Math.min(left, started ? PROGRESS_EVERY_MS : FIRST_PROGRESS_POLL_MS);
      PipelineResult.State state = result.waitUntilFinish(org.joda.time.Duration.millis(wait));
      if (state != null && state.isTerminal()) {
        return true;
      }
      String line = ProgressLine.of(result, (System.nanoTime() - startNanos) / 1e9);
      if (line != null) {
        LOG.info(line);
        started = true;
      }
    }
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      LOG.warn("cancelling the timed-out run: {}", e.toString());
    }
    return false;
  }

  private static int invalid(PrintStream out, PrintStream err, boolean json, InvalidOptionsException e) {
    int status = fatal(out, err, json, "invalid options", oneLine(e.getMessage()), null, ExitStatus.INVALID_OPTIONS);
    if (!json) {
      err.println("run with --help to list the options");
    }
    return status;
  }

  /**
   * Ends a run that has no summary with one line on stderr, {@code radarbeam: WHAT: MESSAGE} ({@code cause},
   * where not null, logged with its stack trace); with --logFormat=json, where stderr holds JSON lines only and
   * stdout the summary object, the line is logged as a JSON event and stdout gets
   * {@code {"summary":"failed","exitStatus":N,"error":"WHAT: MESSAGE"}} instead.
   */
  private static int fatal(PrintStream out, PrintStream err, boolean json, String what, String message, Throwable cause,
      int status) {
    if (json) {
      LOG.error(what + ": " + message, cause);
      ObjectNode o = new ObjectMapper().createObjectNode();
      o.put("summary", "failed");
      o.put("exitStatus", status);
      o.put("error", what + ": " + message);
      out.println(o);
    } else {
      err.println("radarbeam: " + what + ": " + message);
      if (cause != null) {
        LOG.error(what, cause);
      }
    }
    return status;
  }

  /** The exception's class and message, e.g. "StackOverflowError" or "FileSystemException: /out: Not a directory". */
  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /**
   * What to name for {@code t}: the outermost I/O error in its causes (radarbeam's own, which says which
   * object or request and why, around a library's), else the innermost cause (a worker's error under the
   * runner's wrappers).
   */
  private static Throwable cause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException) {
        return c;
      }
    }
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** A message on one line (option parsers and runners put line breaks in theirs). */
  public static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
