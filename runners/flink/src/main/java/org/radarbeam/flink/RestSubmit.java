package org.radarbeam.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.radarbeam.http.Redaction;
import org.radarbeam.pipeline.Args;
import org.radarbeam.pipeline.ExitStatus;
import org.radarbeam.pipeline.ProgressLine;

/**
 * {@code bin/submit}: runs radar-flink.jar on a Flink session cluster through Flink's REST API and
 * follows the job to its end.
 *
 * <ol>
 *   <li>{@code POST /jars/upload} the job jar;
 *   <li>{@code POST /jars/:id/run} with {@code entryClass=org.radarbeam.flink.FlinkJob} and the pipeline
 *       options as {@code programArgsList}; the main runs in the JobManager, submits the Beam pipeline
 *       and returns the job id ({@link FlinkJob} explains why it is not the jar's Main-Class);
 *   <li>{@code GET /jobs/:id} until the job is FINISHED, FAILED or CANCELED (state changes such as
 *       RESTARTING are printed);
 *   <li>{@code GET /jobs/:id/accumulators} for the Beam counters and {@code /jobs/:id/exceptions} for
 *       the failures the job recovered from; prints them and exits with the pipeline's status.
 * </ol>
 *
 * <p>Own options (everything else is passed to the pipeline): {@code --rest=http://host:port} (default
 * $RADARBEAM_FLINK_REST, else http://127.0.0.1:$RADARBEAM_FLINK_REST_PORT, else http://127.0.0.1:8081),
 * {@code --jar=path} (default: the jar this class is in), {@code --detached} (print the job id and
 * return), {@code --timeout=PT2H} (cancel the job if it runs longer).
 *
 * <p>Exit status: 0 every frame rendered or skipped; 3 some frames failed; 1 nothing listed, all failed,
 * or the job ended without finishing (cancelled); 2 invalid options (the job was not started); 4 the job failed.
 */
public final class RestSubmit {
  static final String ENTRY_CLASS = "org.radarbeam.flink.FlinkJob";
  static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED");
  /** Polls are a second apart: a progress line every 10 s. */
  private static final int PROGRESS_EVERY_POLLS = 10;
  /** Pipeline options that name local paths: made absolute, as the cluster's JVMs run elsewhere. */
  static final Set<String> PATH_OPTIONS = Set.of("input", "output", "failures", "dataPrefix");

  private final PrintStream out;
  private final PrintStream err;
  private FlinkRestClient rest;
  private volatile String jobId;

