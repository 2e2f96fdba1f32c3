package org.radarbeam.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Probing progress lines: every 10 s, at each 500th probe wherever a timed line fell, and at the end. */
class ProbeProgressTest {
  private final AtomicLong clock = new AtomicLong();
  private final List<String> lines = new ArrayList<>();
  private final ProbeProgress progress = new ProbeProgress("chmi", 1200, clock::get, lines::add);

  @Test
  void countLinesComeAtEach500thProbeAndAtTheEnd() {
    for (int probed = 8; probed <= 1200; probed += 8) {
      progress.probed(probed, 1);
    }
    progress.done(1200, 1);
    assertEquals(List.of("chmi: probed 504 of 1200 slots, 1 found", "chmi: probed 1000 of 1200 slots, 1 found",
        "chmi: probed 1200 of 1200 slots, 1 found"), lines);
  }

  @Test
  void aSlowProviderAddsTimedLinesWithoutMovingTheCountLines() {
    for (int probed = 8; probed <= 1200; probed += 8) {
      clock.addAndGet(ProbeProgress.EVERY_NANOS / 39 + 1); // 10 s every 39 batches (312 probes)
      progress.probed(probed, 0);
    }
    progress.done(1200, 0);
    assertEquals(List.of("chmi: probed 312 of 1200 slots, 0 found", "chmi: probed 504 of 1200 slots, 0 found",
        "chmi: probed 816 of 1200 slots, 0 found", "chmi: probed 1000 of 1200 slots, 0 found",
        "chmi: probed 1200 of 1200 slots, 0 found"), lines);
  }

  @Test
  void nothingIsLoggedForAShortQuickProbing() {
    progress.probed(8, 0);
    progress.probed(16, 0);
    progress.done(16, 0);
    assertEquals(List.of(), lines);
  }
}
