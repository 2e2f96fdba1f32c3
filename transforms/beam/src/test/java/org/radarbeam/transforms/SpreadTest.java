package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.countBundles;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.framesWithADuplicate;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** Spread: every frame comes out once, each in a bundle of its own, so the workers share them. */
class SpreadTest {
  @Test
  void everyFrameComesOutOnceDuplicatesIncluded() {
    List<FrameRef> frames = framesWithADuplicate(20);
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(frames)).apply(new Spread<>())).containsInAnyOrder(frames);
    run(p);
  }

  @Test
  void nothingInNothingOut() {
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.empty(SerializableCoder.of(FrameRef.class))).apply(new Spread<>())).empty();
    run(p);
  }

  @Test
  void framesListedTogetherAreProcessedInBundlesOfTheirOwn() {
    Pipeline p = pipeline();
    // one listing step outputs all four in one bundle, as ListFrames' Expand does for a pattern
    PCollection<FrameRef> listed = p.apply(Create.of("/in")).apply(ParDo.of(new ListFourFn()));
    countBundles("bundles", listed.apply(new Spread<>()));
    assertEquals(4, counter(run(p), "bundles"));
  }

  private static final class ListFourFn extends DoFn<String, FrameRef> {
    @ProcessElement
    public void process(@Element String dir, OutputReceiver<FrameRef> out) {
      for (String name : List.of("a", "b", "c", "d")) {
        out.output(new FrameRef("dwd", dir + "/" + name, T1500));
      }
    }
  }
}
