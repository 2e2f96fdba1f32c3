package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.countBundles;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.framesWithADuplicate;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** Gather: every element comes out once, all in one bundle, however they were spread. */
class GatherTest {
  @Test
  void spreadFramesComeOutOnceInOneBundle() {
    List<FrameRef> frames = framesWithADuplicate(12);
    Pipeline p = pipeline();
    PCollection<FrameRef> spread = p.apply(Create.of(frames)).apply(Spread.over(0));
    countBundles("spread", spread);
    PCollection<FrameRef> gathered = spread.apply(new Gather<>());
    countBundles("gathered", gathered);
    PAssert.that(gathered).containsInAnyOrder(frames);
    var result = run(p);
    assertEquals(13, counter(result, "spread"), "one bundle per frame before");
    assertEquals(1, counter(result, "gathered"), "one bundle after");
  }

  @Test
  void nothingInNothingOut() {
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.empty(FrameRefCoder.of())).apply(new Gather<>())).empty();
    run(p);
  }
}
