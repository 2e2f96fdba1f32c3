package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.bundleSizes;
import static org.radarbeam.transforms.TransformTests.countBundles;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.framesWithADuplicate;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spread: every frame comes out once; with a key per element each in a bundle of its own, dealt among
 * workers in equal bundles of at most {@link Spread#MAX_GROUP}.
 */
class SpreadTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void everyFrameComesOutOnceDuplicatesIncluded(int workers) {
    List<FrameRef> frames = framesWithADuplicate(20);
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(frames)).apply(Spread.over(workers))).containsInAnyOrder(frames);
    run(p);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void nothingInNothingOut(int workers) {
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.empty(SerializableCoder.of(FrameRef.class))).apply(Spread.over(workers))).empty();
    run(p);
  }

  @Test
  void withAKeyPerElementFramesListedTogetherAreProcessedInBundlesOfTheirOwn() {
    PipelineResult result = spreadListed(4, 0);
    assertEquals(4, counter(result, "bundles"));
    assertEquals(1, bundleSizes(result, "bundles").getMax());
  }

  @Test
  void framesListedTogetherAreDealtEquallyAmongTheWorkers() {
    PipelineResult result = spreadListed(4, 2);
    assertEquals(2, counter(result, "bundles"));
    assertSizes(2, 2, bundleSizes(result, "bundles"));
  }

  @Test
  void manyFramesAreDealtInEqualBundlesNoLargerThanTheMost() {
    // 36 frames, 2 workers: at most 8 a bundle makes 5 bundles, rounded up to 6 so each worker gets 3
    PipelineResult result = spreadListed(36, 2);
    assertEquals(6, counter(result, "bundles"));
    assertSizes(6, 6, bundleSizes(result, "bundles"));
    PipelineResult uneven = spreadListed(37, 2);
    assertEquals(6, counter(uneven, "bundles"));
    assertSizes(6, 7, bundleSizes(uneven, "bundles"));
  }

  @Test
  void fewerFramesThanWorkersMakeABundleEach() {
    PipelineResult result = spreadListed(3, 4);
    assertEquals(3, counter(result, "bundles"));
    assertSizes(1, 1, bundleSizes(result, "bundles"));
  }

  @Test
  void groupsAreAMultipleOfTheWorkersWithNoMoreThanTheMostInEach() {
    for (int workers = 1; workers <= 5; workers++) {
      for (int n = 1; n <= 100; n++) {
        int groups = Spread.groups(n, workers);
        assertEquals(0, groups % workers, n + " over " + workers);
        assertEquals(true, (n + groups - 1) / groups <= Spread.MAX_GROUP, n + " over " + workers);
        assertEquals(true, groups == workers || (n + groups - workers - 1) / (groups - workers) > Spread.MAX_GROUP,
            n + " over " + workers + ": " + groups + " groups, fewer would do");
      }
    }
    assertEquals(6, Spread.groups(36, 2));
    assertEquals(2, Spread.groups(12, 2));
  }

  @Test
  void aNegativeNumberOfWorkersIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Spread.over(-1));
  }

  /** {@code n} frames listed in one bundle, as ListFrames' Expand does for a pattern, spread over {@code workers}. */
  private static PipelineResult spreadListed(int n, int workers) {
    Pipeline p = pipeline();
    PCollection<FrameRef> listed = p.apply(Create.of(n)).apply(ParDo.of(new ListFn()));
    countBundles("bundles", listed.apply(Spread.over(workers)));
    return run(p);
  }

  private static void assertSizes(long min, long max, DistributionResult sizes) {
    assertEquals(min, sizes.getMin(), "smallest bundle");
    assertEquals(max, sizes.getMax(), "largest bundle");
  }

  private static final class ListFn extends DoFn<Integer, FrameRef> {
    @ProcessElement
    public void process(@Element Integer n, OutputReceiver<FrameRef> out) {
      IntStream.range(0, n).forEach(i -> out.output(new FrameRef("dwd", "/in/" + i, T1500 + 300L * i)));
    }
  }
}
