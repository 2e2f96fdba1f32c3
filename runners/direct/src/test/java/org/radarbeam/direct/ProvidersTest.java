package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.netcdf.OmszFixtures;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.source.ProviderServer;
import org.radarbeam.source.TimeWindow;

/** Backfills from providers served on 127.0.0.1 under their real paths and names. */
class ProvidersTest {
  @TempDir Path tmp;
  Path out;
  final List<ProviderServer> servers = new ArrayList<>();
  ProviderServer dwd;
  ProviderServer shmu;
  ProviderServer chmi;
  ProviderServer imgw;

  @BeforeEach
  void setUp() throws IOException {
    out = tmp.resolve("out");
    dwd = server("dwd", "weather/radar/composite/dmax/composite_dmax_20251117_1400-hd5",
        "weather/radar/composite/dmax/composite_dmax_20251117_1500-hd5",
        "weather/radar/composite/dmax/composite_dmax_20251117_1505-hd5",
        "weather/radar/composite/dmax/composite_dmax_20251117_1510-hd5");
    shmu = server("shmu", "skcomp/zmax/20251117/T_PABV22_C_LZIB_20251117150000.hdf",
        "skcomp/zmax/20251117/T_PABV22_C_LZIB_20251117151000.hdf");
    chmi = server("chmi", "hdf5/T_PABV23_C_OKPR_20251117150500.hdf");
    imgw = server("imgw", "HVD_COMPO_CMAX_250.comp.cmax/2025111715050000dBZ.cmax.h5");
    imgw.htmlForMissing(true); // its server answers 200 with an HTML page for files it does not have
  }

  @AfterEach
  void tearDown() {
    servers.forEach(ProviderServer::close);
  }

