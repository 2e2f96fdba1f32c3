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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
}
