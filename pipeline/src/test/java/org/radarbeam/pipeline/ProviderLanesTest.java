package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many worker threads one provider source's frames are dealt among (RadarPipeline.lanes). */
class ProviderLanesTest {
  @TempDir Path tmp;

  private int lanes(int workers, String sources, int perHost) throws Exception {
    RunConfig c = RunConfig.from(RadarJob.options(new String[] {"--sources=" + sources, "--latest=6",
        "--maxRequestsPerHost=" + perHost, "--output=" + tmp.resolve("out")}));
    return RadarPipeline.lanes(workers, c);
  }

  @Test
  void besideOtherSourcesASourceLeavesOneThreadFreeAndNeverExceedsItsHostsRequestSlots() throws Exception {
    assertEquals(3, lanes(4, "dwd,shmu,chmi", 4), "the CronJob's 4 threads and 4 requests per host");
    assertEquals(1, lanes(4, "dwd,chmi", 1), "one request at a time: one thread");
    assertEquals(4, lanes(4, "dwd", 4), "alone, every thread");
    assertEquals(2, lanes(4, "dwd", 2), "alone, no more threads than request slots");
    assertEquals(1, lanes(1, "dwd,chmi", 4), "one thread is all there is");
    assertEquals(0, lanes(0, "dwd,chmi", 4), "a runner that spreads by key");
  }
}
