package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.testing.RealData;

/** The shaded jar run as a user runs it: java -jar radar.jar ... */
class RadarJarIT {
  private static final Path JAR = Paths.get("target", "radar.jar");
  private static final Path DWD = RealData.path("dwd/composite_hx_test.hd5");

  @TempDir Path tmp;

  static final class Result {
    int status;
    String output;
  }

  private Result java(String heap, String... args) throws IOException, InterruptedException {
    return javaWith(List.of("-Xmx" + heap), args);
  }

  private Result javaWith(List<String> jvmFlags, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Path log = tmp.resolve("run-" + System.nanoTime() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "radar.jar did not finish");
    Result r = new Result();
    r.status = p.exitValue();
    r.output = Files.readString(log, StandardCharsets.UTF_8);
    return r;
  }

  @Test
  void helpExitsZeroAndNamesEveryOption() throws Exception {
    Result r = java("64m", "--help");
    assertEquals(0, r.status, r.output);
    for (String o : List.of("--sources=", "--input=", "--output=", "--folder=", "--quantity=", "--overwrite=", "--dryRun=",
        "--minDbz=", "--maxPixels=", "--compressionLevel=", "--pngFilter=", "--failures=", "--runId=")) {
      assertTrue(r.output.contains(o), "help misses " + o);
    }
  }

  /** The build's class-data-sharing archive fits the jar beside it: the JVM maps it without a word. */
  @Test
  void theClassArchiveBesideTheJarIsUsable() throws Exception {
    Path jsa = JAR.resolveSibling("radar.jsa");
    assertTrue(Files.isRegularFile(jsa), jsa + " is not built");
    Result r = javaWith(List.of("-Xmx128m", "-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=info"), "--help");
    assertEquals(0, r.status, r.output);
    assertTrue(r.output.contains("--sources="), r.output);
    assertFalse(r.output.contains("Unable to use shared archive"), r.output);
    assertTrue(r.output.contains("Mapped dynamic region") || r.output.contains("dynamic archive"), r.output);
  }

  @Test
  void invalidOptionsExitTwo() throws Exception {
    Result r = java("64m", "--sources=mars", "--input=" + tmp);
    assertEquals(2, r.status, r.output);
    assertTrue(r.output.contains("unknown source 'mars'"), r.output);
  }

  /** 36 real DWD frames (one per 5-minute slot) through the whole pipeline in a 160 MB heap. */
  @Test
  void backfillOf36DwdFramesRunsIn160MbHeap() throws Exception {
    RealData.require("dwd/composite_hx_test.hd5");
    Path in = Files.createDirectories(tmp.resolve("in"));
    DateTimeFormatter name = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);
    Instant first = Instant.parse("2025-11-17T12:00:00Z");
    for (int i = 0; i < 36; i++) {
      Files.createSymbolicLink(in.resolve("composite_dmax_" + name.format(first.plusSeconds(300L * i)) + "-hd5"),
          DWD.toAbsolutePath());
    }
    Path out = tmp.resolve("out");
    Result r = java("160m", "--sources=dwd", "--input=" + in, "--output=" + out);
    assertEquals(0, r.status, r.output);
    assertTrue(r.output.contains("frames listed 36, skipped 0, rendered 36, failed 0"), r.output);
    try (Stream<Path> s = Files.list(out.resolve("germany"))) {
      assertEquals(36, s.filter(p -> p.toString().endsWith(".png")).count());
    }
    byte[] a = Files.readAllBytes(out.resolve("germany/" + first.getEpochSecond() + ".png"));
    byte[] b = Files.readAllBytes(out.resolve("germany/" + first.plusSeconds(300 * 35).getEpochSecond() + ".png"));
    assertTrue(java.util.Arrays.equals(a, b), "the same input must give the same bytes");

    Result again = java("160m", "--sources=dwd", "--input=" + in, "--output=" + out);
    assertEquals(0, again.status, again.output);
    assertTrue(again.output.contains("skipped 36, rendered 0"), again.output);
  }
}
