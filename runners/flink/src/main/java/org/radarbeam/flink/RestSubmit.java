package org.radarbeam.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

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
 * or the job did not finish; 2 invalid options (the job was not started).
 */
public final class RestSubmit {
  static final String ENTRY_CLASS = "org.radarbeam.flink.FlinkJob";
  static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED");
  /** Pipeline options that name local paths: made absolute, as the cluster's JVMs run elsewhere. */
  static final Set<String> PATH_OPTIONS = Set.of("input", "output", "failures", "dataPrefix");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final PrintStream out;
  private final PrintStream err;
  private URI rest;
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
      rest = restUri(restArg);
      if (!Args.has(pipeline, "runner")) {
        pipeline.add("--runner=FlinkRunner");
      }
      if (!Args.has(pipeline, "flinkMaster")) {
        pipeline.add("--flinkMaster=[auto]");
      }
      absolutePaths(pipeline);
      if ((Args.has(pipeline, "numberOfExecutionRetries") || Args.has(pipeline, "executionRetryDelay"))
          && !"true".equals(Args.value(pipeline, "useDataStreamForBatch"))) {
        err.println("submit: note: Beam's FlinkRunner applies --numberOfExecutionRetries/--executionRetryDelay to"
            + " streaming environments only; this batch run restarts as the cluster's restart-strategy says");
      }
      JsonNode overview = get("/overview");
      int slots = overview.path("slots-total").asInt();
      if (!Args.has(pipeline, "parallelism")) {
        if (slots < 1) {
          err.println("submit: the cluster at " + rest + " has no TaskManager (slots-total 0)");
          return 1;
        }
        pipeline.add("--parallelism=" + slots);
      }
      out.printf(Locale.ROOT, "cluster %s: Flink %s, %d TaskManager(s), %d slot(s)%n", rest,
          overview.path("flink-version").asText(), overview.path("taskmanagers").asInt(), slots);

