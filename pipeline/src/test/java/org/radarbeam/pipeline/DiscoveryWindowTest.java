package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many of each source's newest frames the providers are asked for (RunConfig.discoveryWindow). */
class DiscoveryWindowTest {
  @TempDir Path tmp;

  private int asked(String... extra) throws Exception {
    String[] args = new String[extra.length + 3];
    args[0] = "--sources=dwd,shmu,chmi";
    args[1] = "--latest=6";
    args[2] = "--output=" + tmp.resolve("out");
    System.arraycopy(extra, 0, args, 3, extra.length);
    return RunConfig.from(RadarJob.options(args)).discoveryWindow().latestCount();
  }

  @Test
  void compositesMatchSlotsFromTwoFramesMoreThanADryRunPlans() throws Exception {
    assertEquals(6, asked());
    assertEquals(8, asked("--composite=true"), "slots match sources of different latency");
    assertEquals(6, asked("--composite=true", "--dryRun=true"), "a dry run plans each source's newest 6 frames");
  }
}
