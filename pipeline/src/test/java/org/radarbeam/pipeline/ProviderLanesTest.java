package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many worker threads one provider source's frames are dealt among (RadarPipeline.lanes). */
class ProviderLanesTest {
  @TempDir Path tmp;

  private int lanes(int workers, String sources) throws Exception {
    RunConfig c = RunConfig.from(RadarJob.options(new String[] {"--sources=" + sources, "--latest=6",
        "--output=" + tmp.resolve("out")}));
    return RadarPipeline.lanes(workers, c);
  }

  @Test
  void besideOtherSourcesASourceLeavesOneThreadFree() throws Exception {
    assertEquals(3, lanes(4, "dwd,shmu,chmi"), "the CronJob's 4 threads");
    assertEquals(15, lanes(16, "dwd,chmi"));
    assertEquals(4, lanes(4, "dwd"), "alone, every thread");
    assertEquals(1, lanes(1, "dwd,chmi"), "one thread is all there is");
    assertEquals(0, lanes(0, "dwd,chmi"), "a runner that spreads by key");
  }
}