      Path jar = jarArg != null ? Paths.get(jarArg) : ownJar();
      String jarId = upload(jar);
      try {
        jobId = runJar(jarId, pipeline);
      } catch (InvalidOptions e) {
        err.println(e.getMessage());
        return 2;
      } finally {
        delete("/jars/" + jarId);
      }
      out.println("job id: " + jobId);
      out.println("web UI: " + rest.resolve("/#/job/running/" + jobId + "/overview"));
      if (detached) {
        return 0;
      }
      Thread cancelOnInterrupt = new Thread(this::cancelIfRunning, "cancel-on-interrupt");
      Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
      JsonNode job = follow(timeout);
      jobId = null; // the job has ended: nothing to cancel any more
      Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
      return report(job);
    } catch (IOException | InterruptedException | RuntimeException e) {
      err.println("submit: " + e.getMessage());
      return 1;
    }
  }

  // --- the REST calls ------------------------------------------------------------------------------

  String upload(Path jar) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("job jar not found: " + jar + " (build it: mvn -f runners/flink/pom.xml package)");
    }
    String boundary = "radarbeam-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    HttpRequest req = HttpRequest.newBuilder(rest.resolve("/jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .timeout(Duration.ofMinutes(10))
        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
            HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail)))
        .build();
    JsonNode r = send(req, "upload " + jar.getFileName());
    String filename = r.path("filename").asText();
    if (!"success".equals(r.path("status").asText()) || filename.isEmpty()) {
      throw new IOException("upload of " + jar + " failed: " + r);
    }
    out.printf(Locale.ROOT, "uploaded %s (%.1f MB) in %.1f s%n", jar.getFileName(), Files.size(jar) / 1e6,
        (System.nanoTime() - t0) / 1e9);
    return filename.substring(filename.lastIndexOf('/') + 1);
  }

  String runJar(String jarId, List<String> args) throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("entryClass", ENTRY_CLASS);
    ArrayNode list = body.putArray("programArgsList");
    args.forEach(list::add);
    out.println("run: " + String.join(" ", args));
    HttpRequest req = HttpRequest.newBuilder(rest.resolve("/jars/" + jarId + "/run"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(10))
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
        .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      String text = errors(r.body());
      int i = text.indexOf("radarbeam: invalid options:");
      if (i >= 0) {
        throw new InvalidOptions(firstLine(text.substring(i)));
      }
      throw new IOException("the cluster refused to run the job (HTTP " + r.statusCode() + "): " + cause(text));
    }
    String id = json.readTree(r.body()).path("jobid").asText();
    if (id.isEmpty()) {
      throw new IOException("no job id in " + r.body());
    }
    return id;
  }

  /** Polls the job until it ends; prints its state changes. */
  JsonNode follow(Duration timeout) throws IOException, InterruptedException {
    Instant start = Instant.now();
    String last = "";
    while (true) {
      JsonNode job = get("/jobs/" + jobId);
      String state = job.path("state").asText();
      if (!state.equals(last)) {
        out.printf(Locale.ROOT, "%s job %s%n", Instant.now().toString().substring(11, 19), state);
        last = state;
      }
      if (TERMINAL.contains(state)) {
        return job;
      }
      if (timeout != null && Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
        out.println("timeout " + timeout + " reached: cancelling the job");
        cancelIfRunning();
        timeout = null;
      }
      Thread.sleep(1000);
    }
  }

  int report(JsonNode job) throws IOException, InterruptedException {
    String id = job.path("jid").asText();
    String state = job.path("state").asText();
    double seconds = job.path("duration").asLong() / 1000.0;
    JsonNode acc = get("/jobs/" + id + "/accumulators");
    String text = null;
    for (JsonNode a : acc.path("user-task-accumulators")) {
      if (ClusterCounters.ACCUMULATOR.equals(a.path("name").asText())) {
        text = a.path("value").asText();
      }
    }
    ClusterCounters c = ClusterCounters.fromAccumulatorText(text);
    JsonNode exceptions = get("/jobs/" + id + "/exceptions");
    JsonNode history = exceptions.path("exceptionHistory").path("entries");
    out.printf(Locale.ROOT, "final state: %s after %.1f s%n", state, seconds);
    out.println("failures recovered: " + (state.equals("FINISHED") ? history.size() : Math.max(0, history.size() - 1)));
    for (JsonNode e : history) {
      String task = e.path("taskName").asText("");
      out.println("  " + Instant.ofEpochMilli(e.path("timestamp").asLong()).toString().substring(11, 19) + " "
          + (e.path("taskManagerId").isMissingNode() || e.path("taskManagerId").isNull() ? ""
              : "on " + e.path("taskManagerId").asText() + ": ")
          + cause(e.path("stacktrace").asText(e.path("exceptionName").asText()))
          + (task.isEmpty() ? "" : " (task " + (task.length() > 80 ? task.substring(0, 80) + "..." : task) + ")"));
    }
    out.println(c.line());
    out.print(c.table());
    long rendered = c.get("frames_rendered");
    out.printf(Locale.ROOT,
        "summary: frames listed %d, skipped %d, rendered %d, failed %d, bytes written %d (%.1f MB), %.1f s,"
            + " %.2f frames/s%n",
        c.get("frames_listed"), c.get("frames_skipped"), rendered, c.get("frames_failed"), c.get("bytes_written"),
        c.get("bytes_written") / 1e6, seconds, seconds > 0 ? rendered / seconds : 0.0);
    if (!state.equals("FINISHED")) {
      String root = exceptions.path("root-exception").asText("");
      if (!root.isEmpty()) {
        err.println("job " + state + ": " + cause(root));
      }
      return 1;
    }
    int status = c.exitStatus();
    out.println("exit status " + status);
    return status;
  }

  void cancelIfRunning() {
    String id = jobId;
    if (id == null) {
      return;
    }
    try {
      HttpRequest req = HttpRequest.newBuilder(rest.resolve("/jobs/" + id + "?mode=cancel"))
          .timeout(Duration.ofSeconds(20))
          .method("PATCH", HttpRequest.BodyPublishers.noBody()).build();
      http.send(req, HttpResponse.BodyHandlers.discarding());
      err.println("submit: cancelled job " + id);
    } catch (IOException | InterruptedException e) {
      err.println("submit: could not cancel job " + id + ": " + e.getMessage());
    }
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    return send(req, "GET " + path);
  }

  void delete(String path) {
    try {
      http.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(30)).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException e) {
      err.println("submit: could not delete " + path + ": " + e.getMessage());
    }
  }

  private JsonNode send(HttpRequest req, String what) throws IOException, InterruptedException {
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException("no Flink REST API at " + rest + " (start one: runners/flink/bin/local-cluster start)", e);
    }
    if (r.statusCode() / 100 != 2) {
      throw new IOException(what + ": HTTP " + r.statusCode() + ": " + cause(errors(r.body())));
    }
    return json.readTree(r.body());
  }

  // --- helpers ---------------------------------------------------------------------------------------

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

  private String errors(String body) {
    try {
      JsonNode n = json.readTree(body);
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : n.path("errors")) {
        sb.append(e.asText()).append('\n');
      }
      return sb.length() > 0 ? sb.toString() : body;
    } catch (IOException | RuntimeException e) {
      return body;
    }
  }

  /** The innermost "Caused by:" line of a stack trace, or its first line. */
  static String cause(String trace) {
    String best = firstLine(trace);
    for (String line : trace.split("\n")) {
      String l = line.trim();
      if (l.startsWith("Caused by: ")) {
        best = l.substring("Caused by: ".length());
      }
    }
    return best.length() > 400 ? best.substring(0, 400) + "..." : best;
  }

  static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  static final class InvalidOptions extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidOptions(String message) {
      super(message);
    }
  }
}
