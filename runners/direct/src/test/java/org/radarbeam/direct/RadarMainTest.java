package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.pipeline.RadarOptions;

/** The job end to end on the Direct runner: outputs, skip-existing, dry run, failures, exit codes. */
class RadarMainTest {
  @TempDir Path tmp;
  Path in;
  Path out;

  @BeforeEach
  void setUp() throws IOException {
    in = Files.createDirectories(tmp.resolve("in"));
    out = tmp.resolve("out");
  }

  /** Result of one run: exit status and what it printed. */
  static final class Run {
    int status;
    String stdout;
    String stderr;
  }

  static Run run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    Run r = new Run();
    PrintStream stdout = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(e, true, StandardCharsets.UTF_8);
    PrintStream saved = System.err;
    System.setErr(stderr); // the log (the dry run's plan lines among it) goes to stderr
    try {
      r.status = RadarMain.run(args, stdout, stderr);
    } finally {
      System.setErr(saved);
    }
    r.stdout = o.toString(StandardCharsets.UTF_8);
    r.stderr = e.toString(StandardCharsets.UTF_8);
    return r;
  }

  private Path dwdFrame(String stamp) throws IOException {
    return Files.write(in.resolve("composite_dmax_" + stamp + "-hd5"), TestComposites.uint8Composite("20251117", "150000"));
  }

  /** Whether an output key is a rendered image (not the viewer page's, nor a manifest or report). */
  static boolean isImage(String key) {
    return key.endsWith(".png") && !key.startsWith("viewer/");
  }

  /** The files below {@code root} as sorted keys ('/'-separated); none when it does not exist. */
  static List<String> keys(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted()
          .collect(Collectors.toList());
    }
  }

  /** The images below {@code out} (not the viewer's), as sorted keys. */
  static List<String> images(Path out) throws IOException {
    return keys(out).stream().filter(RadarMainTest::isImage).collect(Collectors.toList());
  }

  private List<String> pngs() throws IOException {
    return images(out);
  }

  @Test
  void rendersEveryFrameUnderItsNominalUtcKey() throws IOException {
    dwdFrame("20251117_1500");
    dwdFrame("20251117_1505");
    Run r = run("--sources=dwd", "--input=" + in, "--output=" + out);
    assertEquals(0, r.status, r.stdout + r.stderr);
    // names win over the file's own time: each slot gets its own key, in UTC whatever the JVM zone
    assertEquals(List.of("germany/1763391600.png", "germany/1763391900.png"), pngs());
    assertTrue(r.stdout.contains("frames listed 2, skipped 0, rendered 2, failed 0"), r.stdout);
    String extent = Files.readString(tmp.resolve("out-data/extent/dwd/extent_index.json"));
    assertTrue(extent.startsWith("{\"metadata\": {\"title\": \"Radar Coverage Extent\", \"source\": \"dwd\", \"generated\": \""), extent);
    // Web Mercator bounds of the 40x30 grid spanning DWD's corners (pixel centres, so half a coarse pixel wider)
    assertTrue(extent.contains("\"wgs84\": {\"west\": 1.195753, \"east\": 18.996147, \"south\": 45.547297, \"north\": 56.401790}}"), extent);
    byte[] png = Files.readAllBytes(out.resolve("germany/1763391600.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void nativeProjectionKeepsTheFilesGridAndItsCornerBounds() throws IOException {
    dwdFrame("20251117_1500");
    Run r = run("--sources=dwd", "--input=" + in, "--output=" + out, "--projection=native");
    assertEquals(0, r.status, r.stdout + r.stderr);
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(out.resolve("germany/1763391600.png").toFile());
    assertEquals(40, img.getWidth());
    assertEquals(30, img.getHeight());
    String extent = Files.readString(tmp.resolve("out-data/extent/dwd/extent_index.json"));
    assertTrue(extent.contains("\"wgs84\": {\"west\": 1.463302, \"east\": 18.731616, \"south\": 45.684606, \"north\": 55.862087}}"), extent);
  }

  @Test
  void fileWithoutTimeInItsNameIsKeyedByItsWhatGroup() throws IOException {
    Files.write(in.resolve("sample.h5"), TestComposites.uint8Composite("20240102", "0305"));
    Run r = run("--sources=odim", "--folder=opera", "--input=" + in.resolve("*.h5"), "--output=" + out);
    assertEquals(0, r.status, r.stdout + r.stderr);
    List<String> written = pngs();
    assertEquals(1, written.size(), written.toString());
    // the odim source takes files of any grid: each grid has its folder and its extent
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("opera/(40x30-[0-9a-f]{8})/1704164700\\.png")
        .matcher(written.get(0));
    assertTrue(m.matches(), written.get(0));
    assertTrue(Files.exists(tmp.resolve("out-data/extent/odim/" + m.group(1) + "/extent_index.json")));
  }

  /**
   * A grid folder's keys are known only once a file is read, so a run stopped before the folder's indexes
   * leaves them to the next run's render step: it finds the image written, and renders it again to write them.
   */
  @Test
  void aGridFoldersMissingIndexesAreWrittenByTheNextRun() throws IOException {
    Files.write(in.resolve("sample.h5"), TestComposites.uint8Composite("20240102", "0305"));
    String[] args = {"--sources=odim", "--folder=opera", "--input=" + in.resolve("*.h5"), "--output=" + out};
    assertEquals(0, run(args).status);
    String grid = pngs().get(0).substring(0, pngs().get(0).lastIndexOf('/'));
    Path manifest = out.resolve(grid + "/frames.json");
    byte[] listed = Files.readAllBytes(manifest);
    Files.delete(manifest);

    Run again = run(args);
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stderr.contains(grid + ": " + manifest + " is missing; " + grid + "/1704164700.png is rendered"
        + " again to write it"), again.stderr);
    assertArrayEquals(listed, Files.readAllBytes(manifest));
    Run third = run(args);
    assertTrue(third.stdout.contains("skipped 1, rendered 0"), third.stdout);
    assertFalse(third.stderr.contains("rendered again"), third.stderr);
  }

  @Test
  void sourcePlaceholderSelectsEachSourcesFiles() throws IOException {
    Files.createDirectories(tmp.resolve("raw/dwd"));
    Files.createDirectories(tmp.resolve("raw/shmu"));
    Files.write(tmp.resolve("raw/dwd/composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    Files.write(tmp.resolve("raw/shmu/T_PABV22_C_LZIB_20251117151000.hdf"), TestComposites.uint8Composite("shmu", "20251117", "151000"));
    Run r = run("--sources=dwd,shmu", "--input=" + tmp.resolve("raw") + "/{source}/*", "--output=" + out);
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(List.of("germany/1763391600.png", "slovakia/1763392200.png"), pngs());
  }

  @Test
  void anArchiveTemplateIsListedOnlyInsideTheWindow() throws IOException {
    Path day17 = Files.createDirectories(tmp.resolve("archive/dwd/2025/11/17"));
    Path day18 = Files.createDirectories(tmp.resolve("archive/dwd/2025/11/18"));
    Files.write(day17.resolve("composite_dmax_20251117_2355-hd5"), TestComposites.uint8Composite("20251117", "235500"));
    Files.write(day18.resolve("composite_dmax_20251118_0000-hd5"), TestComposites.uint8Composite("20251118", "000000"));
    Files.write(day18.resolve("composite_dmax_20251118_0100-hd5"), TestComposites.uint8Composite("20251118", "010000"));
    Run r = run("--sources=dwd", "--input=" + tmp.resolve("archive") + "/{source}/{yyyy}/{MM}/{dd}/*",
        "--from=2025-11-17T23:50Z", "--to=2025-11-18T00:30Z", "--output=" + out);
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(List.of("germany/1763423700.png", "germany/1763424000.png"), pngs());
    assertTrue(r.stdout.contains("frames listed 3"), r.stdout); // both days listed, 01:00 dropped by the window
  }

  @Test
  void existingOutputsAreSkippedBeforeTheirInputIsRead() throws IOException {
    Path good = dwdFrame("20251117_1500");
    assertEquals(0, run("--sources=dwd", "--input=" + in, "--output=" + out).status);
    Path png = out.resolve("germany/1763391600.png");
    FileTime before = Files.getLastModifiedTime(png);
    // make the input unreadable garbage: a skipped frame must not even look at it
    Files.write(good, new byte[] {1, 2, 3});
    Run second = run("--sources=dwd", "--input=" + in, "--output=" + out);
    assertEquals(0, second.status, second.stdout + second.stderr);
    assertTrue(second.stdout.contains("skipped 1, rendered 0, failed 0"), second.stdout);
    assertEquals(before, Files.getLastModifiedTime(png));
  }

  @Test
  void overwriteRendersAgain() throws IOException {
    dwdFrame("20251117_1500");
    assertEquals(0, run("--sources=dwd", "--input=" + in, "--output=" + out).status);
    Run again = run("--sources=dwd", "--input=" + in, "--output=" + out, "--overwrite");
    assertEquals(0, again.status);
    assertTrue(again.stdout.contains("skipped 0, rendered 1"), again.stdout);
  }

  @Test
  void dryRunPrintsPlannedKeysAndWritesNothing() throws IOException {
    dwdFrame("20251117_1500");
    Run r = run("--sources=dwd", "--input=" + in, "--output=" + out, "--dryRun");
    assertEquals(0, r.status, r.stderr);
    assertTrue(r.stderr.contains("plan dwd ") && r.stderr.contains("germany/1763391600.png"), r.stderr);
    assertTrue(r.stdout.contains("nothing written"), r.stdout);
    assertFalse(Files.exists(out), "dry run created the output directory");
  }

  @Test
  void badInputsBecomeFailureRecordsAndGoodFramesAreStillWritten() throws IOException {
    dwdFrame("20251117_1500");
    Files.write(in.resolve("composite_dmax_20251117_1505-hd5"), new byte[0]);
    Files.writeString(in.resolve("composite_dmax_20251117_1510-hd5"), "<!DOCTYPE html><html><body>503</body></html>");
    byte[] noise = new byte[5000];
    new Random(7).nextBytes(noise);
    Files.write(in.resolve("composite_dmax_20251117_1515-hd5"), noise);
    byte[] whole = TestComposites.uint8Composite("20251117", "152000");
    Files.write(in.resolve("composite_dmax_20251117_1520-hd5"), java.util.Arrays.copyOf(whole, whole.length / 2));

    Run r = run("--sources=dwd", "--input=" + in, "--output=" + out, "--runId=t1");
    assertEquals(3, r.status, r.stdout + r.stderr);
    assertEquals(List.of("germany/1763391600.png"), pngs());
    Path report = out.resolve("_failures/t1.jsonl");
    assertTrue(r.stdout.contains("failure report: " + report), r.stdout);
    List<String> lines = Files.readAllLines(report);
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("\"kind\":\"empty\"") && lines.get(0).contains("\"nominalTime\":\"2025-11-17T15:05:00Z\""), lines.get(0));
    assertTrue(lines.get(1).contains("\"kind\":\"html\""), lines.get(1));
    assertTrue(lines.get(2).contains("\"kind\":\"not-hdf5\""), lines.get(2));
    assertTrue(lines.get(3).contains("\"kind\":\"truncated\""), lines.get(3));
    for (String l : lines) {
      assertTrue(l.startsWith("{\"uri\":") && l.contains("\"source\":\"dwd\"") && l.contains("\"message\":"), l);
    }
    assertNoTemporaryFiles();
  }

  /** A --failures elsewhere (a private prefix) keeps one report per run with {runId}. */
  @Test
  void aFailureReportElsewhereIsNamedAfterItsRun() throws IOException {
    dwdFrame("20251117_1500");
    Files.write(in.resolve("composite_dmax_20251117_1505-hd5"), new byte[0]);
    Path reports = tmp.resolve("private/radar-failures");
    for (String id : List.of("r1", "r2")) {
      Run r = run("--sources=dwd", "--input=" + in, "--output=" + out, "--runId=" + id, "--overwrite=true",
          "--failures=" + reports + "/{runId}.jsonl");
      assertEquals(3, r.status, r.stdout + r.stderr);
      assertTrue(r.stdout.contains("failure report: " + reports.resolve(id + ".jsonl")), r.stdout);
    }
    assertEquals(List.of("r1.jsonl", "r2.jsonl"), Files.list(reports).map(p -> p.getFileName().toString()).sorted().toList());
    assertTrue(Files.readString(reports.resolve("r2.jsonl")).contains("\"kind\":\"empty\""));
  }

  @Test
  void allFailedExitsOne() throws IOException {
    Files.write(in.resolve("composite_dmax_20251117_1505-hd5"), new byte[0]);
    assertEquals(1, run("--sources=dwd", "--input=" + in, "--output=" + out).status);
  }

  /** An output that fails in the middle of the run fails the run: not 3, which a run that ends as planned reports. */
  @Test
  void aRunThatCrashesExitsFourAndNamesTheCause() throws IOException {
    dwdFrame("20251117_1500");
    // an image the output refuses is its frame's failure; the legend's (a run's own file) crashes the run
    Files.createDirectories(tmp.resolve("out-data"));
    Files.writeString(tmp.resolve("out-data/legend"), "a file where the legend's folder should be");
    Run r = run("--sources=dwd", "--input=" + in, "--output=" + out);
    // the runner's workers may still finish the bundles they hold (the viewer's files, say) after
    // the crash is reported; radar.jar's exit ends them, here they must end before @TempDir goes
    awaitRunnerWorkers();
    assertEquals(4, r.status, r.stdout + r.stderr);
    String failed = r.stderr.lines().filter(l -> l.startsWith("radarbeam: run failed: ")).findFirst().orElse("");
    assertTrue(failed.matches("radarbeam: run failed: \\w+(Exception|Error): .*legend.*"), r.stderr);
    assertFalse(r.stdout.contains("summary"), r.stdout);
  }

  /** An image the output refuses fails its frame with the reason: here every frame, so nothing was done (1). */
  @Test
  void anImageTheOutputRefusesIsAWriteFailure() throws IOException {
    dwdFrame("20251117_1500");
    Files.createDirectories(out);
    Files.writeString(out.resolve("germany"), "a file where the images' folder should be");
    Run r = run("--sources=dwd", "--input=" + in, "--output=" + out);
    assertEquals(1, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("rendered 0, failed 1"), r.stdout);
    String report = Files.readString(Files.list(out.resolve("_failures")).findFirst().orElseThrow());
    assertTrue(report.contains("\"kind\":\"write\",\"message\":\"cannot write " + out.resolve("germany/1763391600.png")
        + ": FileAlreadyExistsException: " + out.resolve("germany")), report);
  }

  /**
   * Waits (at most 30 s) until no Direct runner worker thread is left: a cancelled or crashed run's
   * workers finish the bundles they hold after {@code run} returns, logging into whatever stderr is
   * then captured and writing into the test's directories.
   */
  static void awaitRunnerWorkers() {
    long end = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < end && Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("direct-runner-worker"))) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void nothingMatchedExitsOne() {
    Run r = run("--sources=dwd", "--input=" + in.resolve("*.nothing"), "--output=" + out);
    assertEquals(1, r.status);
    assertTrue(r.stdout.contains("nothing matched"), r.stdout);
  }

  @Test
  void framesAllOutsideTheWindowAreNothingDoneInARunAndInADryRun() throws IOException {
    dwdFrame("20251117_1500");
    String[] args = {"--sources=dwd", "--input=" + in, "--output=" + out, "--from=2024-01-01", "--to=2024-01-01"};
    Run r = run(args);
    assertEquals(1, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("outside the window 1"), r.stdout);
    assertTrue(r.stdout.contains("none of the 1 frame(s) listed lies in the window"), r.stdout);
    Run dry = run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--dryRun"))
        .toArray(String[]::new));
    assertTrue(dry.stdout.contains("dry run: frames listed 1, already written 0, planned 0, outside the window 1"),
        dry.stdout);
  }

  @Test
  void invalidOptionsExitTwoBeforeAnyWork() {
    String[][] bad = {
      {"--sources=odim", "--output=" + out},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--from=2025-11-17T12:00Z"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--from=yesterday", "--to=2025-11-17T12:00Z"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--from=2025-11-17T13:00Z", "--to=2025-11-17T12:00Z"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--since=6 hours"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--latest=0"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--latest=3", "--since=PT1H"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--latest=3"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--maxProbes=0"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--targetParallelism=abc"},
      {"--sources=dwd", "--input=" + in + "/{yyyy}/*", "--output=" + out},
      {"--sources=dwd", "--output=" + out, "--providerUrl=dwd"},
      {"--sources=dwd", "--output=" + out, "--providerUrl=mars=http://127.0.0.1:1/"},
      {"--sources=dwd", "--output=" + out, "--providerUrl=dwd=ftp://127.0.0.1/"},
      {"--sources=dwd", "--output=" + out, "--maxRequestsPerHost=0"},
      {"--sources=nowhere", "--input=" + in, "--output=" + out},
      {"--sources=dwd,shmu", "--input=" + in, "--output=" + out},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--compressionLevel=11"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--maxPixels=0"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--pngFilter=PAETH"},
      {"--sources=odim", "--folder=../up", "--input=" + in, "--output=" + out},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--noSuchOption=1"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--minDbz=abc"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--minDbz=90"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--minDbz=-1e9"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--failures=s3://Bad_Bucket/r.jsonl"},
      {"--sources=shmu", "--output=" + out, "--providerUrl=shmu=http://a|b"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--projection=polar"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--acl=everyone"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--targetParallelism=0"},
      {"--sources=dwd", "--input=s3://raw/dwd/{1500", "--output=" + out},
      {"--sources=dwd", "--input=s3://Bad_Bucket/dwd/*", "--output=" + out},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--failures=s3://bucket"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--latest=abc"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--latest=1", "--latest=2"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--overwrite=yes"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--dataPrefix=https://cdn.example/data"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--since=PT9223372036854775807S"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--timeout=PT9223372036854775807S"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--httpTimeout=PT9223372036854775807S"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--httpTimeout=PT0.0001S"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--individual=false"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--from=-999999999-01-01", "--to=+999999999-12-31"},
      {"--sources=dwd", "--input=" + in, "--output=" + out, "--from=1066-10-14", "--to=2025-11-17"},
      {"--sources=dwd", "--input=" + in + "/[abc", "--output=" + out},
      {"--sources=dwd", "--input=https://alice:s3cret@mirror.example/dwd/*", "--output=" + out},
      {"--sources=dwd", "--output=" + out, "--providerUrl=dwd=https://alice:s3cret@a/dwd",
        "--providerUrl=dwd=https://alice:s3cret@b/dwd"},
    };
    for (String[] args : bad) {
      Run r = run(args);
      assertEquals(2, r.status, String.join(" ", args) + "\n" + r.stdout + r.stderr);
      assertTrue(r.stderr.startsWith("radarbeam: invalid options: "), r.stderr);
      assertEquals(2, r.stderr.split("\n").length, r.stderr);
      assertFalse(r.stderr.contains("s3cret"), r.stderr);
      String named = args[args.length - 1].substring(0, args[args.length - 1].indexOf('=') + 1).replace("=", "");
      if (named.equals("--latest") || named.equals("--overwrite") || named.equals("--targetParallelism")) {
        assertTrue(r.stderr.contains(named + " "), "names the option: " + r.stderr);
      }
    }
    assertFalse(Files.exists(out), "invalid options must not create the output");
  }

  @Test
  void anUnusableLocalOutputEndsTheRunBeforeAnyWorkNamingWhereAndWhy() throws IOException {
    dwdFrame("20251117_1500");
    // a file where a directory must be (write permissions do not stop root, who runs CI)
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    String[][] unusable = {
      {"--output=" + file.resolve("out")},
      {"--output=" + out, "--dataPrefix=" + file.resolve("data")},
      {"--output=" + out, "--failures=" + file.resolve("run.jsonl")},
    };
    for (String[] where : unusable) {
      List<String> args = new java.util.ArrayList<>(List.of("--sources=dwd", "--input=" + in + "/*"));
      args.addAll(List.of(where));
      Run r = run(args.toArray(new String[0]));
      assertEquals(1, r.status, String.join(" ", args) + "\n" + r.stdout + r.stderr);
      assertTrue(r.stderr.startsWith("radarbeam: output not usable: --"), r.stderr);
      assertTrue(r.stderr.contains(file.toString()), "names the path: " + r.stderr);
      assertTrue(pngs().isEmpty(), "nothing rendered: " + pngs());
    }
    // a report path that is a directory, and one where no file can be created (/proc takes none, even root's)
    Path dir = Files.createDirectories(tmp.resolve("reports"));
    for (Path report : List.of(dir, Path.of("/proc/radarbeam-report.jsonl"))) {
      Run r = run("--sources=dwd", "--input=" + in + "/*", "--output=" + out, "--failures=" + report);
      assertEquals(1, r.status, report + "\n" + r.stdout + r.stderr);
      assertTrue(r.stderr.startsWith("radarbeam: output not usable: --failures"), r.stderr);
      assertTrue(r.stderr.contains(report.toString()) || r.stderr.contains("/proc"), "names the path: " + r.stderr);
      assertTrue(pngs().isEmpty(), "nothing rendered: " + pngs());
    }
  }

  @Test
  void helpListsEveryOptionWithDefaults() {
    Run r = run("--help");
    assertEquals(0, r.status);
    for (java.lang.reflect.Method m : RadarOptions.class.getMethods()) {
      if (m.getName().startsWith("get") && m.getDeclaringClass().getPackageName().equals("org.radarbeam.pipeline")) {
        String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
        assertTrue(r.stdout.contains("--" + name + "="), "help misses --" + name);
      }
    }
    assertTrue(r.stdout.contains("default: 50000000"), r.stdout);
    assertTrue(r.stdout.contains("Exit status"), r.stdout);
  }

  private void assertNoTemporaryFiles() throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      List<Path> tmpFiles = s.filter(p -> p.getFileName().toString().contains(".tmp-")).collect(Collectors.toList());
      assertTrue(tmpFiles.isEmpty(), tmpFiles.toString());
    }
  }
}
