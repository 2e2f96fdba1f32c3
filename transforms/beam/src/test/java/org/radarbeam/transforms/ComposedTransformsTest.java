package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.input.InputReader;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.ArchiveTemplate;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.store.LocalFileStore;

/** The building blocks composed in a pipeline, checked with PAssert. */
class ComposedTransformsTest {
  @TempDir Path tmp;

  @Test
  void listsSkipsAndRendersWithFailuresOnTheirOwnOutput() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.write(in.resolve("composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    Files.write(in.resolve("composite_dmax_20251117_1505-hd5"), TestComposites.uint8Composite("20251117", "150500"));
    Files.write(in.resolve("composite_dmax_20251117_1510-hd5"), new byte[] {'x'});
    Files.write(in.resolve(".composite_dmax_20251117_1515-hd5.tmp-1"), new byte[0]); // hidden: not listed
    Files.createDirectories(out.resolve("germany"));
    Files.write(out.resolve("germany/1763391900.png"), TransformTests.WRITTEN_PNG); // 15:05 exists already

    Map<String, RadarSource> sources = Map.of("dwd", TestSources.DWD);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<FrameRef> frames = p.apply(new ListFrames(
        ArchiveTemplate.patterns(in.toString(), sources.keySet(), TimeWindow.all()), sources, null));
    PAssert.that(frames.apply("Names", MapElements.into(TypeDescriptors.strings()).via(f -> f.nominalEpochSeconds() + "")))
        .containsInAnyOrder("1763391600", "1763391900", "1763392200");
    PCollectionTuple rendered = frames
        .apply(new SkipExisting(sources, new LocalFileStore(out.toString()), false))
        .apply(new RenderFrames(sources, RenderSettings.defaults(), new InputReader(FetchSettings.defaults(), null),
            new LocalFileStore(out.toString()), false));
    PAssert.that(rendered.get(RenderFrames.WRITTEN).apply("Keys",
        MapElements.into(TypeDescriptors.strings()).via(f -> f.key() + " " + f.width() + "x" + f.height())))
        .containsInAnyOrder("germany/1763391600.png 40x30");
    PAssert.that(rendered.get(RenderFrames.FAILED).apply("Kinds",
        MapElements.into(TypeDescriptors.strings()).via(f -> f.nominalEpochSeconds() + " " + f.kind())))
        .containsInAnyOrder("1763392200 not-hdf5");
    p.run().waitUntilFinish();
    assertTrue(Files.size(out.resolve("germany/1763391600.png")) > 100, "15:00 written");
    assertEquals(TransformTests.WRITTEN_PNG.length, Files.size(out.resolve("germany/1763391900.png")),
        "15:05 skipped, left as it was");
  }
}
