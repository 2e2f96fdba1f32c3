package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.testing.HttpAnswers;

/** A run stopped by --timeout still reports what failed before it, and says so in its exit status. */
class TimeoutRunTest {
  private static final List<String> BROKEN = List.of("1500", "1505", "1510", "1515", "1520");
  private static final String HANGING = "1525";

  /** The frames DWD's index lists (HHmm on 2025-11-17). */
  private volatile List<String> listed = concat();
  /** Whether the download of a frame never ends, by its HHmm; decided when it is asked for. */
  private volatile Predicate<String> hangs = HANGING::equals;
  /** The path the provider's folders lie under ("" for the root). */
  private volatile String prefix = "";
  /** Run when a download that never ends is asked for. */
  private volatile Runnable onHang = () -> { };
  /** What the frames that do not hang are: not radar files, unless set to a DWD frame's bytes. */
  private volatile byte[] frame = "not a radar file".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path tmp;
  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    // DWD's index lists six frames: five are not HDF5, the sixth never finishes downloading
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "timeout-provider");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    // the stopped run's worker still waits on the hanging download: let it fail, and end, before
    // the next test captures the log
    release.countDown();
    RadarMainTest.awaitRunnerWorkers();
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      path = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
      if (path.equals("/dmax/")) {
        StringBuilder index = new StringBuilder("<html><body><pre>\n");
        for (String t : listed) {
          String name = "composite_dmax_20251117_" + t + "-hd5";
          index.append("<a href=\"").append(name).append("\">").append(name).append("</a>\n");
        }
        HttpAnswers.send(ex, 200, "text/html", index.append("</pre></body></html>").toString().getBytes(StandardCharsets.UTF_8));
      } else if (hangs.test(path.substring(path.length() - "HHmm-hd5".length(), path.length() - "-hd5".length()))) {
        onHang.run();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        HttpAnswers.send(ex, 200, "application/octet-stream", frame);
      }
    }
  }

  private static List<String> concat() {
    List<String> all = new ArrayList<>(BROKEN);
    all.add(HANGING);
    return all;
  }

  @Test
  void failuresBeforeTheTimeoutAreReported() throws IOException {
    Path out = tmp.resolve("out");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:25Z",
        "--providerUrl=dwd=http://127.0.0.1:" + server.getAddress().getPort(), "--output=" + out,
        "--timeout=PT10S", "--httpAttempts=1", "--targetParallelism=2", "--runId=stopped");
    assertEquals(3, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("timed out after PT10S"), r.stdout);
    // the hanging frame: counted nowhere else, so the numbers still add up
    assertTrue(r.stdout.contains("1 listed frame(s) were in flight or not reached when the run stopped"), r.stdout);
    // progress is logged once rendering has started (here: the first failures), while the run waits
    assertTrue(r.stderr.matches("(?s).*progress: rendered 0/6 frames \\([1-5] failed, 0 skipped\\), [0-9.]+ frames/s, ETA \\d+ s.*"),
        r.stderr);
    assertTrue(r.stdout.contains("failure report: " + out.resolve("_failures/stopped.jsonl")), r.stdout);
    assertReportsEveryCountedFailure(r, out);
    assertTrue(Files.readString(out.resolve("_failures/stopped.jsonl")).indexOf(HANGING + "-hd5") < 0);
  }

  /**
   * The failure report of a run cut short whose folder can no longer be made (a file took its place after the
   * preflight): one line says it cannot be written (with --logFormat=json, a log event, stdout keeping its one
   * summary object), the summary names no report, and the exit status is still that of a run with failures.
   */
  @ParameterizedTest(name = "json {0}")
  @ValueSource(booleans = {false, true})
  void aFailureReportThatCannotBeWrittenIsSaidInOneLine(boolean json) throws IOException {
    Path reports = tmp.resolve("reports");
    onHang = () -> {
      try {
        Files.writeString(reports, "a file where the report's folder should be");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    // a bound with room for a loaded machine: the frames must be listed and fail before the request window ends
    Path out = tmp.resolve("out");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:25Z",
        "--providerUrl=dwd=http://127.0.0.1:" + server.getAddress().getPort(), "--output=" + out,
        "--failures=" + reports.resolve("stopped.jsonl"), "--timeout=PT20S", "--httpAttempts=1",
        "--targetParallelism=2", "--runId=stopped", "--logFormat=" + (json ? "json" : "text"));
    assertEquals(3, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("timed out after PT20S"), r.stdout);
    if (json) {
      assertFalse(r.stderr.contains("radarbeam: the failure report"), "no text line among JSON lines: " + r.stderr);
      List<String> events = r.stderr.lines().filter(l -> l.contains("the failure report cannot be written: ")).toList();
      assertEquals(1, events.size(), r.stderr);
      assertTrue(events.get(0).contains(reports.toString()), events.get(0));
      List<String> stdout = r.stdout.lines().toList();
      assertEquals(1, stdout.size(), "stdout holds the summary object alone: " + r.stdout);
      com.fasterxml.jackson.databind.JsonNode summary =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout.get(0));
      assertTrue(summary.path("timedOut").isTextual(), r.stdout);
      assertTrue(summary.path("failureReport").isMissingNode(), r.stdout);
      assertTrue(Files.isRegularFile(reports), "nothing replaced the file");
      return;
    }
    List<String> lines = r.stderr.lines().filter(l -> l.startsWith("radarbeam: the failure report cannot be written: "))
        .toList();
    assertEquals(1, lines.size(), r.stderr);
    assertTrue(lines.get(0).contains(reports.toString()), lines.get(0));
    assertFalse(r.stdout.contains("failure report:"), r.stdout);
    assertTrue(Files.isRegularFile(reports), "nothing replaced the file");
  }

  /**
   * Twenty frames dealt to two workers one by one (a run with --timeout): the first ten downloads are broken
   * files, which fail at once, and every later one never ends, so no step queued behind the hanging frames
   * runs before the timeout: the records of the failures must be kept where they are counted.
   */
  @Test
  void failuresCountedBeforeBothWorkersHangAreAllReported() throws IOException {
    listed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      listed.add(String.format("%02d%02d", 15 + i * 5 / 60, i * 5 % 60));
    }
    AtomicInteger asked = new AtomicInteger();
    hangs = t -> asked.incrementAndGet() > 10;
    Path out = tmp.resolve("out");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T16:35Z",
        "--providerUrl=dwd=http://127.0.0.1:" + server.getAddress().getPort(), "--output=" + out,
        "--timeout=PT10S", "--httpAttempts=1", "--targetParallelism=2", "--runId=stopped");
    assertEquals(3, r.status, r.stdout + r.stderr);
    assertReportsEveryCountedFailure(r, out);
  }

  /**
   * Failure records beyond what the metric they are kept in holds (about 1 MB; here twelve records of some
   * 200 KB each, their URLs that long): the report lists those kept, and the log says how many of the failures.
   */
  @Test
  void aReportOfMoreRecordsThanTheMetricHoldsListsThoseKeptAndSaysSo() throws IOException {
    listed = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      listed.add(String.format("%02d%02d", 15 + i * 5 / 60, i * 5 % 60));
    }
    AtomicInteger asked = new AtomicInteger();
    hangs = t -> asked.incrementAndGet() > 12;
    prefix = "/" + "p".repeat(200_000);
    Path out = tmp.resolve("out");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T16:05Z",
        "--providerUrl=dwd=http://127.0.0.1:" + server.getAddress().getPort() + prefix, "--output=" + out,
        "--timeout=PT20S", "--httpAttempts=1", "--targetParallelism=2", "--runId=stopped");
    assertEquals(3, r.status, r.stdout.length() > 2000 ? r.stdout.substring(0, 2000) : r.stdout);
    Matcher failed = Pattern.compile("failed (\\d+)").matcher(r.stdout);
    assertTrue(failed.find(), r.stdout.substring(0, Math.min(2000, r.stdout.length())));
    List<String> report = Files.readAllLines(out.resolve("_failures/stopped.jsonl"));
    assertTrue(report.size() < Integer.parseInt(failed.group(1)), report.size() + " of " + failed.group(1));
    assertTrue(r.stderr.contains("the failure report of this run cut short lists " + report.size() + " of its "
        + failed.group(1) + " failures (the metric it is kept in holds about 1 MB, and identical records once)"),
        "the warning");
  }

  /**
   * The frames written before the timeout are counted in its summary: in a run with --timeout each frame is a
   * bundle of its own, whose counters the runner commits when it is done, not with the frames dealt beside it.
   */
  @Test
  void framesWrittenBeforeTheTimeoutAreCounted() throws IOException {
    frame = Files.readAllBytes(Path.of("src/main/resources/cds/dwd/composite_dmax_20251117_1500-hd5"));
    Path out = tmp.resolve("out");
    // a bound with room for a loaded machine: the five frames must be written before the request window ends
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:25Z",
        "--providerUrl=dwd=http://127.0.0.1:" + server.getAddress().getPort(), "--output=" + out,
        "--timeout=PT20S", "--httpAttempts=1", "--targetParallelism=2", "--logFormat=json");
    assertEquals(0, r.status, r.stdout + r.stderr);
    List<String> written;
    try (java.util.stream.Stream<Path> pngs = Files.list(out.resolve("germany"))) {
      written = pngs.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
    }
    assertEquals(5, written.size(), "all but the hanging frame: " + written);
    com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(r.stdout.lines().filter(l -> l.startsWith("{\"summary\"")).findFirst().orElseThrow());
    assertEquals(5, summary.path("rendered").asInt(), r.stdout);
    assertEquals(5, summary.path("objectsWritten").asInt(), r.stdout);
    assertEquals("2025-11-17T15:20:00Z", summary.path("sources").path("dwd").path("newestFrame").asText(), r.stdout);
    assertTrue(summary.path("timedOut").isTextual(), r.stdout);
    assertTrue(summary.path("notReached").asText().startsWith("1 listed frame(s) were in flight"), r.stdout);
  }

  /**
   * SIGTERM (a pod's deadline or eviction) stops a run as --timeout does: its summary is printed and, where
   * records are kept for a run cut short (--timeout), its failure report written; the JVM exits with the
   * signal's status. Ctrl-C (SIGINT) does the same, without --timeout too.
   */
  @Test
  void aSignalStopsTheRunWithItsSummaryAndReport() throws Exception {
    Path out = tmp.resolve("out");
    Forked term = Forked.start("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:25Z",
        "--providerUrl=dwd=http://127.0.0.1:" + server.getAddress().getPort(), "--output=" + out,
        "--timeout=PT5M", "--httpAttempts=1", "--targetParallelism=2", "--runId=stopped");
    term.awaitFailures(BROKEN.size());
    term.signal("TERM"); // not Process.destroy, which closes the output it would print
    String output = term.end();
    assertEquals(143, term.process.exitValue(), output);
    assertTrue(output.contains("asked to stop (SIGTERM or Ctrl-C)"), output);
    assertTrue(output.contains("summary: frames listed 6, skipped 0, rendered 0, failed 5"), output);
    assertTrue(output.contains("stopped by SIGTERM or Ctrl-C; the next run continues"), output);
    assertTrue(output.contains("failure report: " + out.resolve("_failures/stopped.jsonl")), output);
    List<String> report = Files.readAllLines(out.resolve("_failures/stopped.jsonl"));
    assertEquals(BROKEN.size(), report.size(), report.toString());

    // a build started in the background of a shell (or under nohup) ignores SIGINT, and so does every JVM it
    // starts: such a JVM sets no handler for it, and Ctrl-C cannot be tried there
    assumeFalse(ignoresSigint(), "skipped: SIGINT is ignored by this process (started in the background or under"
        + " nohup), and its child JVM inherits that, so the Ctrl-C half of this test cannot run here");
    Path out2 = tmp.resolve("out2");
    Forked interrupt = Forked.start("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:25Z",
        "--providerUrl=dwd=http://127.0.0.1:" + server.getAddress().getPort(), "--output=" + out2,
        "--httpAttempts=1", "--targetParallelism=2", "--runId=interrupted");
    interrupt.awaitFailures(BROKEN.size());
    interrupt.signal("INT");
    String output2 = interrupt.end();
    assertEquals(130, interrupt.process.exitValue(), output2);
    assertTrue(output2.contains("stopped by SIGTERM or Ctrl-C; the next run continues"), output2);
    // without --timeout frames are dealt in bundles: the counts and records of a bundle cut short are lost
    // together, and the report lists every failure the summary counts
    Matcher failed = Pattern.compile("failed ([1-5]),").matcher(output2);
    assertTrue(failed.find(), output2);
    assertEquals(Integer.parseInt(failed.group(1)), Files.readAllLines(out2.resolve("_failures/interrupted.jsonl")).size(),
        output2);
  }

  /** Whether this process ignores SIGINT (signal 2: bit 1 of the SigIgn mask in /proc/self/status). */
  private static boolean ignoresSigint() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
      }
    }
    return false;
  }

  /** radar.jar's main in a JVM of its own, its output gathered as it comes. */
  private static final class Forked {
    final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private Forked(Process process) {
      this.process = process;
      this.reader = new Thread(() -> {
        try (java.io.BufferedReader r = process.inputReader(StandardCharsets.UTF_8)) {
          for (String line; (line = r.readLine()) != null; ) {
            output.append(line).append('\n');
          }
        } catch (IOException e) {
          output.append(e).append('\n');
        }
      });
      reader.start();
    }

    static Forked start(String... args) throws IOException {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RadarMain.class.getName()));
      cmd.addAll(List.of(args));
      return new Forked(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Waits until {@code n} frames have failed (at most two minutes). */
    void awaitFailures(int n) throws InterruptedException {
      long end = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
      while (output.toString().split(": not-hdf5: ", -1).length - 1 < n) {
        assertTrue(System.nanoTime() < end && process.isAlive(), output.toString());
        Thread.sleep(100);
      }
    }

    void signal(String name) throws IOException, InterruptedException {
      assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor());
    }

    /** Waits for the JVM to end (at most a minute) and returns all it printed. */
    String end() throws InterruptedException {
      assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output.toString());
      reader.join(10_000);
      return output.toString();
    }
  }

  /** Every failure the summary counts is in the report: each record is kept in the bundle that counts it. */
  private void assertReportsEveryCountedFailure(RadarMainTest.Run r, Path out) throws IOException {
    Matcher failed = Pattern.compile("failed (\\d+)").matcher(r.stdout);
    assertTrue(failed.find(), r.stdout);
    List<String> report = Files.readAllLines(out.resolve("_failures/stopped.jsonl"));
    assertTrue(!report.isEmpty(), r.stdout);
    assertEquals(Integer.parseInt(failed.group(1)), report.size(), r.stdout + report);
    for (String line : report) {
      assertTrue(line.contains("\"kind\":\"not-hdf5\""), line);
    }
  }
}
