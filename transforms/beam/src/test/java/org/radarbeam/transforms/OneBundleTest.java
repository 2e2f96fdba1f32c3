package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.countBundles;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** OneBundle: the values given, each once, together in one bundle; none gives an empty collection. */
class OneBundleTest {
  @Test
  void theValuesComeOutOnceInOneBundle() {
    List<String> sources = List.of("dwd", "shmu", "chmi", "imgw", "omsz", "arso", "dwd");
    Pipeline p = pipeline();
    PCollection<String> out = p.apply(OneBundle.of(sources, StringUtf8Coder.of()));
    PAssert.that(out).containsInAnyOrder(sources);
    countBundles("bundles", out);
    assertEquals(1, counter(run(p), "bundles"));
  }

  @Test
  void noValuesNoElements() {
    Pipeline p = pipeline();
    PAssert.that(p.apply(OneBundle.of(List.<String>of(), StringUtf8Coder.of()))).empty();
    run(p);
  }
}
