package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.radarbeam.beam.ListFrames;
import org.radarbeam.beam.RenderFrameFn;
import org.radarbeam.beam.RenderFrames;
import org.radarbeam.beam.SkipExisting;
import org.radarbeam.fetch.FetchSettings;
import org.radarbeam.model.FrameRef;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.store.InputReader;
import org.radarbeam.store.LocalFileStore;

/** The building blocks composed in a pipeline, checked with PAssert. */
class RadarPipelineTest {
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
    Files.write(out.resolve("germany/1763391900.png"), new byte[] {1}); // 15:05 exists already

    Map<String, SourceProfile> profiles = Map.of("dwd", SourceCatalog.get("dwd"));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<FrameRef> frames = p.apply(ListFrames.of(
        ArchiveTemplate.patterns(in.toString(), profiles.keySet(), TimeWindow.all()), profiles));
    PAssert.that(frames.apply("Names", MapElements.into(TypeDescriptors.strings()).via(f -> f.nominalEpochSeconds() + "")))
        .containsInAnyOrder("1763391600", "1763391900", "1763392200");
    PCollectionTuple rendered = frames
        .apply(new SkipExisting(profiles, new LocalFileStore(out.toString()), false))
        .apply(new RenderFrames(profiles, RenderSettings.defaults(), new InputReader(FetchSettings.defaults(), null)));
    PAssert.that(rendered.get(RenderFrameFn.RENDERED).apply("Keys",
        MapElements.into(TypeDescriptors.strings()).via(f -> f.key() + " " + f.width() + "x" + f.height())))
        .containsInAnyOrder("germany/1763391600.png 40x30");
    PAssert.that(rendered.get(RenderFrameFn.FAILED).apply("Kinds",
        MapElements.into(TypeDescriptors.strings()).via(f -> f.nominalEpochSeconds() + " " + f.kind())))
        .containsInAnyOrder("1763392200 not-hdf5");
    p.run().waitUntilFinish();
  }

  @Test
  void catalogNamesEachSourcesFolderAndFileTime() {
    List<String> got = new ArrayList<>();
    got.add(SourceCatalog.get("dwd").folder() + " " + SourceCatalog.get("dwd").timeFromName("composite_dmax_20251117_1500-hd5"));
    got.add(SourceCatalog.get("shmu").folder() + " " + SourceCatalog.get("shmu").timeFromName("T_PABV22_C_LZIB_20251117150500.hdf"));
    got.add(SourceCatalog.get("chmi").folder() + " " + SourceCatalog.get("chmi").timeFromName("T_PABV23_C_OKPR_20251117151000.hdf"));
    got.add(SourceCatalog.get("imgw").folder() + " " + SourceCatalog.get("imgw").timeFromName("2025111715150000dBZ.cmax.h5"));
    got.add(SourceCatalog.get("odim").folder() + " " + SourceCatalog.get("odim").timeFromName("T_PABV21_C_EUOC_20241126010000.hdf"));
    assertEquals(List.of("germany 2025-11-17T15:00:00Z", "slovakia 2025-11-17T15:05:00Z", "czechia 2025-11-17T15:10:00Z",
        "poland 2025-11-17T15:15:00Z", "odim null"), got);
    assertTrue(SourceCatalog.get("shmu").scaling().raw255IsNodata());
  }
}
