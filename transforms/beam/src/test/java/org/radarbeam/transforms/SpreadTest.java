package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.bundleSizes;
import static org.radarbeam.transforms.TransformTests.countBundles;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.framesWithADuplicate;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    if (workers > 0) {
      PAssert.that(p.apply("Confined", Create.of(frames)).apply("ConfinedSpread", Spread.confinedTo(workers)))
          .containsInAnyOrder(frames);
    }
    run(p);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void nothingInNothingOut(int workers) {
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.empty(FrameRefCoder.of())).apply(Spread.over(workers))).empty();
    run(p);
  }

  /**
   * Frames listed in one bundle, as ListFrames' Expand outputs a pattern's, come out in these bundles:
   * with a key per element (0 workers) a bundle each; else dealt equally, at most 8 a bundle (36 over 2
   * workers would fit 5 bundles, rounded up to 6 so each worker gets 3).
   */
  @ParameterizedTest(name = "{0} frames over {1} workers: {2} bundles of {3} to {4}")
  @CsvSource({"4, 0, 4, 1, 1", "4, 2, 2, 2, 2", "36, 2, 6, 6, 6", "37, 2, 6, 6, 7", "3, 4, 3, 1, 1"})
  void framesListedTogetherComeOutInTheBundlesDealt(int frames, int workers, int bundles, int smallest, int largest) {
    Pipeline p = pipeline();
    PCollection<FrameRef> listed = p.apply(Create.of(frames)).apply(ParDo.of(new ListFn()));
    countBundles("bundles", listed.apply(Spread.over(workers)));
    PipelineResult result = run(p);
    assertEquals(bundles, counter(result, "bundles"));
    DistributionResult sizes = bundleSizes(result, "bundles");
    assertEquals(smallest, sizes.getMin(), "smallest bundle");
    assertEquals(largest, sizes.getMax(), "largest bundle");
  }

  /** One by one (a run with --timeout): a bundle per frame, so each frame's counters are committed when it is done. */
  @Test
  void oneByOneMakesABundleOfEachFrame() {
    Pipeline p = pipeline();
    PCollection<FrameRef> listed = p.apply(Create.of(7)).apply(ParDo.of(new ListFn()));
    countBundles("bundles", listed.apply(Spread.<FrameRef>over(2).oneByOne()));
    PipelineResult result = run(p);
    assertEquals(7, counter(result, "bundles"));
    assertEquals(1, bundleSizes(result, "bundles").getMax());
  }

  @Test
  void groupsAreAMultipleOfTheWorkersWithNoMoreThanTheMostInEach() {
    for (int workers = 1; workers <= 5; workers++) {
      for (int n = 1; n <= 100; n++) {
        int groups = Spread.groups(n, workers, Spread.MAX_GROUP);
        assertEquals(0, groups % workers, n + " over " + workers);
        assertTrue((n + groups - 1) / groups <= Spread.MAX_GROUP, n + " over " + workers);
        assertTrue(groups == workers || (n + groups - workers - 1) / (groups - workers) > Spread.MAX_GROUP,
            n + " over " + workers + ": " + groups + " groups, fewer would do");
      }
    }
    assertEquals(6, Spread.groups(36, 2, Spread.MAX_GROUP));
    assertEquals(2, Spread.groups(12, 2, Spread.MAX_GROUP));
    assertEquals(3, Spread.groups(Integer.MAX_VALUE, 3, Integer.MAX_VALUE), "groups of any size: one per worker");
  }

  /**
   * Dealt over fewer threads than the runner has, the elements never take more of them at once: each group is
   * one bundle rendered in turn. What keeps a slow provider source from taking every thread.
   */
  @Test
  void dealtOverFewerThreadsThanTheRunnerHasTheyTakeNoMore() {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setTargetParallelism(4);
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of(6)).apply(ParDo.of(new ListFn())).apply(Spread.over(3)).apply(ParDo.of(new SlowFn()));
    SlowFn.reset();
    run(p);
    assertEquals(6, SlowFn.done.get());
    assertTrue(SlowFn.most.get() <= 3, "at most 3 at once, saw " + SlowFn.most.get());
  }

  /**
   * Confined to 3 threads, frames listed in several bundles and more than 8 per thread still come out in 3
   * bundles (one group per thread), so they never take more of the runner's 4 threads, however long the window.
   */
  @Test
  void framesConfinedToThreadsTakeNoMoreHoweverManyTheyAreAndWhateverBundlesTheyCameIn() {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setTargetParallelism(4);
    Pipeline p = Pipeline.create(options);
    PCollection<FrameRef> spread = p.apply(Create.of(14, 13)).apply(ParDo.of(new ListFn()))
        .apply(Spread.confinedTo(3));
    countBundles("bundles", spread);
    spread.apply(ParDo.of(new SlowFn()));
    SlowFn.reset();
    PipelineResult result = run(p);
    assertEquals(27, SlowFn.done.get());
    assertTrue(SlowFn.most.get() <= 3, "at most 3 at once, saw " + SlowFn.most.get());
    assertTrue(counter(result, "bundles") <= 3, "one bundle per thread at most: " + counter(result, "bundles"));
  }

  @Test
  void confinedToNoThreadOrOneByOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Spread.confinedTo(0));
    assertThrows(IllegalStateException.class, () -> Spread.<FrameRef>confinedTo(2).oneByOne());
  }

  /** Takes 100 ms an element and records how many were in it at once (static: DoFns are copied per thread). */
  private static final class SlowFn extends DoFn<FrameRef, FrameRef> {
    static final java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();

    static void reset() {
      now.set(0);
      most.set(0);
      done.set(0);
    }

    @ProcessElement
    public void process(@Element FrameRef f, OutputReceiver<FrameRef> out) throws InterruptedException {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      Thread.sleep(100);
      now.decrementAndGet();
      done.incrementAndGet();
      out.output(f);
    }
  }

  @Test
  void aNegativeNumberOfWorkersIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Spread.over(-1));
  }

  private static final class ListFn extends DoFn<Integer, FrameRef> {
    @ProcessElement
    public void process(@Element Integer n, OutputReceiver<FrameRef> out) {
      IntStream.range(0, n).forEach(i -> out.output(new FrameRef("dwd", "/in/" + i, T1500 + 300L * i)));
    }
  }
}
