package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.LocalFileStore;

/**
 * PlanFrames: one "plan SOURCE URI -> TARGET" line per frame, credentials hidden, same-key files counted as
 * duplicates; reads and writes nothing.
 */
class PlanFramesTest {
  private static final Map<String, RadarSource> SOURCES =
      Map.of("dwd", TestSources.DWD, "dwd-eu", TestSources.DWD.withFolder("europe"),
          "odim", new RadarSource("odim", "odim", InputFormat.ODIM_H5, TestSources.DWD.scaling(), null, null));

  @TempDir Path tmp;

  @Test
  void onePlanLinePerFrameAndNothingWritten() {
    Path out = tmp.resolve("out"); // does not exist, and must not come to exist
    Pipeline p = pipeline();
    PCollection<String> plan = p.apply(Create.of(List.of(
            new FrameRef("dwd", "/in/missing_20251117_1500", T1500), // never read: it need not exist
            new FrameRef("dwd-eu", "https://alice:s3cret@127.0.0.1:1/eu_20251117_1505", T1505),
            new FrameRef("dwd", "/in/latest", null),
            new FrameRef("odim", "/in/opera.h5", T1500),
            FrameRef.sameKey(List.of(new FrameRef("dwd", "/a/dwd_20251117_1505", T1505),
                new FrameRef("dwd", "/b/dwd_20251117_1505", T1505), new FrameRef("dwd", "/c/dwd_20251117_1505", T1505))))))
        .apply(new PlanFrames(SOURCES, new LocalFileStore(out.toString())));
    PAssert.that(plan).containsInAnyOrder(
        "plan dwd /in/missing_20251117_1500 -> " + out.resolve("germany/1763391600.png"),
        "plan dwd-eu https://***@127.0.0.1:1/eu_20251117_1505 -> " + out.resolve("europe/1763391900.png"),
        "plan dwd /in/latest -> (key unknown: the file names no time and its metadata is unreadable)",
        "plan odim /in/opera.h5 -> " + out.resolve("odim/{grid}/1763391600.png")
            + " (its grid is known once it is read; existing images are not looked for)",
        "plan dwd /a/dwd_20251117_1505 -> " + out.resolve("germany/1763391900.png")
            + " (or, where it cannot be read, one of its 2 same-key duplicate(s))");
    PipelineResult result = run(p);

    assertEquals(5, counter(result, RadarMetrics.PLANNED));
    assertEquals(2, counter(result, RadarMetrics.DUPLICATES), "as a run counts them, beside the one planned");
    assertFalse(Files.exists(out), "a dry run creates nothing");
  }
}
