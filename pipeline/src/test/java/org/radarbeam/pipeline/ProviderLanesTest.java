package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many worker threads one provider source's frames are dealt among (RadarPipeline.lanes). */
class ProviderLanesTest {
  @TempDir Path tmp;

  private RunConfig config(String sources, String... extra) throws Exception {
    String[] args = new String[extra.length + 3];
    args[0] = "--sources=" + sources;
    args[1] = "--latest=6";
    args[2] = "--output=" + tmp.resolve("out");
    System.arraycopy(extra, 0, args, 3, extra.length);
    return RunConfig.from(RadarJob.options(args));
  }

  private int lanes(int workers, String sources) throws Exception {
    return RadarPipeline.lanes(workers, config(sources));
  }

  /**
   * With --timeout frames are dealt one by one, so a stopped run counts what it wrote; but a source beside
   * others is confined to its lanes, one group each, whose number is what bounds its threads.
   */
  @Test
  void aSourceBesideOthersIsConfinedToItsLanesWithOrWithoutATimeout() throws Exception {
    RunConfig several = config("dwd,shmu,chmi", "--timeout=PT4M");
    assertEquals(RadarPipeline.Dealing.CONFINED, RadarPipeline.dealing(several, RadarPipeline.bounded(4, several)));
    RunConfig severalUntimed = config("dwd,shmu,chmi");
    assertEquals(RadarPipeline.Dealing.CONFINED,
        RadarPipeline.dealing(severalUntimed, RadarPipeline.bounded(4, severalUntimed)));
    RunConfig alone = config("dwd", "--timeout=PT4M");
    assertEquals(RadarPipeline.Dealing.ONE_BY_ONE, RadarPipeline.dealing(alone, RadarPipeline.bounded(4, alone)));
    assertEquals(RadarPipeline.Dealing.GROUPS, RadarPipeline.dealing(config("dwd"), false), "no timeout: groups of up to 8");
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
