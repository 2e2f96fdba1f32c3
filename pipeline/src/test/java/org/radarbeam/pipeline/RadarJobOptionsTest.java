package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radarbeam.geo.PixelPlacement;
import org.radarbeam.png.PngFilter;
import org.radarbeam.render.Projection;

/** Options as every runner's main parses them: RadarJob.options, and --help. */
class RadarJobOptionsTest {
  @TempDir Path tmp;

  private String[] args(String... extra) {
    String[] base = {"--sources=dwd", "--input=" + tmp.resolve("in"), "--output=" + tmp.resolve("out")};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void enumValuesAreAcceptedInAnyCase() throws Exception {
    RadarOptions o = RadarJob.options(args("--projection=native", "--pngFilter=Up"));
    assertEquals(Projection.NATIVE, o.getProjection());
    assertEquals(PngFilter.UP, o.getPngFilter());
    assertEquals(PixelPlacement.IMETEO, RadarJob.options(args("--pixelPlacement=Imeteo")).getPixelPlacement());
    assertEquals(Projection.WEBMERCATOR, RadarJob.options(args()).getProjection());
  }

  @Test
  void anUnknownEnumValueNamesTheOptionAndItsValues() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> RadarJob.options(args("--pngFilter=PAETH")));
    assertEquals("--pngFilter must be one of none, sub, up, got PAETH", e.getMessage());
  }

  @Test
  void theRunIdNamesTheJobUnlessAJobNameIsGiven() throws Exception {
    RadarOptions named = RadarJob.options(args("--runId=r1"));
    assertEquals("r1", named.getRunId());
    assertEquals("radarbeam-r1", named.getJobName());
    assertEquals("backfill-2025", RadarJob.options(args("--runId=r1", "--jobName=backfill-2025")).getJobName());
    assertTrue(RadarJob.options(args()).getRunId().matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}"));
  }

  /** A run id names files (the failure report and its temporary file): one too long for a file name is refused first. */
  @Test
  void aRunIdTooLongForAFileNameIsRefused() throws Exception {
    String longest = "r".repeat(RunConfig.MAX_RUN_ID);
    assertEquals(longest, RunConfig.runId(RadarJob.options(args("--runId=" + longest))));
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> RunConfig.runId(RadarJob.options(args("--runId=" + longest + "r"))));
    assertEquals("--runId has 101 characters, at most 100", e.getMessage());
  }

  /** Beam names its options interface; the user typed an option. */
  @Test
  void anUnknownOptionOrAValueWithoutItsNameIsNamedAsTyped() {
    assertEquals("unknown option --source (did you mean --sources?)", assertThrows(InvalidOptionsException.class,
        () -> RadarJob.options(args("--source=dwd"))).getMessage());
    assertEquals("unknown option --foo (did you mean one of --from, --to?)", assertThrows(InvalidOptionsException.class,
        () -> RadarJob.options(args("--foo=1"))).getMessage());
    assertEquals("'shmu' is not an option: options are written --name=value", assertThrows(
        InvalidOptionsException.class, () -> RadarJob.options(args("--latest", "shmu"))).getMessage());
  }

  /** An empty value means the default, but not for --output: a container's ./out is a folder nobody reads. */
  @Test
  void anEmptyOutputIsRefusedWhereOtherEmptyValuesMeanTheirDefault() throws Exception {
    String in = "--input=" + tmp.resolve("in");
    assertNull(RadarJob.options("--sources=dwd", in, "--timeout=", "--output=" + tmp).getTimeout());
    for (String empty : new String[] {"--output=", "--output= "}) {
      InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
          () -> RadarJob.options("--sources=dwd", in, empty));
      assertEquals("--output is empty: give a directory or s3://bucket/prefix (an empty --output= does not mean"
          + " the default ./out)", e.getMessage());
    }
    assertEquals("./out", RadarJob.options("--sources=dwd", in).getOutput());
  }

  @Test
  void parsingOptionsCreatesNothing() throws Exception {
    RadarJob.options(args());
    assertFalse(Files.exists(tmp.resolve("out")), "the output directory is the preflight's to create");
  }

  @Test
  void helpGroupsEveryOptionAndPrintsEachDefaultOnce() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    assertEquals(ExitStatus.OK, RadarCommand.run(new String[] {"--help"}, new PrintStream(buf, true, StandardCharsets.UTF_8),
        System.err, o -> 0));
    String help = buf.toString(StandardCharsets.UTF_8);
    for (Class<?> group : OptionsHelp.GROUPS) {
      OptionsHelp.getters(group).forEach(m -> assertTrue(help.contains("--" + OptionsHelp.name(m) + "="), m.getName()));
    }
    assertTrue(help.contains("--projection=<webmercator|native>"), help);
    assertFalse(help.contains("default: (none)"), help);
    // an option whose description states its default gets no second default line
    int acl = help.indexOf("--acl=");
    assertFalse(help.substring(acl, help.indexOf("\n  --", acl + 1)).contains("default:"), help);
  }

  /** Each of these options cannot work: it is refused, in one line naming it, before anything is created. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      --runId=a/b              | --runId may contain only letters, digits, '.', '_' and '-'
      --httpAttempts=0         | --httpAttempts must be 1..10, got 0
      --httpAttempts=11        | --httpAttempts must be 1..10, got 11
      --manifestFrames=-1      | --manifestFrames must be 0..8928, got -1
      --manifestFrames=8929    | --manifestFrames must be 0..8928, got 8929
      --s3Endpoint=http:///x   | invalid S3 endpoint 'http:///x': no host
      --s3Endpoint=http://h:9000/?a=b | invalid S3 endpoint 'http://h:9000/?a=b': no query or fragment allowed
      --s3Endpoint=http://h:9000/#f   | invalid S3 endpoint 'http://h:9000/#f': no query or fragment allowed
      --s3Endpoint=http://h 9000      | invalid S3 endpoint (expected http(s)://host[:port]): http://h 9000
      """)
  void anInvalidOptionIsRefusedWithItsMessageBeforeAnyWork(String option, String message) {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> RadarJob.options(args(option)));
    assertEquals(message, e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void sourcesThatNameNoSourceAreRefused() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> RadarJob.options("--sources=,", "--input=" + tmp.resolve("in"), "--output=" + tmp.resolve("out")));
    assertEquals("--sources names no source (known: " + String.join(", ", SourceCatalog.ids()) + ")", e.getMessage());
  }

  /** An output that is a URL of a scheme radarbeam does not write to (http, gs) is refused, naming it. */
  @Test
  void anOutputUrlOtherThanS3IsRefused() {
    for (String output : new String[] {"http://maps.example/iradar", "gs://bucket/iradar"}) {
      InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
          () -> RadarJob.options("--sources=dwd", "--input=" + tmp.resolve("in"), "--output=" + output));
      assertEquals("--output=" + output + ": a local directory or s3://bucket/prefix", e.getMessage());
    }
  }

  /** odim files come on grids of their own: a composite of them is refused before any work. */
  @Test
  void aCompositeOfOdimFilesIsRefused() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> RadarJob.options("--sources=odim", "--input=" + tmp.resolve("in"), "--output=" + tmp.resolve("out"),
            "--composite=true"));
    assertEquals("--composite merges the catalog's sources; odim files come on any grid: render them without --composite",
        e.getMessage());
  }

  /** --pixelPlacement picks the cells of Web Mercator images: with another grid it can only be a mistake. */
  @Test
  void anImeteoPlacementNeedsWebMercator() throws Exception {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> RadarJob.config(RadarJob.options(args("--projection=native", "--pixelPlacement=imeteo"))));
    assertEquals("--pixelPlacement=imeteo places the pixels of Web Mercator images; it needs --projection=webmercator",
        e.getMessage());
    assertEquals(PixelPlacement.IMETEO,
        RadarJob.config(RadarJob.options(args("--pixelPlacement=imeteo"))).settings().pixels());
    assertEquals(PixelPlacement.EXACT, RadarJob.config(RadarJob.options(args())).settings().pixels());
  }

  /** A blank --quantity set by a caller that builds the options itself (the empty value is the default on the command line). */
  @Test
  void aBlankQuantityIsRefused() throws Exception {
    RadarOptions o = RadarJob.options(args());
    o.setQuantity(" ");
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> RadarJob.config(o));
    assertEquals("--quantity must name an ODIM quantity such as DBZH", e.getMessage());
  }

  /** A date whose next day does not exist (the end of the time line) is refused as outside the years taken. */
  @Test
  void aToAtTheEndOfTheTimeLineIsRefused() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> RadarJob.options(args("--from=2025-11-17", "--to=+999999999-12-31")));
    assertEquals("--to must lie between the years 1900 and 9999, got +999999999-12-31", e.getMessage());
  }

  /** The command exits 2 with the option's one-line message, and creates nothing. */
  @Test
  void anInvalidOptionExitsTwoWithOneLineBeforeAnyWork() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RadarCommand.run(args("--httpAttempts=11"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), o -> {
          throw new AssertionError("the runner's defaults are applied only to valid options");
        });
    assertEquals(ExitStatus.INVALID_OPTIONS, status);
    assertEquals("radarbeam: invalid options: --httpAttempts must be 1..10, got 11\n"
        + "run with --help to list the options\n", err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  /** --since=PT6H is the six hours up to now. */
  @Test
  void sinceIsTheWindowUpToNow() throws Exception {
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    RunConfig c = RadarJob.config(RadarJob.options(args("--since=PT6H")));
    Instant after = Instant.now();
    assertTrue(c.window().isRange(), c.window().toString());
    assertFalse(c.window().to().isBefore(before), c.window().toString());
    assertFalse(c.window().to().isAfter(after), c.window().toString());
    assertEquals(Duration.ofHours(6), Duration.between(c.window().from(), c.window().to()));
  }

  /** A time without a zone is UTC. */
  @Test
  void aFromWithoutAZoneIsUtc() throws Exception {
    RunConfig c = RadarJob.config(RadarJob.options(args("--from=2025-11-17T12:00", "--to=2025-11-17T13:00")));
    assertEquals(Instant.parse("2025-11-17T12:00:00Z"), c.window().from());
    assertEquals(Instant.parse("2025-11-17T13:00:00Z"), c.window().to());
  }

  /** The metadata go beside the images (iradar -> iradar-data), and under a bucket's root into data/, as --help says. */
  @Test
  void theDataPrefixIsDerivedFromTheOutput() throws Exception {
    assertEquals("s3://maps/data", Outputs.dataPrefix(RadarJob.options("--sources=dwd", "--output=s3://maps")));
    assertEquals("s3://maps/data", Outputs.dataPrefix(RadarJob.options("--sources=dwd", "--output=s3://maps/")));
    assertEquals("s3://maps/iradar-data", Outputs.dataPrefix(RadarJob.options("--sources=dwd", "--output=s3://maps/iradar//")));
    assertEquals("out-data", Outputs.dataPrefix(RadarJob.options("--sources=dwd", "--output=out/")));
    assertEquals("./data", Outputs.dataPrefix(RadarJob.options("--sources=dwd", "--output=.")));
  }
}
