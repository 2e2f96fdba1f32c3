package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radarbeam.transforms.RadarMetrics;

/** The summary's JSON: its counts stay numbers whatever notes join them. */
class RunSummaryTest {
  private static RunSummary summary(Map<String, Long> counters) {
    return new RunSummary(name -> counters.getOrDefault(name, 0L), 2.0);
  }

  @Test
  void countsAreNumbersAndNotesJoinThem() throws Exception {
    RunSummary s = summary(Map.of(RadarMetrics.LISTED, 3L, RadarMetrics.RENDERED, 3L, RadarMetrics.INPUTS_UNLISTED, 1L,
        RadarMetrics.LEFT, 2L));
    JsonNode json = new ObjectMapper().readTree(s.json(false, Map.of("listingFailed", "1 --input pattern(s) ...")));
    assertTrue(json.path("inputsNotListed").isNumber(), json.toString());
    assertEquals(1, json.path("inputsNotListed").asInt());
    assertEquals(2, json.path("leftForNextRun").asInt());
    assertEquals("1 --input pattern(s) ...", json.path("listingFailed").asText());
    assertTrue(s.line(false).contains(", inputs not listed 1"), s.line(false));
  }

  /** Timed out or not, frames outside the window are not the run's: beside a pattern not listed, nothing was. */
  @Test
  void framesOutsideTheWindowAreNotTheRunsTimedOutOrNot() {
    RunSummary s = summary(Map.of(RadarMetrics.LISTED, 3L, RadarMetrics.OUTSIDE_WINDOW, 3L,
        RadarMetrics.INPUTS_UNLISTED, 1L));
    assertEquals(ExitStatus.NOTHING_DONE, s.exitStatus());
    assertEquals(ExitStatus.NOTHING_DONE, s.timedOutExitStatus());
  }

  /** A composite the output refused fails the run whether it ended or timed out. */
  @Test
  void aCompositeTheOutputRefusedIsAFailureTimedOutOrNot() {
    RunSummary s = RunSummary.ofCounters(name -> Map.of(RadarMetrics.LISTED, 3L, RadarMetrics.RENDERED, 3L,
        RadarMetrics.SLOTS_SKIPPED, 1L, RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.WRITE_FAILED, 1L)
        .getOrDefault(name, 0L), 2.0);
    assertEquals(ExitStatus.SOME_FAILED, s.exitStatus());
    assertEquals(ExitStatus.SOME_FAILED, s.timedOutExitStatus());
    assertTrue(s.line(false).contains("slots skipped 1 write-failed"), s.line(false));
  }

  @Test
  void aNoteCannotReplaceACount() {
    RunSummary s = summary(Map.of(RadarMetrics.INPUTS_UNLISTED, 1L));
    assertThrows(IllegalArgumentException.class, () -> s.json(false, Map.of("inputsNotListed", "text")));
  }
}
