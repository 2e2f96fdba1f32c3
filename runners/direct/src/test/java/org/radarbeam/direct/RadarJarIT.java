package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.odim.Bombs;
import org.radarbeam.codec.odim.OdimFixtures;
import org.radarbeam.codec.odim.OdimFixtures.Storage;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.source.ProviderServer;
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
  void jsonLogsAreOneObjectPerLineWithTheEventsFieldsAndTheSummaryIsOneObject() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("json-in"));
    Files.write(in.resolve("composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    Files.write(in.resolve("composite_dmax_20251117_1505-hd5"), new byte[] {'x'});
    Result r = java("128m", "--sources=dwd", "--input=" + in + "/*", "--output=" + tmp.resolve("json-out"),
        "--logFormat=json");
    assertEquals(3, r.status, r.output);
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> logs = new ArrayList<>();
    JsonNode summary = null;
    for (String line : r.output.split("\n")) {
      JsonNode o = json.readTree(line); // every line, stdout and stderr, is one object
      if (o.has("summary")) {
        summary = o;
      } else {
        logs.add(o);
      }
    }
    for (JsonNode o : logs) {
      assertTrue(o.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), o.toString());
      assertTrue(o.has("level") && o.has("logger") && o.has("message"), o.toString());
    }
    assertTrue(logs.stream().anyMatch(o -> o.path("kind").asText().equals("not-hdf5")
        && o.path("source").asText().equals("dwd") && o.path("uri").asText().endsWith("_1505-hd5")
        && o.path("level").asText().equals("WARN")), r.output);
    assertTrue(logs.stream().anyMatch(o -> o.path("key").asText().equals("germany/1763391600.png")), r.output);
    assertTrue(summary != null, "no summary object: " + r.output);
    assertEquals(2, summary.path("listed").asLong());
    assertEquals(1, summary.path("rendered").asLong());
    assertEquals(1, summary.path("failed").asLong());
    assertEquals("2025-11-17T15:00:00Z", summary.path("sources").path("dwd").path("newestFrame").asText());
    assertTrue(summary.path("sources").path("dwd").path("newestFrameAgeMinutes").asLong() > 0, summary.toString());
    assertTrue(summary.path("failureReport").asText().endsWith(".jsonl"), summary.toString());

    Result quiet = java("128m", "--sources=dwd", "--input=" + in + "/*", "--output=" + tmp.resolve("json-out"),
        "--logLevel=warn", "--overwrite");
    assertFalse(quiet.output.contains(" INFO "), quiet.output);
    assertTrue(quiet.output.contains(" WARN FailureOutput - failed "), quiet.output);
  }

  /** A run that ends without a summary keeps --logFormat=json too: its reason is a JSON log line and stdout's object. */
  @Test
  void jsonRunsThatEndWithoutASummaryStayJson() throws Exception {
    Path notADirectory = Files.write(tmp.resolve("a-file"), new byte[] {1});
    Result unusable = java("128m", "--sources=dwd", "--input=" + tmp + "/*.hd5", "--output=" + notADirectory,
        "--logFormat=json");
    Result invalid = java("64m", "--sources=mars", "--input=" + tmp, "--logFormat=json");
    ObjectMapper json = new ObjectMapper();
    for (Result r : List.of(unusable, invalid)) {
      JsonNode failed = null;
      for (String line : r.output.split("\n")) {
        JsonNode o = json.readTree(line); // every line, stdout and stderr, is one object
        if (o.has("summary")) {
          failed = o;
        }
      }
      assertTrue(failed != null, "no summary object: " + r.output);
      assertEquals("failed", failed.path("summary").asText(), r.output);
      assertEquals(r.status, failed.path("exitStatus").asInt(), r.output);
    }
    assertEquals(1, unusable.status, unusable.output);
    assertTrue(unusable.output.contains("\"error\":\"output not usable: --output " + notADirectory), unusable.output);
    assertEquals(2, invalid.status, invalid.output);
    assertTrue(invalid.output.contains("\"error\":\"invalid options: ") && invalid.output.contains("unknown source 'mars'"),
        invalid.output);
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

  /** radar.jar adds its compiler directives where C2 runs, and says why not elsewhere (CompilerDirectives). */
  @Test
  void compilerDirectivesAreAddedWhereC2Runs() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("jit-in"));
    Files.write(in.resolve("composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    String[] run = {"--sources=dwd", "--input=" + in + "/*", "--output=" + tmp.resolve("jit-out"), "--overwrite",
        "--logLevel=debug"};
    Result c2 = javaWith(List.of("-Xmx128m"), run);
    Result c1Only = javaWith(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), run);
    Result off = javaWith(List.of("-Xmx128m", "-Dradarbeam.compilerDirectives=false"), run);
    for (Result r : List.of(c2, c1Only, off)) {
      assertEquals(0, r.status, r.output);
    }
    assertTrue(c2.output.contains("compiler directives: 1 compiler directives added"), c2.output);
    assertTrue(c1Only.output.contains("compiler directives not added: C2 does not run (-XX:TieredStopAtLevel=1)"),
        c1Only.output);
    assertTrue(off.output.contains("compiler directives not added: -Dradarbeam.compilerDirectives=false"), off.output);
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

  /**
   * The JVM flags of the CronJob's image (its JAVA_TOOL_OPTIONS, without the paths that exist only
   * in the image), in a JVM that believes it has the pod's 512Mi: a 256 MB heap, and an
   * OutOfMemoryError ends the process.
   */
  private static List<String> imageJvmFlags() throws IOException {
    String dockerfile = Files.readString(Paths.get("..", "..", "src", "main", "docker", "radar", "Dockerfile"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
    assertTrue(m.find(), "the image sets JAVA_TOOL_OPTIONS");
    List<String> flags = new ArrayList<>(List.of("-XX:MaxRAM=512m"));
    for (String f : m.group(1).trim().split("\\s+")) {
      if (!f.startsWith("-XX:SharedArchiveFile=") && !f.startsWith("-Djava.io.tmpdir=")) {
        flags.add(f);
      }
    }
    assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError") && flags.contains("-XX:MaxRAMPercentage=50"), flags.toString());
    return flags;
  }

  /**
   * Decompression bombs and a runaway body from a provider, under the image's JVM flags: each
   * becomes a failure record, the good frame of the same run is written, and the run ends as
   * planned (exit 3, summary, failure report), not with the JVM's own exit on OutOfMemoryError.
   * jhdf alone would inflate the shuffled chunk into one 256 MiB array, and read the 300 MB body whole.
   */
  @Test
  void hostileInputsBecomeFailuresUnderTheImagesJvmFlags() throws Exception {
    Path www = tmp.resolve("www");
    Path dmax = Files.createDirectories(www.resolve("weather/radar/composite/dmax"));
    Files.write(dmax.resolve("composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    byte[] zeros = Bombs.zlib(new byte[0], 256L << 20);
    Path fixtures = Files.createDirectories(tmp.resolve("fixtures"));
    Files.write(dmax.resolve("composite_dmax_20251117_1505-hd5"),
        Bombs.odim(fixtures, OdimFixtures.bytes(600, 600, 1), Storage.DEFLATE, zeros, "20251117", "150500"));
    Files.write(dmax.resolve("composite_dmax_20251117_1510-hd5"),
        Bombs.odim(fixtures, OdimFixtures.shorts(400, 400, 2), Storage.SHUFFLE_DEFLATE, zeros, "20251117", "151000"));
    try (RandomAccessFile sparse = new RandomAccessFile(dmax.resolve("composite_dmax_20251117_1515-hd5").toFile(), "rw")) {
      sparse.setLength(300_000_000L); // no disk blocks: a 300 MB body of zeros
    }
    Path out = tmp.resolve("out");
    Result r;
    try (ProviderServer dwd = new ProviderServer(www)) {
      r = javaWith(imageJvmFlags(), "--sources=dwd", "--from=2025-11-17T14:55Z", "--to=2025-11-17T15:15Z",
          "--providerUrl=dwd=" + dwd.url("/weather/radar/composite"), "--httpAttempts=1", "--output=" + out,
          "--runId=bombs");
    }
    assertEquals(3, r.status, r.output);
    assertTrue(r.output.contains("summary: frames listed 4, skipped 0, rendered 1, failed 3"), r.output);
    assertTrue(Files.isRegularFile(out.resolve("germany/1763391600.png")), r.output);
    Path report = out.resolve("_failures/bombs.jsonl");
    assertTrue(r.output.contains("failure report: " + report), r.output);
    String failures = String.join("\n", Files.readAllLines(report));
    assertTrue(failures.contains("\"kind\":\"corrupt\",\"message\":\"corrupt HDF5: chunk at row 0, column 0 inflates to more"
        + " than the 360000 bytes its chunk layout declares\""), failures);
    assertTrue(failures.contains("\"kind\":\"corrupt\",\"message\":\"corrupt HDF5: chunk at row 0, column 0 inflates to more"
        + " than the 320000 bytes its chunk layout declares\""), failures);
    assertTrue(java.util.regex.Pattern.compile("\"kind\":\"too-large\",\"message\":\"GET \\S+composite_dmax_20251117_1515-hd5"
        + " is 300000000 bytes, above the \\d+-byte limit \\(a sixteenth of this JVM's 2\\d\\d MiB heap\\)\"").matcher(failures).find(),
        failures);
    assertFalse(r.output.contains("OutOfMemoryError"), r.output);
  }

  /**
   * Under LANG=C (cron, env -i) the JVM's file-name encoding is ASCII: a non-ASCII input name costs only its own
   * frame, with a warning that says why, and a non-ASCII output is an invalid option, not a crash. The names are
   * made and passed by a shell as raw UTF-8 bytes, whatever this JVM's own locale.
   */
  @Test
  void nonAsciiPathsUnderAnAsciiLocale() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.write(in.resolve("composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    Path frame = tmp.resolve("frame");
    Files.write(frame, TestComposites.uint8Composite("20251117", "150500"));
    Path out = tmp.resolve("out");
    String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String script = "u=$(printf '\\303\\274'); mkdir -p \"$1/$u\" && cp \"$2\" \"$1/$u/composite_dmax_20251117_1505-hd5\""
        + " && \"$3\" -Xmx256m -jar \"$4\" --sources=dwd \"--input=$1/**\" \"--output=$5\"; echo \"status $?\";"
        + " \"$3\" -Xmx256m -jar \"$4\" --sources=dwd \"--input=$1/*\" \"--output=$5 $u\"; echo \"status $?\";"
        + " \"$3\" -Xmx256m -jar \"$4\" --sources=dwd \"--input=$1/$u/*\" \"--output=$5\"; echo \"status $?\"";
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script, "sh", in.toString(), frame.toString(), javaBin,
        JAR.toAbsolutePath().toString(), out.toString()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C", "LC_ALL", "C"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    String[] runs = output.split("status \\d+\n", -1);
    assertTrue(runs[0].contains("its name cannot be written in this JVM's file-name encoding"), output);
    assertTrue(runs[0].contains("summary: frames listed 1, skipped 0, rendered 1, failed 0"), output);
    assertTrue(Files.isRegularFile(out.resolve("germany/1763391600.png")), output);
    assertEquals(List.of("0", "2", "2"), java.util.regex.Pattern.compile("status (\\d+)\n").matcher(output).results()
        .map(m -> m.group(1)).toList(), output);
    assertTrue(runs[1].contains("radarbeam: invalid options: --output=" + out + " "), output);
    assertTrue(runs[1].contains("run under a UTF-8 locale (LANG=C.UTF-8)"), output);
    assertTrue(runs[2].contains("radarbeam: invalid options: --input=" + in + "/"), output);
    assertTrue(runs[2].contains("run under a UTF-8 locale (LANG=C.UTF-8)"), output);
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
