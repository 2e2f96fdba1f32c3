package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** OneBundle: the values given, each once, together in one bundle; none gives an empty collection. */
class OneBundleTest {
  private static final AtomicInteger BUNDLES = new AtomicInteger();

  @Test
  void theValuesComeOutOnceInOneBundle() {
    BUNDLES.set(0);
    List<String> sources = List.of("dwd", "shmu", "chmi", "imgw", "omsz", "arso", "dwd");
    Pipeline p = pipeline();
    PCollection<String> out = p.apply(OneBundle.of(sources, StringUtf8Coder.of()));
    PAssert.that(out).containsInAnyOrder(sources);
    out.apply(ParDo.of(new CountBundlesFn()));
    run(p);
    assertEquals(1, BUNDLES.get(), "bundles");
  }

  @Test
  void noValuesNoElements() {
    Pipeline p = pipeline();
    PAssert.that(p.apply(OneBundle.of(List.<String>of(), StringUtf8Coder.of()))).empty();
    run(p);
  }

  private static final class CountBundlesFn extends DoFn<String, Void> {
    @StartBundle
    public void start() {
      BUNDLES.incrementAndGet();
    }

    @ProcessElement
    public void process(@Element String s) {}
  }
}