  RestSubmit(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new RestSubmit(System.out, System.err).run(args));
  }

  int run(String[] args) {
    String restArg = null;
    String jarArg = null;
    boolean detached = false;
    Duration timeout = null;
    List<String> pipeline = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--rest=")) {
        restArg = a.substring(7);
      } else if (a.startsWith("--jar=")) {
        jarArg = a.substring(6);
      } else if (a.equals("--detached")) {
        detached = true;
      } else if (a.startsWith("--timeout=")) {
        timeout = Duration.parse(a.substring(10));
      } else {
        pipeline.add(a);
      }
    }
    try {
      // --flinkMaster names the cluster for the client; the job itself always gets [auto] (see FlinkJob)
      String master = Args.value(pipeline, "flinkMaster");
      if (master != null && !master.startsWith("[")) {
        if (restArg == null) {
          restArg = master;
        }
        Args.remove(pipeline, "flinkMaster");
      }
      rest = new FlinkRestClient(restUri(restArg));
      Args.addUnlessGiven(pipeline, "runner", "FlinkRunner");
      Args.addUnlessGiven(pipeline, "flinkMaster", "[auto]");
      absolutePaths(pipeline);
      if ((Args.has(pipeline, "numberOfExecutionRetries") || Args.has(pipeline, "executionRetryDelay"))
          && !"true".equals(Args.value(pipeline, "useDataStreamForBatch"))) {
        err.println("submit: note: Beam's FlinkRunner applies --numberOfExecutionRetries/--executionRetryDelay to"
            + " streaming environments only; this batch run restarts as the cluster's restart-strategy says");
      }
      JsonNode overview = rest.overview();
      int slots = overview.path("slots-total").asInt();
      if (!Args.has(pipeline, "parallelism")) {
        if (slots < 1) {
          err.println("submit: the cluster at " + rest.address() + " has no TaskManager (slots-total 0)");
          return ExitStatus.NOTHING_DONE;
        }
        pipeline.add("--parallelism=" + slots);
      }
      out.printf(Locale.ROOT, "cluster %s: Flink %s, %d TaskManager(s), %d slot(s)%n", rest.address(),
          overview.path("flink-version").asText(), overview.path("taskmanagers").asInt(), slots);

      Path jar = jarArg != null ? Paths.get(jarArg) : ownJar();
      long t0 = System.nanoTime();
      String jarId = rest.upload(jar);
      out.printf(Locale.ROOT, "uploaded %s (%.1f MB) in %.1f s%n", jar.getFileName(), Files.size(jar) / 1e6,
          (System.nanoTime() - t0) / 1e9);
      try {
        out.println(runLine(pipeline));
        jobId = rest.runJar(jarId, ENTRY_CLASS, pipeline);
      } catch (FlinkRestClient.InvalidOptions e) {
        err.println(e.getMessage());
        return ExitStatus.INVALID_OPTIONS;
      } finally {
        deleteJar(jarId);
      }
      out.println("job id: " + jobId);
      out.println("web UI: " + rest.address().resolve("/#/job/running/" + jobId + "/overview"));
      if (detached) {
        return ExitStatus.OK;
      }
      Thread cancelOnInterrupt = new Thread(this::cancelIfRunning, "cancel-on-interrupt");
      Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
      JsonNode job = follow(timeout);
      jobId = null; // the job has ended: nothing to cancel any more
      Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
      return new JobReport(rest, out, err).print(job);
    } catch (IOException | InterruptedException | RuntimeException e) {
      err.println("submit: " + e.getMessage());
      return ExitStatus.NOTHING_DONE;
    }
  }

  /** Polls the job until it ends; prints its state changes and, every 10 s while it renders, its progress. */
  JsonNode follow(Duration timeout) throws IOException, InterruptedException {
    Instant start = Instant.now();
    JobStateLog states = new JobStateLog(out);
    for (int poll = 1; ; poll++) {
      JsonNode job = rest.job(jobId);
      states.update(job);
      if (TERMINAL.contains(job.path("state").asText())) {
        return job;
      }
      if (poll % PROGRESS_EVERY_POLLS == 0) {
        progress(start);
      }
      if (timeout != null && Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
        out.println("timeout " + timeout + " reached: cancelling the job");
        cancelIfRunning();
        timeout = null;
      }
      Thread.sleep(1000);
    }
  }

  /** The echo of the run's options, with the credentials of provider URLs hidden. */
  static String runLine(List<String> pipeline) {
    return "run: " + Redaction.redact(String.join(" ", pipeline));
  }

  /**
   * Prints the progress line of the running job from its Beam counters (the accumulator task
   * managers report with their heartbeats); a counter read that fails only skips a line.
   */
  private void progress(Instant start) throws InterruptedException {
    try {
      ClusterCounters c = ClusterCounters.fromAccumulatorText(rest.accumulator(jobId, ClusterCounters.ACCUMULATOR));
      String line = ProgressLine.of(c::get, Duration.between(start, Instant.now()).toMillis() / 1e3);
      if (line != null) {
        out.println(line);
      }
    } catch (IOException e) {
      err.println("submit: no progress counters: " + e.getMessage());
    }
  }

  void cancelIfRunning() {
    String id = jobId;
    if (id == null) {
      return;
    }
    try {
      rest.cancel(id);
      err.println("submit: cancelled job " + id);
    } catch (IOException | InterruptedException e) {
      err.println("submit: could not cancel job " + id + ": " + e.getMessage());
    }
  }

  private void deleteJar(String jarId) {
    try {
      rest.deleteJar(jarId);
    } catch (IOException | InterruptedException e) {
      err.println("submit: could not delete jar " + jarId + ": " + e.getMessage());
    }
  }

  static URI restUri(String arg) {
    String s = arg;
    if (s == null || s.isBlank()) {
      s = System.getenv("RADARBEAM_FLINK_REST");
    }
    if (s == null || s.isBlank()) {
      String port = System.getenv("RADARBEAM_FLINK_REST_PORT");
      s = "http://127.0.0.1:" + (port == null || port.isBlank() ? "8081" : port.trim());
    }
    if (!s.contains("://")) {
      s = "http://" + s;
    }
    try {
      URI u = new URI(s);
      return new URI(u.getScheme(), null, u.getHost(), u.getPort() < 0 ? 8081 : u.getPort(), "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad REST address " + s, e);
    }
  }

  static Path ownJar() {
    try {
      return Paths.get(RestSubmit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell which jar to upload: give --jar=path", e);
    }
  }

  /** Relative local paths in path options become absolute (the cluster's JVMs have another working directory). */
  static void absolutePaths(List<String> args) {
    Path cwd = Paths.get("").toAbsolutePath();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      for (String name : PATH_OPTIONS) {
        String prefix = "--" + name + "=";
        if (a.startsWith(prefix)) {
          String v = a.substring(prefix.length());
          if (!v.isEmpty() && !v.startsWith("/") && !v.contains("://")) {
            args.set(i, prefix + cwd.resolve(v).normalize());
          }
        }
      }
    }
  }
}
