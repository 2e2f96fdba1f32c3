package org.radarbeam.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.pipeline.ExitStatus;

/**
 * bin/submit against a local server that answers as Flink's REST API does (the paths and bodies of Flink
 * 1.19), for what a real cluster cannot be made to do on demand: a poll that fails, a proxy's HTML, too few
 * slots. FlinkClusterIT runs submit against a real cluster.
 */
class RestSubmitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private HttpServer server;
  /** Every request, as "METHOD path?query". */
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();
  /** Which poll of GET /jobs/:id answers 503 (0: none). */
  private volatile int failingPoll;
  private volatile boolean htmlOverview;
  private volatile boolean cancelRefused;
  private volatile int slotsTotal = 2;
  private volatile int slotsAvailable = -1;
  /** The answer to POST /jars/:id/run when it refuses the job: status and Flink's "errors" (null: the job starts). */
  private volatile Integer runRefused;
  private volatile String runErrors;
  /** The state the job ends in, and the root exception of one that did not finish. */
  private volatile String finalState = "FINISHED";
  private volatile String rootException = "";
  /** A path whose answer waits for {@link #release}; {@link #held} counts down once it is asked. */
  private volatile String holdPath;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // served under a path, as behind an ingress: every call must stay under it
    server.createContext("/flink/", this::handle);
    server.setExecutor(executor); // a request held back does not hold back the others
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/flink/";
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().substring("/flink".length());
      String query = ex.getRequestURI().getQuery();
      requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
      ex.getRequestBody().readAllBytes();
      if (path.equals(holdPath)) {
        held.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (path.equals("/overview")) {
        if (htmlOverview) {
          send(ex, 200, "text/html", "<html><body>Sign in</body></html>");
        } else {
          send(ex, 200, Map.of("flink-version", "1.19.1", "taskmanagers", 1, "slots-total", slotsTotal,
              "slots-available", slotsAvailable < 0 ? slotsTotal : slotsAvailable));
        }
      } else if (path.equals("/jars/upload")) {
        send(ex, 200, Map.of("status", "success", "filename", "/tmp/flink-web/flink-web-upload/abc_radar-flink.jar"));
      } else if (path.equals("/jars/abc_radar-flink.jar/run") && runRefused != null) {
        send(ex, runRefused, Map.of("errors", List.of(runErrors)));
      } else if (path.equals("/jars/abc_radar-flink.jar/run")) {
        send(ex, 200, Map.of("jobid", "j1"));
      } else if (path.equals("/jars/abc_radar-flink.jar")) {
        send(ex, 200, Map.of());
      } else if (path.equals("/jobs/j1") && ex.getRequestMethod().equals("GET")) {
        int poll = polls.incrementAndGet();
        if (poll == failingPoll) {
          send(ex, 503, Map.of("errors", List.of("Service temporarily unavailable due to an ongoing leader election.")));
        } else {
          send(ex, 200, Map.of("jid", "j1", "state", poll < 4 ? "RUNNING" : finalState, "duration", 4000));
        }
      } else if (path.equals("/jobs/j1/accumulators")) {
        send(ex, 200, Map.of("user-task-accumulators",
            List.of(Map.of("name", ClusterCounters.ACCUMULATOR, "value", ClientSideTest.ACCUMULATOR))));
      } else if (path.equals("/jobs/j1/exceptions")) {
        send(ex, 200, Map.of("root-exception", rootException, "exceptionHistory", Map.of("entries", List.of())));
      } else if (path.equals("/jobs/j1") && cancelRefused) {
        send(ex, 403, Map.of("errors", List.of("Cancelling jobs is disabled (web.cancel.enable: false)")));
      } else if (path.equals("/jobs/j1")) {
        send(ex, 202, Map.of());
      } else {
        send(ex, 404, Map.of("errors", List.of("Not found: " + path)));
      }
    }
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json; charset=UTF-8", JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private record Run(int status, String out, String err) {}

  private Run submit(String... extra) throws IOException {
    Path jar = tmp.resolve("radar-flink.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4});
    List<String> args = new java.util.ArrayList<>(List.of("--jar=" + jar,
        "--sources=dwd", "--input=" + tmp.resolve("in") + "/*.hd5", "--output=" + tmp.resolve("out")));
    args.addAll(List.of(extra));
    if (args.stream().noneMatch(a -> a.startsWith("--flinkMaster="))) {
      args.add(0, "--rest=" + base);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new RestSubmit(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(new String[0]));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aPollThatFailsIsAskedAgainAndTheJobIsNotCancelled() throws IOException {
    failingPoll = 2;
    Run r = submit();
    assertEquals(ExitStatus.OK, r.status, r.out + r.err);
    assertTrue(r.err.contains("submit: cannot read the job's state (GET /jobs/j1: HTTP 503: Service temporarily"
        + " unavailable due to an ongoing leader election.); asking again"), r.err);
    assertTrue(r.err.contains("submit: the cluster answers again"), r.err);
    assertTrue(r.out.contains("final state: FINISHED"), r.out);
    // radar.jar's summary line, from the cluster's counters
    assertTrue(r.out.contains("summary: frames listed 36, skipped 3, rendered 33, failed 0, bytes written 24391710"
        + " (24.4 MB), 4.0 s, 8.25 frames/s"), r.out);
    assertFalse(requests.stream().anyMatch(q -> q.startsWith("PATCH")), requests.toString());
    assertTrue(r.out.contains("web UI: " + base + "#/job/running/j1/overview"), r.out);
    assertEquals(List.of("GET /overview", "POST /jars/upload", "POST /jars/abc_radar-flink.jar/run",
        "DELETE /jars/abc_radar-flink.jar", "GET /jobs/j1"), requests.subList(0, 5));
  }

  /** Ctrl-C while the job is being started: the job the cluster then starts is cancelled, and the jar deleted. */
  @Test
  void anInterruptWhileTheJobStartsCancelsTheJobAndDeletesTheJar() throws Exception {
    String output = interruptedAt("/jars/abc_radar-flink.jar/run");
    assertTrue(requests.contains("PATCH /jobs/j1?mode=cancel"), requests + "\n" + output);
    assertTrue(requests.contains("DELETE /jars/abc_radar-flink.jar"), requests + "\n" + output);
    assertTrue(output.contains("submit: cancelled job j1"), output);
  }

  /** Ctrl-C while the jar is uploaded: the jar the cluster then holds is deleted, and no job is started. */
  @Test
  void anInterruptWhileTheJarUploadsDeletesItAndStartsNoJob() throws Exception {
    String output = interruptedAt("/jars/upload");
    assertTrue(requests.contains("DELETE /jars/abc_radar-flink.jar"), requests + "\n" + output);
    assertFalse(requests.stream().anyMatch(q -> q.endsWith("/run") || q.startsWith("PATCH")), requests + "\n" + output);
  }

  /** A detached job that has started is the cluster's: Ctrl-C while submit deletes the jar does not cancel it. */
  @Test
  void anInterruptAfterADetachedJobStartedLeavesItRunning() throws Exception {
    String output = interruptedAt("/jars/abc_radar-flink.jar", "--detached");
    assertFalse(requests.stream().anyMatch(q -> q.startsWith("PATCH")), requests + "\n" + output);
    assertEquals(1, requests.stream().filter(q -> q.equals("DELETE /jars/abc_radar-flink.jar")).count(),
        requests + "\n" + output);
  }

  /** A job that has ended is not cancelled by Ctrl-C while its report is read and printed. */
  @Test
  void anInterruptWhileTheReportIsReadCancelsNothing() throws Exception {
    String output = interruptedAt("/jobs/j1/accumulators");
    assertFalse(requests.stream().anyMatch(q -> q.startsWith("PATCH")), requests + "\n" + output);
  }

  /**
   * Runs submit in a JVM of its own, sends it SIGTERM (its shutdown hooks run, as on Ctrl-C) while the cluster
   * holds back its answer to {@code path}, then lets the cluster answer; returns what submit printed.
   */
  private String interruptedAt(String path, String... extra) throws Exception {
    holdPath = path;
    Path jar = tmp.resolve("radar-flink.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4});
    Path printed = tmp.resolve("submit.out"); // a file: destroy() closes the process's pipes
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
        RestSubmit.class.getName(), "--rest=" + base, "--jar=" + jar, "--sources=dwd",
        "--input=" + tmp.resolve("in") + "/*.hd5", "--output=" + tmp.resolve("out")));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(printed.toFile()).start();
    try {
      assertTrue(held.await(120, TimeUnit.SECONDS), "submit never asked for " + path + ": " + requests);
      p.destroy();
      // the answer comes a moment later, most likely while the hook waits for it; either way it must be undone
      Thread.sleep(1000);
      release.countDown();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit did not end");
      return Files.readString(printed);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void optionsThatCannotRunFailBeforeAnythingIsUploaded() throws IOException {
    Run timeout = submit("--timeout=6h");
    assertEquals(ExitStatus.INVALID_OPTIONS, timeout.status, timeout.err);
    assertEquals("submit: invalid options: --timeout=6h is not a positive ISO-8601 duration such as PT6H\n",
        timeout.err);

    Run local = submit("--flinkMaster=[local]");
    assertEquals(ExitStatus.INVALID_OPTIONS, local.status, local.err);
    assertTrue(local.err.startsWith("submit: invalid options: --flinkMaster=[local] would run the job inside the"
        + " JobManager"), local.err);

    Run pipeline = submit("--minDbz=99");
    assertEquals(ExitStatus.INVALID_OPTIONS, pipeline.status, pipeline.err);
    assertTrue(pipeline.err.startsWith("submit: invalid options: ") && pipeline.err.contains("--minDbz"), pipeline.err);
    assertEquals(List.of(), requests, "nothing asked of the cluster");

    Run slots = submit("--parallelism=3");
    assertEquals(ExitStatus.INVALID_OPTIONS, slots.status, slots.err);
    assertEquals("submit: invalid options: --parallelism=3 exceeds the 2 task slot(s) of the cluster at " + base + "\n",
        slots.err);
    Run none = submit("--parallelism=0");
    assertEquals("submit: invalid options: --parallelism must be at least 1, got 0\n", none.err);
    assertEquals(List.of("GET /overview", "GET /overview"), requests, "nothing uploaded");
  }

  @Test
  void aJobPastItsTimeoutThatCannotBeCancelledIsLeftRunningAndSaidSo() throws IOException {
    cancelRefused = true;
    Run r = submit("--timeout=PT1S");
    assertEquals(ExitStatus.NOTHING_DONE, r.status, r.out + r.err);
    assertTrue(r.err.contains("submit: could not cancel job j1: HTTP 403: Cancelling jobs is disabled"), r.err);
    assertTrue(r.err.contains("job j1 ran past --timeout=PT1S and could not be cancelled; it is left running: see "
        + base + "#/job/running/j1/overview"), r.err);
  }

  /** YARN and native-Kubernetes session clusters start TaskManagers on demand: none while idle. */
  @Test
  void anExplicitParallelismIsTakenByAClusterWithoutSlotsYet() throws IOException {
    slotsTotal = 0;
    Run r = submit("--parallelism=2");
    assertEquals(ExitStatus.OK, r.status, r.out + r.err);
    assertTrue(requests.contains("POST /jars/upload"), requests.toString());
  }

  @Test
  void aPageInsteadOfFlinksJsonIsNamedAsSuch() throws IOException {
    htmlOverview = true;
    Run r = submit();
    assertEquals(ExitStatus.NOTHING_DONE, r.status, r.err);
    assertEquals("submit: GET /overview at " + base + ": the answer is not Flink's JSON (text/html: <html><body>Sign"
        + " in</body></html>)\n", r.err);
  }

  @Test
  void helpAnywhereIsPrintedWithoutTheCluster() throws IOException {
    Run r = submit("--help");
    assertEquals(ExitStatus.OK, r.status, r.err);
    assertTrue(r.out.startsWith(RestSubmit.USAGE), r.out);
    assertTrue(r.out.contains("--input"), "and the pipeline's options");
    assertEquals(List.of(), requests);
  }

  /** The cluster refuses to start the job: its innermost cause, in one line; the jar is deleted all the same. */
  @Test
  void aJobTheClusterRefusesIsNamedWithItsCause() throws IOException {
    runRefused = 500;
    runErrors = "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n"
        + "\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.handleRequest(JarRunHandler.java:112)\n"
        + "Caused by: java.util.concurrent.CompletionException: org.apache.flink.client.program.ProgramInvocationException\n"
        + "Caused by: java.lang.NoClassDefFoundError: org/apache/beam/runners/flink/FlinkRunner\n"
        + "\t... 12 more";
    Run r = submit();
    assertEquals(ExitStatus.NOTHING_DONE, r.status, r.out + r.err);
    assertEquals("submit: the cluster refused to run the job (HTTP 500): java.lang.NoClassDefFoundError:"
        + " org/apache/beam/runners/flink/FlinkRunner\n", r.err);
    assertTrue(requests.contains("DELETE /jars/abc_radar-flink.jar"), requests.toString());
    assertFalse(requests.contains("GET /jobs/j1"), requests.toString());
  }

  /** Options the job's main refuses on the cluster are invalid options (2), in radar.jar's own line. */
  @Test
  void optionsTheClusterRefusesAreInvalidOptions() throws IOException {
    runRefused = 400;
    runErrors = "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n"
        + "Caused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error:"
        + " radarbeam: invalid options: --output=/data/out: /data is not writable\n"
        + "\tat org.apache.flink.client.program.PackagedProgram.callMainMethod(PackagedProgram.java:373)";
    Run r = submit();
    assertEquals(ExitStatus.INVALID_OPTIONS, r.status, r.out + r.err);
    assertEquals("radarbeam: invalid options: --output=/data/out: /data is not writable\n", r.err);
    assertTrue(requests.contains("DELETE /jars/abc_radar-flink.jar"), requests.toString());
  }

  /** Nothing listens at the REST address: said so, with how to start a cluster. */
  @Test
  void noRestApiAtTheAddressIsSaidSo() throws IOException {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    base = "http://127.0.0.1:" + port + "/";
    Run r = submit();
    assertEquals(ExitStatus.NOTHING_DONE, r.status, r.out + r.err);
    assertEquals("submit: no Flink REST API at " + base + " (start one: runners/flink/bin/local-cluster start)\n", r.err);
  }

  /** A job that failed crashed (4), with its root exception named; one cancelled did not finish (1). */
  @Test
  void aFailedJobExitsAsCrashedAndACancelledOneAsNothingDone() throws IOException {
    finalState = "FAILED";
    rootException = "org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy\n"
        + "\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:180)\n"
        + "Caused by: java.lang.OutOfMemoryError: Java heap space";
    Run failed = submit();
    assertEquals(ExitStatus.CRASHED, failed.status, failed.out + failed.err);
    assertTrue(failed.out.contains("final state: FAILED after 4.0 s"), failed.out);
    assertTrue(failed.err.contains("job FAILED: java.lang.OutOfMemoryError: Java heap space\n"), failed.err);
    assertFalse(failed.out.contains("exit status"), failed.out);

    polls.set(0);
    finalState = "CANCELED";
    rootException = "";
    Run cancelled = submit();
    assertEquals(ExitStatus.NOTHING_DONE, cancelled.status, cancelled.out + cancelled.err);
    assertTrue(cancelled.out.contains("final state: CANCELED after 4.0 s"), cancelled.out);
    assertFalse(cancelled.err.contains("job CANCELED"), cancelled.err);
  }

  /** Without --parallelism the job takes every slot: a cluster with none cannot run it, and nothing is uploaded. */
  @Test
  void aClusterWithoutTaskManagersRunsNothing() throws IOException {
    slotsTotal = 0;
    Run r = submit();
    assertEquals(ExitStatus.NOTHING_DONE, r.status, r.out + r.err);
    assertEquals("submit: the cluster at " + base + " has no TaskManager (slots-total 0)\n", r.err);
    assertEquals(List.of("GET /overview"), requests);
  }

  /** A --parallelism within the cluster's slots but above those free now is run, with a note that it waits. */
  @Test
  void aParallelismAboveTheFreeSlotsIsNotedAndRun() throws IOException {
    slotsTotal = 4;
    slotsAvailable = 1;
    Run r = submit("--parallelism=3");
    assertEquals(ExitStatus.OK, r.status, r.out + r.err);
    assertTrue(r.err.contains("submit: note: 1 of the cluster's 4 slot(s) are free now: the job waits for 2 more\n"),
        r.err);
  }

  /** --flinkMaster=HOST:PORT, as Beam's FlinkRunner takes it, names the cluster's REST address when --rest is not given. */
  @Test
  void aFlinkMasterAddressIsTheRestAddress() throws IOException {
    Run r = submit("--flinkMaster=" + base);
    assertEquals(ExitStatus.OK, r.status, r.out + r.err);
    assertEquals("GET /overview", requests.get(0));
    assertTrue(requests.contains("POST /jars/abc_radar-flink.jar/run"), requests.toString());
  }

  /** --detached: once the job has started and the jar is deleted, submit names the job and exits 0 without waiting. */
  @Test
  void aDetachedJobIsNamedAndLeftToTheCluster() throws IOException {
    Run r = submit("--detached");
    assertEquals(ExitStatus.OK, r.status, r.out + r.err);
    assertTrue(r.out.contains("job id: j1\n"), r.out);
    assertEquals(List.of("GET /overview", "POST /jars/upload", "POST /jars/abc_radar-flink.jar/run",
        "DELETE /jars/abc_radar-flink.jar"), requests, "no poll, no report, no cancel");
  }

  @Test
  void aParallelismThatIsNoNumberIsAnInvalidOption() throws IOException {
    Run r = submit("--parallelism=two");
    assertEquals(ExitStatus.INVALID_OPTIONS, r.status, r.out + r.err);
    assertEquals("submit: invalid options: --parallelism must be a whole number, got two\n", r.err);
    assertEquals(List.of(), requests, "nothing asked of the cluster");
  }
}
