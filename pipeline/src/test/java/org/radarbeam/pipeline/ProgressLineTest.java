package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** ProgressLine: done of total, the rate and the time left. */
class ProgressLineTest {
  @Test
  void formatsDoneTotalRateAndEta() {
    assertEquals("progress: rendered 12/36 frames (2 failed, 3 skipped), 3.5 frames/s, ETA 6 s",
        ProgressLine.format(36, 12, 2, 3, 4.0));
    assertNull(ProgressLine.format(36, 0, 0, 5, 2.0), "nothing rendered yet: no line");
    assertEquals("progress: rendered 3/4 frames (1 failed, 0 skipped), 2.0 frames/s, ETA 0 s",
        ProgressLine.format(2, 3, 1, 0, 2.0), "the total is never below what is done");
  }

  @Test
  void theFramesToDoAreThoseListedLessSkippedDuplicateOutsideTheWindowAndLeft() {
    java.util.Map<String, Long> counters = java.util.Map.of("frames_listed", 43L, "frames_skipped", 3L,
        "frames_duplicate", 1L, "frames_outside_window", 1L, "frames_left", 2L, "frames_rendered", 12L,
        "frames_failed", 2L);
    assertEquals("progress: rendered 12/36 frames (2 failed, 3 skipped), 3.5 frames/s, ETA 6 s",
        ProgressLine.of(n -> counters.getOrDefault(n, 0L), 4.0));
  }
}
