package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.radarbeam.testing.HttpAnswers;

/** A run stopped by --timeout still reports what failed before it, and says so in its exit status. */
class TimeoutRunTest {
  private static final List<String> BROKEN = List.of("1500", "1505", "1510", "1515", "1520");
  private static final String HANGING = "1525";

  /** The frames DWD's index lists (HHmm on 2025-11-17). */
  private volatile List<String> listed = concat();
  /** Whether the download of a frame never ends, by its HHmm; decided when it is asked for. */
  private volatile Predicate<String> hangs = HANGING::equals;

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
    server.createContext("/dmax/", this::handle);
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
      if (path.equals("/dmax/")) {
        StringBuilder index = new StringBuilder("<html><body><pre>\n");
        for (String t : listed) {
          String name = "composite_dmax_20251117_" + t + "-hd5";
          index.append("<a href=\"").append(name).append("\">").append(name).append("</a>\n");
        }
        HttpAnswers.send(ex, 200, "text/html", index.append("</pre></body></html>").toString().getBytes(StandardCharsets.UTF_8));
      } else if (hangs.test(path.substring(path.length() - "HHmm-hd5".length(), path.length() - "-hd5".length()))) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        HttpAnswers.send(ex, 200, "not a radar file");
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
    // progress is logged once rendering has started (here: the first failures), while the run waits
    assertTrue(r.stderr.matches("(?s).*progress: rendered 0/6 frames \\([1-5] failed, 0 skipped\\), [0-9.]+ frames/s, ETA \\d+ s.*"),
        r.stderr);
    assertTrue(r.stdout.contains("failure report: " + out.resolve("_failures/stopped.jsonl")), r.stdout);
    assertReportsEveryCountedFailure(r, out);
    assertTrue(Files.readString(out.resolve("_failures/stopped.jsonl")).indexOf(HANGING + "-hd5") < 0);
  }

  /**
   * Twenty frames dealt to two workers in four groups of five: the first ten downloads are broken files,
   * which fail at once, and every later one never ends. However the groups are handed out, at least one
   * group fails whole before both workers hang, and no step queued behind the hanging groups runs before
   * the timeout: the records of its failures must be kept where they are counted.
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
