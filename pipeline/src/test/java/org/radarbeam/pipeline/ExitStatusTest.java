package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radarbeam.transforms.RadarMetrics;

/** The one exit rule every runner applies to a run's counters. */
class ExitStatusTest {
  @Test
  void nothingListedIsNothingDone() {
    assertEquals(ExitStatus.NOTHING_DONE, ExitStatus.of(0, 0, 0, 0));
  }

  @Test
  void everyFrameRenderedOrSkippedIsOk() {
    assertEquals(ExitStatus.OK, ExitStatus.of(4, 2, 2, 0));
    assertEquals(ExitStatus.OK, ExitStatus.of(3, 0, 3, 0));
  }

  @Test
  void someFailedWithTheRestWrittenIsThree() {
    assertEquals(ExitStatus.SOME_FAILED, ExitStatus.of(4, 2, 1, 1));
    assertEquals(ExitStatus.SOME_FAILED, ExitStatus.of(2, 0, 1, 1));
  }

  @Test
  void allFailedIsNothingDone() {
    assertEquals(ExitStatus.NOTHING_DONE, ExitStatus.of(2, 0, 0, 2));
  }

  /** Composite slots that could not be made count only when nothing else was written or skipped. */
  @Test
  void aRunThatMadeNoneOfItsSlotsAndNothingElseIsNothingDone() {
    assertEquals(ExitStatus.NOTHING_DONE, ExitStatus.of(3, 0, 0, 0, 0, 1), "--individual=false, too few sources");
    assertEquals(ExitStatus.OK, ExitStatus.of(3, 3, 0, 0, 0, 1), "the members' own images were written");
    assertEquals(ExitStatus.OK, ExitStatus.of(3, 0, 3, 0, 0, 1), "they existed");
    assertEquals(ExitStatus.OK, ExitStatus.of(4, 0, 0, 0, 1, 1), "another slot's composite existed");
    assertEquals(ExitStatus.OK, ExitStatus.of(3, 0, 0, 0, 0, 0), "no slot missed");
    assertEquals(ExitStatus.SOME_FAILED, ExitStatus.of(3, 1, 0, 1, 0, 1));
  }

  @Test
  void theCodesUsersScriptAgainst() {
    assertEquals(0, ExitStatus.OK);
    assertEquals(1, ExitStatus.NOTHING_DONE);
    assertEquals(2, ExitStatus.INVALID_OPTIONS);
    assertEquals(3, ExitStatus.SOME_FAILED);
    assertEquals(4, ExitStatus.CRASHED);
  }

  private static int ofCounters(Map<String, Long> counters) {
    return ExitStatus.ofCounters(name -> counters.getOrDefault(name, 0L));
  }

  @Test
  void anInputThatCouldNotBeListedCountsAsAFailure() {
    assertEquals(ExitStatus.SOME_FAILED, ofCounters(Map.of(RadarMetrics.LISTED, 3L, RadarMetrics.RENDERED, 3L,
        RadarMetrics.INPUTS_UNLISTED, 1L)));
    assertEquals(ExitStatus.NOTHING_DONE, ofCounters(Map.of(RadarMetrics.INPUTS_UNLISTED, 2L)), "nothing else listed");
  }

  @Test
  void aCompositeTheOutputDidNotTakeCountsAsAFailure() {
    assertEquals(ExitStatus.SOME_FAILED, ofCounters(Map.of(RadarMetrics.LISTED, 3L, RadarMetrics.RENDERED, 3L,
        RadarMetrics.SLOTS_SKIPPED, 1L, RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.WRITE_FAILED, 1L)));
  }

  @Test
  void framesAndSlotsLeftForTheNextRunAreNoFailure() {
    assertEquals(ExitStatus.OK, ofCounters(Map.of(RadarMetrics.LISTED, 5L, RadarMetrics.RENDERED, 2L,
        RadarMetrics.LEFT, 3L)));
    assertEquals(ExitStatus.SOME_FAILED, ofCounters(Map.of(RadarMetrics.LISTED, 5L, RadarMetrics.FAILED, 1L,
        RadarMetrics.LEFT, 4L)), "one failed, the others left: not every frame failed");
    assertEquals(ExitStatus.OK, ofCounters(Map.of(RadarMetrics.LISTED, 2L, RadarMetrics.RENDERED, 1L,
        RadarMetrics.SLOTS_SKIPPED, 1L, RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.TIME_UP, 1L)),
        "a member image written, its slot left");
    assertEquals(ExitStatus.NOTHING_DONE, ofCounters(Map.of(RadarMetrics.LISTED, 2L, RadarMetrics.SLOTS_SKIPPED, 1L,
        RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.TOO_FEW_SOURCES, 1L)), "a slot that could not be made");
    assertEquals(ExitStatus.SOME_FAILED, ofCounters(Map.of(RadarMetrics.LISTED, 4L, RadarMetrics.FAILED, 1L,
        RadarMetrics.SLOTS_SKIPPED, 2L, RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.TIME_UP, 1L,
        RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.MEMBER_FAILED, 1L)),
        "--individual=false: a member failed, the other slot was left");
  }

  /** A run cancelled by --timeout: what was in flight is the next run's, what failed or was not listed is not. */
  @Test
  void aTimedOutRunIsOkUnlessSomethingFailedOrCouldNotBeListed() {
    assertEquals(ExitStatus.OK, ExitStatus.ofTimedOut(5, 0, 0));
    assertEquals(ExitStatus.OK, ExitStatus.ofTimedOut(0, 0, 0), "cancelled before anything was listed");
    assertEquals(ExitStatus.SOME_FAILED, ExitStatus.ofTimedOut(5, 1, 0));
    assertEquals(ExitStatus.SOME_FAILED, ExitStatus.ofTimedOut(5, 0, 1), "one pattern listed, another not");
    assertEquals(ExitStatus.NOTHING_DONE, ExitStatus.ofTimedOut(0, 0, 1), "its only pattern could not be listed");
  }
}
