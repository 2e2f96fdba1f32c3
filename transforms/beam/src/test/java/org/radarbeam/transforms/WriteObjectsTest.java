package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.filesBelow;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.store.LocalFileStore;

/** WriteObjects: each PNG under its key, whole, replacing what was there; outputs the keys written. */
class WriteObjectsTest {
  private static final double[] NO_BOUNDS = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};

  @TempDir Path out;

  static RenderedFrame frame(String key, long nominal, byte[] png) {
    return new RenderedFrame("dwd", "/in/" + nominal, key, nominal, 40, 30, png, NO_BOUNDS);
  }

  @Test
  void writesEachPngUnderItsKeyAndOutputsTheKeys() throws IOException {
    write(out.resolve("germany"), T1505 + ".png", new byte[] {9, 9, 9, 9}); // an older rendering, replaced
    Pipeline p = pipeline();
    PCollection<String> keys = p.apply(Create.of(List.of(
            frame("germany/1763391600.png", T1500, new byte[] {1, 2, 3}),
            frame("germany/1763391900.png", T1505, new byte[] {4, 5}))))
        .apply(new WriteObjects(new LocalFileStore(out.toString())));
    PAssert.that(keys).containsInAnyOrder("germany/1763391600.png", "germany/1763391900.png");
    PipelineResult result = run(p);

    assertEquals(List.of("germany/1763391600.png", "germany/1763391900.png"), filesBelow(out), "no temporaries left");
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out.resolve("germany/1763391600.png")));
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(out.resolve("germany/1763391900.png")));
    assertEquals(2, counter(result, RadarMetrics.WRITTEN));
    assertEquals(5, counter(result, RadarMetrics.BYTES_WRITTEN));
  }

  @Test
  void nothingToWriteWritesNothing() throws IOException {
    Pipeline p = pipeline();
    PCollection<String> keys = p.apply(Create.empty(SerializableCoder.of(RenderedFrame.class)))
        .apply(new WriteObjects(new LocalFileStore(out.toString())));
    PAssert.that(keys).empty();
    PipelineResult result = run(p);
    assertEquals(List.of(), filesBelow(out));
    assertEquals(0, counter(result, RadarMetrics.WRITTEN));
  }
}
