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
import java.util.concurrent.atomic.AtomicReference;
import org.radarbeam.http.Redaction;
import org.radarbeam.pipeline.Args;
import org.radarbeam.pipeline.ExitStatus;
import org.radarbeam.pipeline.InvalidOptionsException;
import org.radarbeam.pipeline.OptionValues;
import org.radarbeam.pipeline.RadarCommand;
import org.radarbeam.pipeline.RadarJob;
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
 * the job ended without finishing (cancelled) or could no longer be followed (it runs on); 2 invalid options
 * (the job was not started); 4 the job failed.
 */
public final class RestSubmit {
  static final String ENTRY_CLASS = "org.radarbeam.flink.FlinkJob";
  static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED");
  /** Polls are a second apart: a progress line every 10 s. */
  private static final int PROGRESS_EVERY_POLLS = 10;
  /** Pipeline options that name local paths: made absolute, as the cluster's JVMs run elsewhere. */
  static final Set<String> PATH_OPTIONS = Set.of("input", "output", "failures", "dataPrefix");
  /**
   * How long the job's state may be unreadable (a JobManager restarting, the network) before submit stops
   * following it; the job itself is left running.
   */
  static final Duration LOST_AFTER = Duration.ofMinutes(10);

  static final String USAGE = String.join("\n",
      "submit [--rest=URL] [--jar=radar-flink.jar] [--detached] [--timeout=PT6H] [pipeline options]",
      "",
      "Runs radarbeam on a Flink session cluster through its REST API: checks the pipeline options, uploads",
      "the jar, runs it, follows the job to its end and exits with the pipeline's status (0 all rendered or",
      "skipped, 3 some failed, 1 nothing done, all failed, cancelled or lost, 2 invalid options, 4 the job failed).",
      "",
      "  --rest=URL      the REST address: default --flinkMaster=host:port, $RADARBEAM_FLINK_REST, else",
      "                  http://127.0.0.1:$RADARBEAM_FLINK_REST_PORT (8081); an http address without a port",
      "                  gets 8081, an https one keeps its own, and a path (an ingress) is kept",
      "  --jar=PATH      the job jar to upload (default: the jar submit runs from)",
      "  --detached      print the job id and return once the job runs",
      "  --timeout=D     cancel the job if it runs longer than D (ISO-8601, e.g. PT6H)",
      "",
      "--parallelism defaults to the cluster's task slots and may not exceed them. Relative paths in --input,",
      "--output, --failures and --dataPrefix are made absolute: the cluster's JVMs read them. --caCerts is read",
      "by the job's main in the JobManager: give a path there.",
      "Ctrl-C cancels the job (a --detached one only before it has started) and deletes the uploaded jar,",
      "first waiting up to " + Interruption.WAIT.toSeconds() + " s for the cluster's answer to a request in flight; a"
          + " cluster that does not",
      "answer for " + LOST_AFTER.toMinutes() + " min is no longer followed (the job runs on).",
      "",
      "Pipeline options:");

  private final PrintStream out;
  private final PrintStream err;
  private FlinkRestClient rest;
  /** The job Ctrl-C cancels: the one this submit started and follows. */
  private volatile String jobId;
  /** The jar this submit uploaded and has not deleted yet. */
  private final AtomicReference<String> uploadedJar = new AtomicReference<>();
  private final Interruption interruption = new Interruption();

