package org.radarbeam.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The calls of Flink's REST API that a submission needs: cluster overview, jar upload and run,
 * job state, accumulators, exceptions, cancel. Errors become IOExceptions with one readable line.
 */
final class FlinkRestClient {
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI rest;

  FlinkRestClient(URI rest) {
    this.rest = rest;
  }

  URI address() {
    return rest;
  }

  /** {@code GET /overview}: Flink version, TaskManagers, slots. */
  JsonNode overview() throws IOException, InterruptedException {
    return get("overview");
  }

  /** {@code POST /jars/upload}; returns the jar's id on the cluster. */
  String upload(Path jar) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("job jar not found: " + jar + " (build it: mvn -q -B -ntp -pl runners/flink -am package -DskipTests)");
    }
    String boundary = "radarbeam-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpRequest req = HttpRequest.newBuilder(rest.resolve("jars/upload"))
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
    return filename.substring(filename.lastIndexOf('/') + 1);
  }

  /**
   * {@code POST /jars/:id/run} with {@code entryClass} and {@code args}; returns the job id.
   *
   * @throws InvalidOptions the job's main refused the options (the job was not started)
   */
  String runJar(String jarId, String entryClass, List<String> args) throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("entryClass", entryClass);
    ArrayNode list = body.putArray("programArgsList");
    args.forEach(list::add);
    HttpRequest req = HttpRequest.newBuilder(rest.resolve("jars/" + jarId + "/run"))
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

  JsonNode job(String jobId) throws IOException, InterruptedException {
    return get("jobs/" + jobId);
  }

  /** The text of the job's accumulator {@code name}, or null if it has none. */
  String accumulator(String jobId, String name) throws IOException, InterruptedException {
    String text = null;
    for (JsonNode a : get("jobs/" + jobId + "/accumulators").path("user-task-accumulators")) {
      if (name.equals(a.path("name").asText())) {
        text = a.path("value").asText();
      }
    }
    return text;
  }

  JsonNode exceptions(String jobId) throws IOException, InterruptedException {
    return get("jobs/" + jobId + "/exceptions");
  }

  /** {@code PATCH /jobs/:id?mode=cancel}; an IOException when the cluster does not accept it (web.cancel.enable). */
  void cancel(String jobId) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(rest.resolve("jobs/" + jobId + "?mode=cancel"))
        .timeout(Duration.ofSeconds(20))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + r.statusCode() + ": " + cause(errors(r.body())));
    }
  }

  void deleteJar(String jarId) throws IOException, InterruptedException {
    http.send(HttpRequest.newBuilder(rest.resolve("jars/" + jarId)).timeout(Duration.ofSeconds(30)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** {@code GET} of {@code path}, relative to the REST address (which may have a path of its own). */
  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    return send(req, "GET /" + path);
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
    try {
      return json.readTree(r.body());
    } catch (IOException e) {
      // a proxy's or a login page's answer, not Flink's
      String start = firstLine(r.body());
      throw new IOException(what + " at " + rest + ": the answer is not Flink's JSON ("
          + r.headers().firstValue("Content-Type").orElse("no Content-Type") + ": "
          + (start.length() > 80 ? start.substring(0, 80) + "..." : start) + ")");
    }
  }

  /** The "errors" of a REST error body, one per line; the body itself if it has none. */
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

  /** The job's main refused its options; the job was not started. */
  static final class InvalidOptions extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidOptions(String message) {
      super(message);
    }
  }
}
