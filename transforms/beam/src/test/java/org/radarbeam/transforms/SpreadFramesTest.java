package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** SpreadFrames: every frame comes out once, each in a bundle of its own, so the workers share them. */
class SpreadFramesTest {
  private static final AtomicInteger BUNDLES = new AtomicInteger();

  @Test
  void everyFrameComesOutOnceDuplicatesIncluded() {
    List<FrameRef> frames = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      frames.add(new FrameRef("dwd", "/in/dwd/" + i, T1500 + 300L * i));
    }
    frames.add(new FrameRef("dwd", "/in/dwd/0", T1500)); // the same frame twice stays twice
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(frames)).apply(new SpreadFrames())).containsInAnyOrder(frames);
    run(p);
  }

  @Test
  void nothingInNothingOut() {
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.empty(SerializableCoder.of(FrameRef.class))).apply(new SpreadFrames())).empty();
    run(p);
  }

  @Test
  void framesListedTogetherAreProcessedInBundlesOfTheirOwn() {
    BUNDLES.set(0);
    Pipeline p = pipeline();
    // one listing step outputs all four in one bundle, as ListFrames does
    PCollection<FrameRef> listed = p.apply(Create.of("/in")).apply(ParDo.of(new ListFourFn()));
    listed.apply(new SpreadFrames()).apply(ParDo.of(new CountBundlesFn()));
    run(p);
    assertEquals(4, BUNDLES.get(), "bundles after the spread");
  }

  private static final class ListFourFn extends DoFn<String, FrameRef> {
    @ProcessElement
    public void process(@Element String dir, OutputReceiver<FrameRef> out) {
      for (String name : List.of("a", "b", "c", "d")) {
        out.output(new FrameRef("dwd", dir + "/" + name, T1500));
      }
    }
  }

  private static final class CountBundlesFn extends DoFn<FrameRef, Void> {
    @StartBundle
    public void start() {
      BUNDLES.incrementAndGet();
    }

    @ProcessElement
    public void process(@Element FrameRef f) {}
  }
}
