package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.radarbeam.composite.CompositeSettings;
import org.radarbeam.composite.SlotMatcher;

/** Frames keyed by composite slot: by exact time, or matched across sources for the newest slots. */
class AssignSlotsTest {
  @Test
  void fromFilesASlotIsTheFramesOfOneNominalTime() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple out = p.apply(Create.of(List.of(
            new FrameRef("dwd", "d1", 600L), new FrameRef("shmu", "s1", 600L), new FrameRef("dwd", "d2", 900L),
            new FrameRef("odim", "o", null)))
        .withCoder(FrameRefCoder.of()))
        .apply(new AssignSlots(Set.of("dwd", "shmu"), CompositeSettings.defaults(), 0));
    PAssert.that(out.get(AssignSlots.SLOTTED).apply(MapElements.into(TypeDescriptors.strings())
        .via(kv -> kv.getKey() + " " + kv.getValue().uri()))).containsInAnyOrder("600 d1", "600 s1", "900 d2");
    PAssert.that(out.get(AssignSlots.LOOSE).apply("Loose", MapElements.into(TypeDescriptors.strings())
        .via(FrameRef::uri))).containsInAnyOrder("o");
    p.run().waitUntilFinish();
  }

  @Test
  void theNewestSlotsMatchSourcesWithinTheToleranceAndTheRestOfTheNewestGoAlone() {
    long now = Instant.now().getEpochSecond() / 300 * 300;
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple out = p.apply(Create.of(List.of(
            new FrameRef("dwd", "d0", now), new FrameRef("dwd", "d1", now - 300), new FrameRef("dwd", "d2", now - 600),
            new FrameRef("shmu", "s0", now - 60), new FrameRef("shmu", "s1", now - 360),
            new FrameRef("chmi", "c0", now), new FrameRef("chmi", "c1", now - 300),
            new FrameRef("arso", "a?", null)))
        .withCoder(FrameRefCoder.of()))
        .apply(new AssignSlots(Set.of("dwd", "shmu", "chmi", "arso"), CompositeSettings.defaults(), 1));
    // one slot (the newest): shmu 1 minute off joins it
    PAssert.that(out.get(AssignSlots.SLOTTED).apply(MapElements.into(TypeDescriptors.strings())
        .via(kv -> (now - kv.getKey()) + " " + kv.getValue().uri()))).containsInAnyOrder("0 d0", "0 s0", "0 c0");
    // the newest frame of each source is in the slot: no other frame goes alone (d1, d2, s1, c1 were candidates
    // only) but one whose time is still unknown, which no matching can place: rendering gives its reason
    PCollection<String> loose = out.get(AssignSlots.LOOSE).apply("Loose", MapElements.into(TypeDescriptors.strings())
        .via(FrameRef::uri));
    PAssert.that(loose).containsInAnyOrder("a?");
    // and they count as outside the run's window, so the summary's counts add up to the frames listed
    assertEquals(4, TransformTests.counter(TransformTests.run(p), RadarMetrics.OUTSIDE_WINDOW));
  }

  /**
   * A frame in two windows (ARSO off the 5-minute grid) is merged into both and its own image written by
   * one: the slot nearest its time, the newer of two as near.
   */
  @Test
  void aFrameInTwoSlotsHasItsOwnImageWrittenByOne() {
    SortedMap<String, SlotMatcher.Candidate> at600 = new TreeMap<>(Map.of(
        "dwd", new SlotMatcher.Candidate("dwd", 600, "d600"), "arso", new SlotMatcher.Candidate("arso", 720, "a720")));
    SortedMap<String, SlotMatcher.Candidate> at720 = new TreeMap<>(Map.of(
        "dwd", new SlotMatcher.Candidate("dwd", 600, "d600"), "arso", new SlotMatcher.Candidate("arso", 720, "a720")));
    SortedMap<String, SlotMatcher.Candidate> at840 = new TreeMap<>(Map.of(
        "dwd", new SlotMatcher.Candidate("dwd", 900, "d900"), "arso", new SlotMatcher.Candidate("arso", 720, "a720")));
    Map<String, Long> owners = AssignSlots.MatchLatestFn.imageSlots(List.of(new SlotMatcher.Slot(840, at840),
        new SlotMatcher.Slot(720, at720), new SlotMatcher.Slot(600, at600)));
    assertEquals(Map.of("d600", 600L, "a720", 720L, "d900", 840L), owners);
    // 600 and 840 are as near to 720: the newer writes it
    SortedMap<String, SlotMatcher.Candidate> mid = new TreeMap<>(Map.of("arso", new SlotMatcher.Candidate("arso", 720,
        "a720")));
    assertEquals(Map.of("a720", 840L), AssignSlots.MatchLatestFn.imageSlots(List.of(new SlotMatcher.Slot(600, mid),
        new SlotMatcher.Slot(840, mid))));
  }

  @Test
  void newestSlotsThatNoWindowMatchesAreCountedAsSkipped() {
    long now = Instant.now().getEpochSecond() / 300 * 300;
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    // chmi's newest frame is 10 minutes off: no window holds the 3 core sources needed
    PCollectionTuple out = p.apply(Create.of(List.of(
            new FrameRef("dwd", "d0", now), new FrameRef("shmu", "s0", now), new FrameRef("chmi", "c0", now - 600)))
        .withCoder(FrameRefCoder.of()))
        .apply(new AssignSlots(Set.of("dwd", "shmu", "chmi"), CompositeSettings.defaults(), 1));
    PAssert.that(out.get(AssignSlots.SLOTTED).apply(MapElements.into(TypeDescriptors.strings())
        .via(kv -> kv.getValue().uri()))).empty();
    PAssert.that(out.get(AssignSlots.LOOSE).apply("Loose", MapElements.into(TypeDescriptors.strings())
        .via(FrameRef::uri))).containsInAnyOrder("d0", "s0", "c0");
    PipelineResult result = TransformTests.run(p);
    assertEquals(1, TransformTests.counter(result, RadarMetrics.SLOTS_SKIPPED));
    assertEquals(1, TransformTests.counter(result, RadarMetrics.SLOTS_SKIPPED + "." + RadarMetrics.TOO_FEW_SOURCES));
  }
}