  private ProviderServer server(String name, String... files) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("www-" + name));
    for (String f : files) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      Files.write(p, TestComposites.uint8Composite(name, "20251117", "150000"));
    }
    ProviderServer s = new ProviderServer(root);
    servers.add(s);
    return s;
  }

  private String providerUrls() {
    return "--providerUrl=dwd=" + dwd.url("/weather/radar/composite") + ",shmu=" + shmu.url("/skcomp")
        + ",chmi=" + chmi.url("/hdf5") + ",imgw=" + imgw.url("/HVD_COMPO_CMAX_250.comp.cmax");
  }

  private List<String> pngs() throws IOException {
    return RadarMainTest.images(out);
  }

  @Test
  void backfillRendersExactlyTheFramesThatExistAndARerunWritesNothing() throws IOException {
    String[] args = {"--sources=dwd,shmu,chmi,imgw", "--from=2025-11-17T14:55Z", "--to=2025-11-17T15:10Z",
        "--output=" + out, providerUrls(), "--httpAttempts=2"};
    RadarMainTest.Run r = RadarMainTest.run(args);
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(List.of("czechia/1763391900.png", "germany/1763391600.png", "germany/1763391900.png",
        "germany/1763392200.png", "poland/1763391900.png", "slovakia/1763391600.png", "slovakia/1763392200.png"), pngs());
    int dwdGets = dwd.requests("GET");
    assertEquals(4, dwdGets, "one index page and three files");

    RadarMainTest.Run again = RadarMainTest.run(args);
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stdout.contains("frames listed 7, skipped 7, rendered 0, failed 0"), again.stdout);
    assertEquals(dwdGets + 1, dwd.requests("GET"), "a rerun reads the index page and no file");
  }

  /** A window in which the providers list no frame: nothing done (1), and the summary says so for the window. */
  @Test
  void aWindowWithoutFramesAtTheProvidersIsNothingFound() {
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-16T15:00Z", "--to=2025-11-16T15:10Z",
        "--output=" + out, providerUrls(), "--httpAttempts=1");
    assertEquals(1, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("frames listed 0,"), r.stdout);
    assertTrue(r.stdout.contains("\nno frames found at the providers for 2025-11-16T15:00:00Z .. 2025-11-16T15:10:00Z\n"),
        r.stdout);
  }

  @Test
  void aProviderThatIsDownHangsOrAnswersHtmlDoesNotStopTheOthers() throws IOException {
    dwd.mode(ProviderServer.Mode.HANG);
    shmu.mode(ProviderServer.Mode.HTML_EVERYWHERE);
    chmi.close();
    long start = System.nanoTime();
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,shmu,chmi,imgw", "--from=2025-11-17T14:55Z",
        "--to=2025-11-17T15:10Z", "--output=" + out, providerUrls(), "--httpAttempts=2", "--httpTimeout=PT2S");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(List.of("poland/1763391900.png"), pngs());
    assertTrue(r.stdout.contains("sources unavailable 2"), r.stdout); // dwd hangs, chmi refuses; shmu lists nothing
    assertTrue(r.stdout.contains("  dwd: rendered 0, skipped 0, failed 0, newest frame none, provider unavailable"), r.stdout);
    assertTrue(r.stdout.contains("  chmi: rendered 0, skipped 0, failed 0, newest frame none, provider unavailable"), r.stdout);
    assertTrue(r.stdout.contains("  poland") || r.stdout.contains("  imgw: rendered 1,"), r.stdout);
    assertTrue(seconds < 60, "took " + seconds + " s");
  }

  @Test
  void aHangingProviderCannotHoldTheRunPastItsTimeout() throws IOException {
    dwd.mode(ProviderServer.Mode.HANG);
    long start = System.nanoTime();
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,chmi", "--from=2025-11-17T14:55Z", "--to=2025-11-17T15:10Z",
        "--output=" + out, providerUrls(), "--timeout=PT12S", "--httpTimeout=PT2S");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, r.status, r.stdout + r.stderr);
    // DWD's discovery is not waited for past its budget (a third of --timeout and half of that again, 6 s): the
    // run ends with DWD unavailable and CHMI rendered (its requests may start until 8.5 s), before the timeout
    // would have stopped it
    assertTrue(r.stdout.contains("  dwd: rendered 0, skipped 0, failed 0, newest frame none, provider unavailable"),
        r.stdout);
    assertTrue(r.stdout.contains("  chmi: rendered 1,"), r.stdout);
    assertTrue(seconds < 20, "took " + seconds + " s, not bounded by the timeout (DWD hangs for 30 s)");
    // the cancelled run's workers end once DWD lets go; what they wrote by then must be whole
    dwd.close();
    RadarMainTest.awaitRunnerWorkers();
    try (Stream<Path> s = Files.walk(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-") && p.startsWith(out)), "partial files left");
    }
  }

  /** DWD with 8 frames from 15:00 to 15:35, each answered in full but 2 s late. */
  private void slowDwdFrom1500To1535() throws IOException {
    Path dir = tmp.resolve("www-dwd/weather/radar/composite/dmax");
    for (String hhmm : List.of("1515", "1520", "1525", "1530", "1535")) {
      Files.write(dir.resolve("composite_dmax_20251117_" + hhmm + "-hd5"), Files.readAllBytes(
          dir.resolve("composite_dmax_20251117_1500-hd5")));
    }
    dwd.fileDelay(2000);
  }

  @Test
  void aSlowProviderLeavesItsLastFramesForTheNextRunAndTheIndexesAreWritten() throws IOException {
    slowDwdFrom1500To1535();
    String[] args = {"--sources=dwd,chmi", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:35Z", "--output=" + out,
        providerUrls(), "--maxRequestsPerHost=1", "--httpTimeout=PT3S", "--timeout=PT15S", "--runId=slow"}; // one request at a time
    long start = System.nanoTime();
    RadarMainTest.Run r = RadarMainTest.run(args);
    double seconds = (System.nanoTime() - start) / 1e9;
    // requests end 10.1 s into the run (15 s less one attempt's 3 s and 1.9 s kept for the indexes, at least
    // 2/3): DWD's first frames are fetched, the others are left for the next run, and the run ends by itself
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(seconds < 15, "took " + seconds + " s: stopped by the timeout, not ended by itself");
    List<String> dwdImages = pngs().stream().filter(p -> p.startsWith("germany/")).toList();
    assertTrue(dwdImages.size() >= 2 && dwdImages.size() < 8, dwdImages.toString());
    // DWD's frames are dealt to 3 of the 4 threads (beside CHMI), so CHMI's frame is not kept waiting for one
    assertTrue(pngs().contains("czechia/1763391900.png"), pngs().toString());
    assertTrue(r.stdout.contains("failed 0,") && r.stdout.contains(", left for the next run "
        + (8 - dwdImages.size()) + " (the time for requests was up)"), r.stdout);
    assertTrue(r.stderr.contains("dwd: left for the next run: GET ") && r.stderr.contains("not sent, the run's time for"
        + " requests is up"), r.stderr);
    assertTrue(Files.exists(tmp.resolve("out-data/extent/dwd/extent_index.json")), "DWD's extent index");
    assertTrue(Files.exists(tmp.resolve("out-data/extent/chmi/extent_index.json")), "CHMI's extent index");
    String manifest = Files.readString(out.resolve("germany/frames.json"));
    for (String image : dwdImages) {
      assertTrue(manifest.contains(image.substring(8, 18)), image + " in DWD's manifest: " + manifest);
    }
    assertTrue(!Files.exists(out.resolve("_failures/slow.jsonl")), "no failure report: nothing failed");

    dwd.fileDelay(0);
    RadarMainTest.Run next = RadarMainTest.run(args);
    assertEquals(0, next.status, next.stdout + next.stderr);
    assertEquals(9, pngs().size(), "the next run renders what was left: " + pngs());
  }

  @Test
  void compositeSlotsWhoseMembersComeTooLateAreLeftForTheNextRun() throws IOException {
    slowDwdFrom1500To1535();
    String[] args = {"--sources=dwd,chmi", "--composite=true", "--minSources=1", "--from=2025-11-17T15:00Z",
        "--to=2025-11-17T15:35Z", "--output=" + out, providerUrls(), "--maxRequestsPerHost=1", "--httpTimeout=PT3S",
        "--timeout=PT12S"};
    long start = System.nanoTime();
    RadarMainTest.Run r = RadarMainTest.run(args);
    double seconds = (System.nanoTime() - start) / 1e9;
    // requests end 8 s into the run: the slots whose DWD member was not fetched by then are the next run's
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(seconds < 12, "took " + seconds + " s: stopped by the timeout, not ended by itself");
    long composites = pngs().stream().filter(p -> p.startsWith("composite/")).count();
    assertTrue(composites >= 1 && composites < 8, pngs().toString());
    assertTrue(r.stdout.contains("; composites written " + composites + ", slots skipped " + (8 - composites)
        + " time-up"), r.stdout);
    assertTrue(r.stdout.contains(", left for the next run "), r.stdout);
    assertTrue(r.stderr.contains(": left for the next run: GET "), r.stderr);
    assertTrue(Files.exists(tmp.resolve("out-data/extent/composite/extent_index.json")), "the composite's extent index");

    dwd.fileDelay(0);
    RadarMainTest.Run next = RadarMainTest.run(args);
    assertEquals(0, next.status, next.stdout + next.stderr);
    assertEquals(8, pngs().stream().filter(p -> p.startsWith("composite/")).count(), "the next run makes the rest");
  }

  @Test
  void theSummarySaysPerSourceWhatWasDoneAndHowOldTheNewestFrameIs() {
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd,chmi", "--from=2025-11-17T14:55Z", "--to=2025-11-17T15:10Z",
        "--output=" + out, providerUrls());
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("  dwd: rendered 3, skipped 0, failed 0, newest frame 2025-11-17T15:10:00Z (age "), r.stdout);
    assertTrue(r.stdout.contains("  chmi: rendered 1, skipped 0, failed 0, newest frame 2025-11-17T15:05:00Z (age "), r.stdout);
  }

  @Test
  void aFileThatIsAnHtmlPageBecomesAFailureRecord() throws IOException {
    Files.writeString(tmp.resolve("www-dwd/weather/radar/composite/dmax/composite_dmax_20251117_1505-hd5"),
        "<!DOCTYPE html><html><body>Service unavailable</body></html>");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:05Z",
        "--output=" + out, providerUrls(), "--runId=html");
    assertEquals(3, r.status, r.stdout + r.stderr);
    assertEquals(List.of("germany/1763391600.png"), pngs());
    String report = Files.readString(out.resolve("_failures/html.jsonl"));
    assertTrue(report.contains("\"kind\":\"html\"") && report.contains("provider returned HTML"), report);
  }

  @Test
  void omszAndArsoFramesComeThroughTheirOwnDecoders() throws IOException {
    OmszFixtures.Omsz grid = new OmszFixtures.Omsz(3, 2, 0, 129, 255, 140, 150, 160);
    grid.gmTime = "202511171505";
    byte[] omszZip = OmszFixtures.zip("radar_composite-refl2D-20251117_1505.nc", OmszFixtures.classic(grid, 1));
    ProviderServer omsz = server("omsz");
    Path omszFile = tmp.resolve("www-omsz/nc/refl2D/radar_composite-refl2D-20251117_1505.nc.zip");
    Files.createDirectories(omszFile.getParent());
    Files.write(omszFile, omszZip);
    ProviderServer arso = server("arso");
    Path srd = tmp.resolve("www-arso/radar/si0-zm.srd");
    Files.createDirectories(srd.getParent());
    Files.write(srd, ("time 2025 11 17 15 10\nncell 4 2\nDATA\n@ABD\nJZ@A\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    RadarMainTest.Run r = RadarMainTest.run("--sources=omsz,arso", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:10Z",
        "--output=" + out, "--providerUrl=omsz=" + omsz.url("/nc") + ",arso=" + arso.url("/radar"));
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(List.of("hungary/1763391900.png", "slovenia/1763392200.png"), pngs());
    assertTrue(Files.exists(tmp.resolve("out-data/extent/omsz/extent_index.json")));
    assertTrue(Files.exists(tmp.resolve("out-data/extent/arso/extent_index.json")));
  }

  /** ARSO keeps one file: outside a backfill's window it is counted so; named in the future it is left out. */
  @Test
  void arsosOnlyFileIsJudgedAsAnyListedFrame() throws IOException {
    ProviderServer arso = server("arso");
    Path srd = tmp.resolve("www-arso/radar/si0-zm.srd");
    Files.createDirectories(srd.getParent());
    Files.write(srd, ("time 2025 11 17 15 10\nncell 4 2\nDATA\n@ABD\nJZ@A\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    RadarMainTest.Run outside = RadarMainTest.run("--sources=arso", "--from=2025-11-17T14:00Z", "--to=2025-11-17T14:30Z",
        "--output=" + out, "--providerUrl=arso=" + arso.url("/radar"));
    assertEquals(1, outside.status, outside.stdout + outside.stderr);
    assertTrue(outside.stdout.contains("frames listed 1, skipped 0, rendered 0, failed 0, outside the window 1"),
        outside.stdout);

    Files.write(srd, ("time 2099 11 17 15 10\nncell 4 2\nDATA\n@ABD\nJZ@A\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    RadarMainTest.Run future = RadarMainTest.run("--sources=arso", "--latest=1", "--output=" + out,
        "--providerUrl=arso=" + arso.url("/radar"));
    assertEquals(1, future.status, future.stdout + future.stderr);
    assertTrue(future.stderr.contains("is of 2099-11-17T15:10:00Z, which no frame can have"), future.stderr);
    assertEquals(List.of(), pngs());
  }

  @Test
  void latestTakesTheNewestSlotsAProviderHas() throws IOException {
    DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    long now = TimeWindow.floorSlot(Instant.now().getEpochSecond());
    Path dir = tmp.resolve("www-chmi/hdf5");
    for (int i = 1; i <= 3; i++) {
      Instant t = Instant.ofEpochSecond(now - 300L * i);
      Files.write(dir.resolve("T_PABV23_C_OKPR_" + stamp.format(t) + ".hdf"), TestComposites.uint8Composite("chmi", "20251117", "150000"));
    }
    RadarMainTest.Run r = RadarMainTest.run("--sources=chmi", "--latest=2", "--output=" + out, providerUrls());
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(List.of("czechia/" + (now - 600) + ".png", "czechia/" + (now - 300) + ".png"), pngs());
  }
}
