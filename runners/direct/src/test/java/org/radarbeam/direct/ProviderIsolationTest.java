package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.source.ProviderServer;
import org.radarbeam.source.RawProvider;
import org.radarbeam.source.TimeWindow;

/**
 * One bad provider costs only itself: a provider that accepts connections and never answers, or
 * sends a body byte by byte, costs one request's deadline and retries, and the healthy provider's
 * frames are written; a window that would take too many probes is refused before any request.
 * The runs use the CronJob's shape with short deadlines (2 s, 2 attempts) and no --timeout.
 */
class ProviderIsolationTest {
  private static final DateTimeFormatter CHMI_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DWD_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);

  @TempDir Path tmp;
  Path out;
  ProviderServer chmi;
  Path chmiRoot;

  @BeforeEach
  void healthyChmi() throws IOException {
    out = tmp.resolve("out");
    chmiRoot = Files.createDirectories(tmp.resolve("www-chmi/hdf5"));
    chmi = new ProviderServer(tmp.resolve("www-chmi"));
  }

  @AfterEach
  void stop() {
    chmi.close();
  }

  private void chmiFrame(Instant t) throws IOException {
    Files.write(chmiRoot.resolve("T_PABV23_C_OKPR_" + CHMI_STAMP.format(t) + ".hdf"),
        TestComposites.uint8Composite("chmi", "20251117", "150000"));
  }

  private List<String> pngs() throws IOException {
    return RadarMainTest.images(out);
  }

  @Test
  void aBlackHoledProviderCostsOneRequestAndTheOthersAreWritten() throws IOException {
    long now = TimeWindow.floorSlot(Instant.now().getEpochSecond());
    chmiFrame(Instant.ofEpochSecond(now - 300));
    chmiFrame(Instant.ofEpochSecond(now - 600));
    try (RawProvider dwd = RawProvider.blackHole()) {
      long start = System.nanoTime();
      RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,chmi", "--latest=6", "--output=" + out,
          "--providerUrl=dwd=" + dwd.url("/weather/radar/composite") + ",chmi=" + chmi.url("/hdf5"),
          "--httpTimeout=PT2S", "--httpAttempts=2");
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(0, r.status, r.stdout + r.stderr);
      assertEquals(List.of("czechia/" + (now - 600) + ".png", "czechia/" + (now - 300) + ".png"), pngs());
      assertTrue(r.stdout.contains("  dwd: rendered 0, skipped 0, failed 0, newest frame none, provider unavailable"),
          r.stdout);
      assertTrue(r.stderr.contains("provider unavailable for the rest of this run"), r.stderr);
      // its index page, two attempts; then nothing: none of the 36 slots it would have probed instead
      assertEquals(2, dwd.connections());
      // two deadlines and a backoff, and the run around them; probing its slots would take half a minute more
      assertTrue(seconds < 20, "took " + seconds + " s");
    }
  }

  @Test
  void theOtherSourcesAreWrittenWhileAProviderStillHangs() throws Exception {
    long now = TimeWindow.floorSlot(Instant.now().getEpochSecond());
    chmiFrame(Instant.ofEpochSecond(now - 300));
    try (RawProvider dwd = RawProvider.blackHole()) {
      // DWD hangs for two 10 s deadlines; CHMI's frame is ready at once
      long start = System.nanoTime();
      WrittenAt written = WrittenAt.watch(out.resolve("czechia/" + (now - 300) + ".png"));
      RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,chmi", "--latest=1", "--output=" + out,
          "--providerUrl=dwd=" + dwd.url("/weather/radar/composite") + ",chmi=" + chmi.url("/hdf5"),
          "--httpTimeout=PT10S", "--httpAttempts=2");
      long end = System.nanoTime();
      assertEquals(0, r.status, r.stdout + r.stderr);
      long at = written.nanos();
      assertTrue(at > 0, "CHMI's frame was not written: " + r.stdout + r.stderr);
      double hung = (end - start) / 1e9;
      double beforeEnd = (end - at) / 1e9;
      assertTrue(hung >= 20, "DWD's two deadlines pass before the run ends: " + hung + " s");
      assertTrue(beforeEnd > 8, "CHMI's frame was written only " + beforeEnd + " s before the end, not while DWD hung");
    }
  }

  @Test
  void aDownloadSentByteByByteFailsItsFrameAtTheDeadlineAndTheOthersAreWritten() throws IOException {
    chmiFrame(Instant.parse("2025-11-17T15:05:00Z"));
    String names = Stream.of("1500", "1505", "1510").map(t -> "composite_dmax_20251117_" + t + "-hd5")
        .map(n -> "<a href=\"" + n + "\">" + n + "</a>\n").collect(Collectors.joining());
    byte[] index = ("<html><body><pre>" + names + "</pre></body></html>").getBytes(StandardCharsets.UTF_8);
    try (RawProvider dwd = RawProvider.dripping(Map.of("/weather/radar/composite/dmax/", index))) {
      long start = System.nanoTime();
      RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,chmi", "--from=2025-11-17T14:55Z",
          "--to=2025-11-17T15:10Z", "--output=" + out, "--runId=drip",
          "--providerUrl=dwd=" + dwd.url("/weather/radar/composite") + ",chmi=" + chmi.url("/hdf5"),
          "--httpTimeout=PT2S", "--httpAttempts=2", "--targetParallelism=2");
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(3, r.status, r.stdout + r.stderr);
      assertEquals(List.of("czechia/1763391900.png"), pngs());
      List<String> failures = Files.readAllLines(out.resolve("_failures/drip.jsonl"));
      assertEquals(3, failures.size(), failures.toString());
      assertTrue(failures.stream().allMatch(f -> f.contains("\"kind\":\"io\"")), failures.toString());
      assertTrue(failures.stream().anyMatch(f -> f.contains("timed out: no complete answer within 2 s (after 2 attempts)")),
          failures.toString());
      // the render workers (two here) may each have been reading one when it was given up; never all three
      assertTrue(failures.stream().anyMatch(f -> f.contains(": provider unavailable (an earlier request to 127.0.0.1:")),
          failures.toString());
      assertTrue(dwd.connections() <= 1 + 2 * 2, dwd.connections() + " connections");
      // the index page, one frame's two attempts and a backoff, maybe a second frame's, and the run around them
      assertTrue(seconds < 30, "took " + seconds + " s");
    }
  }

  /**
   * Downloads wait without holding a core (RenderSlots), and with frames from the providers the
   * Direct runner has two threads per core: with as many of DWD's downloads dripping as there are
   * cores, CHMI's frames are still rendered and written at once, long before DWD's deadline.
   */
  @Test
  void framesAreRenderedWhileAsManyDownloadsAsCoresHang() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Instant first = Instant.parse("2025-11-17T15:00:00Z");
    Instant last = first.plusSeconds(300L * (cores - 1));
    String names = Stream.iterate(first, t -> t.plusSeconds(300)).limit(cores)
        .map(t -> "composite_dmax_" + DWD_STAMP.format(t) + "-hd5")
        .map(n -> "<a href=\"" + n + "\">" + n + "</a>\n").collect(Collectors.joining());
    chmiFrame(first);
    chmiFrame(last);
    byte[] index = ("<html><body><pre>" + names + "</pre></body></html>").getBytes(StandardCharsets.UTF_8);
    try (RawProvider dwd = RawProvider.dripping(Map.of("/weather/radar/composite/dmax/", index))) {
      long start = System.nanoTime();
      WrittenAt written = WrittenAt.watch(out.resolve("czechia/" + first.getEpochSecond() + ".png"),
          out.resolve("czechia/" + last.getEpochSecond() + ".png"));
      RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,chmi", "--from=" + first, "--to=" + last,
          "--output=" + out, "--providerUrl=dwd=" + dwd.url("/weather/radar/composite") + ",chmi=" + chmi.url("/hdf5"),
          "--httpTimeout=PT25S", "--httpAttempts=1");
      long end = System.nanoTime();
      assertEquals(3, r.status, r.stdout + r.stderr);
      long at = written.nanos();
      assertTrue(at > 0, "CHMI's frames were not written: " + r.stdout + r.stderr);
      assertTrue(dwd.connections() >= 2, "its index page and at least one frame: " + dwd.connections());
      assertTrue((end - start) / 1e9 >= 25, "DWD's downloads drip until their deadline");
      assertTrue((end - at) / 1e9 > 10, "CHMI's frames were written " + (end - at) / 1e9 + " s before the end,"
          + " not while DWD's downloads hung");
    }
  }

  /** When all of some files exist, polled every 50 ms for up to a minute from a thread of its own. */
  private static final class WrittenAt {
    private final AtomicLong at = new AtomicLong();
    private final Thread watcher;

    private WrittenAt(Path... files) {
      long start = System.nanoTime();
      watcher = new Thread(() -> {
        while (at.get() == 0 && System.nanoTime() - start < 60_000_000_000L) {
          if (Stream.of(files).allMatch(Files::exists)) {
            at.set(System.nanoTime());
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      watcher.setDaemon(true);
      watcher.start();
    }

    static WrittenAt watch(Path... files) {
      return new WrittenAt(files);
    }

    /** System.nanoTime() when they all existed, or 0 if they never did; waits for the watcher. */
    long nanos() throws InterruptedException {
      watcher.join();
      return at.get();
    }
  }

  @Test
  void aWindowNeedingMoreProbesThanAllowedIsRefusedBeforeAnyRequest() {
    for (String dryRun : new String[] {"--dryRun=false", "--dryRun=true"}) {
      RadarMainTest.Run r = RadarMainTest.run("--sources=chmi", "--from=2015-01-01T00:00Z", "--to=2025-01-01T00:00Z",
          "--output=" + out, "--providerUrl=chmi=" + chmi.url("/hdf5"), dryRun);
      assertEquals(2, r.status, r.stdout + r.stderr);
      assertTrue(r.stderr.startsWith("radarbeam: invalid options: chmi has no index page: its frames are found by one"
          + " HEAD request per 5-minute slot, and 2015-01-01T00:00:00Z .. 2025-01-01T00:00:00Z needs 1052065, more than"
          + " --maxProbes=2016. Render long ranges from archives with --input"), r.stderr);
    }
    assertEquals(0, chmi.requests("HEAD") + chmi.requests("GET"));
    assertTrue(!Files.exists(out));
  }

  @Test
  void maxProbesBoundsTheProbingAndItsProgressIsLogged() throws IOException {
    Instant to = Instant.parse("2025-11-17T15:00:00Z");
    chmiFrame(to);
    String[] window = {"--sources=chmi", "--from=" + to.minusSeconds(599 * 300), "--to=" + to, "--dryRun=true",
        "--output=" + out, "--providerUrl=chmi=" + chmi.url("/hdf5")};
    RadarMainTest.Run refused = RadarMainTest.run(concat(window, "--maxProbes=599"));
    assertEquals(2, refused.status, refused.stdout + refused.stderr);
    assertTrue(refused.stderr.contains("needs 600, more than --maxProbes=599"), refused.stderr);
    assertEquals(0, chmi.requests("HEAD"));

    RadarMainTest.Run r = RadarMainTest.run(concat(window, "--maxProbes=600"));
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(600, chmi.requests("HEAD"));
    assertTrue(r.stderr.contains("chmi: probed 504 of 600 slots, 1 found"), r.stderr);
    assertTrue(r.stderr.contains("chmi: probed 600 of 600 slots, 1 found"), r.stderr);
  }

  private static String[] concat(String[] a, String b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + 1);
    all[a.length] = b;
    return all;
  }
}
