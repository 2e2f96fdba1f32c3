package org.radarbeam.transforms;

import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1510;
import static org.radarbeam.transforms.TransformTests.composite;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.input.InputReader;

/**
 * ResolveTimeFn: untimed local HDF5 frames get the time of their /what; a file that cannot be read (here a
 * URL nothing answers at) passes unchanged.
 */
class ResolveTimeFnTest {
  private static final FetchSettings ONE_ATTEMPT = new FetchSettings(1, Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
      Duration.ofMillis(10), Duration.ofMillis(10), "");
  @TempDir Path in;

  @Test
  void untimedFramesTakeTheTimeOfTheirMetadata() throws IOException {
    String latest = write(in, "composite_dmax_latest-hd5", composite("1510"));
    String named = write(in, TransformTests.dwdName("1500"), composite("1510"));
    String broken = write(in, "broken-hd5", new byte[] {'x'});
    String missing = in.resolve("missing-hd5").toString();
    String remote = "http://127.0.0.1:1/composite_dmax_latest-hd5";

    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(List.of(
            new FrameRef("dwd", latest, null),
            new FrameRef("dwd", named, T1500),
            new FrameRef("dwd", broken, null),
            new FrameRef("dwd", missing, null),
            new FrameRef("dwd", remote, null))))
        .apply(ParDo.of(new ResolveTimeFn(new InputReader(ONE_ATTEMPT, null)))))
        .containsInAnyOrder(
            new FrameRef("dwd", latest, T1510),
            new FrameRef("dwd", named, T1500), // the name's time is kept
            new FrameRef("dwd", broken, null),
            new FrameRef("dwd", missing, null),
            new FrameRef("dwd", remote, null));
    run(p);
  }
}