  RestSubmit(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new RestSubmit(System.out, System.err).run(args));
  }

  int run(String[] args) {
    if (Args.wantsHelp(args)) {
      out.println(USAGE);
      out.println();
      try {
        return RadarCommand.run(new String[] {"--help"}, out, err, options -> 0);
      } catch (LinkageError e) {
        out.println("  (listed with Flink's jars on the classpath: bin/submit adds runners/flink/target/flink-lib/)");
        return ExitStatus.OK;
      }
    }
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
      } else if (a.equals("--timeout=")) {
        timeout = null; // empty: the default, no timeout
      } else if (a.startsWith("--timeout=")) {
        try {
          timeout = OptionValues.positiveDuration("--timeout", a.substring(10), "PT6H");
        } catch (InvalidOptionsException e) {
          return invalid(a + " is not a positive ISO-8601 duration such as PT6H");
        }
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
      } else if (master != null && !master.equals("[auto]")) {
        return invalid("--flinkMaster=" + master + " would run the job inside the JobManager; give the cluster's"
            + " REST address (host:port) or leave it out");
      }
      rest = new FlinkRestClient(restUri(restArg));
      Args.addUnlessGiven(pipeline, "runner", "FlinkRunner");
      Args.addUnlessGiven(pipeline, "flinkMaster", "[auto]");
      absolutePaths(pipeline);
      String refused;
      try {
        refused = refusedOptions(pipeline);
      } catch (LinkageError e) {
        // the jar alone, without Flink's jars (which bin/submit adds): the job's main checks them on the cluster
        err.println("submit: note: the pipeline options are checked on the cluster (no " + e.getMessage()
            + " here)");
        refused = null;
      }
      if (refused != null) {
        return invalid(refused);
      }
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
      } else {
        String tooMany = parallelismBeyond(pipeline, slots, overview.path("slots-available").asInt(slots));
        if (tooMany != null) {
          return invalid(tooMany);
        }
      }
      out.printf(Locale.ROOT, "cluster %s: Flink %s, %d TaskManager(s), %d slot(s)%n", rest.address(),
          overview.path("flink-version").asText(), overview.path("taskmanagers").asInt(), slots);

      Path jar = jarArg != null ? Paths.get(jarArg) : ownJar();
      Thread undo = new Thread(this::undoOnInterrupt, "submit-interrupted");
      Runtime.getRuntime().addShutdownHook(undo);
      try {
        return startAndFollow(jar, pipeline, detached, timeout);
      } finally {
        // ended, or no longer followed: from here Ctrl-C cancels nothing
        jobId = null;
        try {
          Runtime.getRuntime().removeShutdownHook(undo);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook runs
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      err.println("submit: " + e.getMessage());
      return ExitStatus.NOTHING_DONE;
    }
  }

  /** Uploads the jar, starts the job, deletes the jar and, unless detached, follows the job to its end. */
  private int startAndFollow(Path jar, List<String> pipeline, boolean detached, Duration timeout)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    interruption.beginRequest();
    try {
      uploadedJar.set(rest.upload(jar));
    } finally {
      interruption.endRequest();
    }
    out.printf(Locale.ROOT, "uploaded %s (%.1f MB) in %.1f s%n", jar.getFileName(), Files.size(jar) / 1e6,
        (System.nanoTime() - t0) / 1e9);
    String started;
    try {
      out.println(runLine(pipeline));
      interruption.beginRequest();
      try {
        started = rest.runJar(uploadedJar.get(), ENTRY_CLASS, pipeline);
        jobId = detached ? null : started; // a detached job, once started, is the cluster's alone
      } finally {
        interruption.endRequest();
      }
    } catch (FlinkRestClient.InvalidOptions e) {
      err.println(e.getMessage());
      return ExitStatus.INVALID_OPTIONS;
    } finally {
      interruption.beginRequest();
      try {
        deleteUploadedJar();
      } finally {
        interruption.endRequest();
      }
    }
    out.println("job id: " + started);
    out.println("web UI: " + webUi(started));
    if (detached) {
      return ExitStatus.OK;
    }
    JsonNode job = follow(timeout);
    jobId = null; // ended: Ctrl-C while the report prints cancels nothing
    return new JobReport(rest, out, err).print(job);
  }

  /**
   * The shutdown hook: once a request in flight is answered, cancels the job this submit started and
   * follows, and deletes the jar it uploaded, if they are there.
   */
  private void undoOnInterrupt() {
    boolean answered = interruption.interrupt(Interruption.WAIT);
    if (!answered) {
      err.println("submit: interrupted, and the cluster did not answer within " + Interruption.WAIT.toSeconds()
          + " s: a jar or job it accepts now is left there; see " + rest.address());
    }
    cancelIfRunning(); // a job known to have started, whatever else is unanswered
    if (answered) {
      deleteUploadedJar(); // unanswered, the jar may be in use by a job starting now
    }
  }

  /**
   * Polls the job until it ends; prints its state changes and, every 10 s while it renders, its progress.
   * A poll that fails (the JobManager restarting, the network) is repeated: the job runs on regardless,
   * and only after {@link #LOST_AFTER} without an answer does submit stop following it, leaving it running.
   */
  JsonNode follow(Duration timeout) throws IOException, InterruptedException {
    Instant start = Instant.now();
    JobStateLog states = new JobStateLog(out);
    Instant answered = start;
    boolean failing = false;
    for (int poll = 1; ; poll++) {
      JsonNode job;
      try {
        job = rest.job(jobId);
      } catch (IOException e) {
        if (Duration.between(answered, Instant.now()).compareTo(LOST_AFTER) > 0) {
          throw new IOException("no answer about job " + jobId + " for " + LOST_AFTER.toMinutes() + " min ("
              + e.getMessage() + "); it is left running: see " + webUi(jobId));
        }
        if (!failing) {
          err.println("submit: cannot read the job's state (" + e.getMessage() + "); asking again");
          failing = true;
        }
        Thread.sleep(1000);
        continue;
      }
      if (failing) {
        err.println("submit: the cluster answers again");
        failing = false;
      }
      answered = Instant.now();
      states.update(job);
      if (TERMINAL.contains(job.path("state").asText())) {
        return job;
      }
      if (poll % PROGRESS_EVERY_POLLS == 0) {
        progress(start);
      }
      if (timeout != null && Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
        out.println("timeout " + timeout + " reached: cancelling the job");
        if (!cancelIfRunning()) {
          throw new IOException("job " + jobId + " ran past --timeout=" + timeout + " and could not be cancelled; it is"
              + " left running: see " + webUi(jobId));
        }
        timeout = null;
      }
      Thread.sleep(1000);
    }
  }

  private URI webUi(String id) {
    return rest.address().resolve("#/job/running/" + id + "/overview");
  }

  private int invalid(String message) {
    err.println("submit: invalid options: " + message);
    return ExitStatus.INVALID_OPTIONS;
  }

  /**
   * Why the pipeline options cannot run, checked here before the jar is uploaded (the job's main checks
   * them again on the cluster); null when they can.
   */
  static String refusedOptions(List<String> pipeline) {
    // --caCerts names a file the job's main reads in the JobManager, which may be there only
    List<String> here = pipeline.stream().filter(a -> !a.startsWith("--caCerts=")).toList();
    try {
      RadarJob.config(RadarJob.options(here.toArray(new String[0])));
      return null;
    } catch (InvalidOptionsException e) {
      return RadarCommand.oneLine(e.getMessage());
    }
  }

  /**
   * Why the pipeline's --parallelism cannot run on a cluster of {@code slots} task slots, null when it can: a
   * job that asks for more slots than there are waits for them and fails after every restart attempt. One
   * that asks for more than are free now waits for other jobs, which is only noted.
   */
  String parallelismBeyond(List<String> pipeline, int slots, int available) {
    String value = Args.value(pipeline, "parallelism");
    int p;
    try {
      p = Integer.parseInt(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      return "--parallelism=" + value + " is not a whole number";
    }
    if (p < 1) {
      return "--parallelism must be at least 1, got " + p;
    }
    if (slots < 1) {
      return null; // TaskManagers started on demand (YARN, native Kubernetes): none while the cluster is idle
    }
    if (p > slots) {
      return "--parallelism=" + p + " exceeds the " + slots + " task slot(s) of the cluster at " + rest.address();
    }
    if (p > available) {
      err.println("submit: note: " + available + " of the cluster's " + slots + " slot(s) are free now: the job waits"
          + " for " + (p - available) + " more");
    }
    return null;
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

  /** Cancels the followed job, if any; false when the cluster did not accept the cancel. */
  boolean cancelIfRunning() {
    String id = jobId;
    if (id == null) {
      return true;
    }
    try {
      rest.cancel(id);
      err.println("submit: cancelled job " + id);
      return true;
    } catch (IOException | InterruptedException e) {
      err.println("submit: could not cancel job " + id + ": " + e.getMessage());
      return false;
    }
  }

  /** Deletes the jar this submit uploaded, once: after the job's start, or from the shutdown hook. */
  private void deleteUploadedJar() {
    String jarId = uploadedJar.getAndSet(null);
    if (jarId == null) {
      return;
    }
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
      // Flink's own port unless one is given; an https address (an ingress) keeps its scheme's own, and a
      // path, under which the API is served
      int port = u.getPort() >= 0 || !"http".equalsIgnoreCase(u.getScheme()) ? u.getPort() : 8081;
      String path = u.getPath() == null || u.getPath().isEmpty() ? "/" : u.getPath().endsWith("/") ? u.getPath()
          : u.getPath() + "/";
      return new URI(u.getScheme(), null, u.getHost(), port, path, null, null);
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
