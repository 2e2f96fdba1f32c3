package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.composite;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.dwdName;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.strings;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.odim.OdimFixtures;
import org.radarbeam.composite.CompositeSettings;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.input.InputReader;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.LocalFileStore;

/**
 * A slot's members, merged one at a time; one whose file changed since it was listed is left out of the slot
 * and written under the time it names.
 */
class MergeSlotsTest {
  /** dwd names its files by time; dwd-eu's one file is timed by its content, as ARSO's is. */
  private static final Map<String, RadarSource> SOURCES =
      Map.of("dwd", TestSources.DWD, "dwd-eu", TestSources.DWD.withFolder("europe"));
  private static final CompositeSettings ONE_SOURCE =
      new CompositeSettings(2000, true, 1, Duration.ofMinutes(2), Duration.ofMinutes(30), Set.of());

  @TempDir Path in;

  /** Slots of {@code sources} (one core source makes one) rendered at {@code settings}, written below in/out. */
  private MergeSlots mergeSlots(Map<String, RadarSource> sources, RenderSettings settings) {
    return new MergeSlots(sources, settings, ONE_SOURCE, new InputReader(FetchSettings.defaults(), null),
        new LocalFileStore(in.resolve("out").toString()), false);
  }

  @Test
  void aMemberTimedByItsContentThatNowNamesAnotherTimeIsNotMergedButWrittenUnderThatTime() throws IOException {
    String named = write(in, dwdName("1500"), composite("1500"));
    // listed in the 15:00 slot from its header, replaced by the 15:10 file before it was read
    String replaced = write(in.resolve("eu"), "composite_dmax_latest-hd5", composite("1510"));
    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", named, T1500)),
            KV.of(T1500, new FrameRef("dwd-eu", replaced, T1500)))).withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, RenderSettings.defaults()));
    PAssert.that(out.get(MergeSlots.FAILED)).empty();
    // the composite of 15:00 holds the 15:00 member alone; the replaced file is europe's image of 15:10
    PAssert.that(strings("Written", out.get(MergeSlots.WRITTEN), w -> w.key() + " " + w.source()))
        .containsInAnyOrder("germany/1763391600.png dwd", "composite/1763391600.png composite",
            "europe/1763392200.png dwd-eu");
    run(p);
  }

  /** A member whose own image another slot writes is merged here, and its image not written here. */
  @Test
  void aMemberWhoseImageAnotherSlotWritesIsOnlyMerged() throws IOException {
    String named = write(in, dwdName("1500"), composite("1500"));
    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", named, T1500)
            .withImageElsewhere()))).withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, RenderSettings.defaults()));
    PAssert.that(strings("Written", out.get(MergeSlots.WRITTEN), w -> w.key() + " " + w.source()))
        .containsInAnyOrder("composite/1763391600.png composite");
    run(p);
    assertFalse(Files.exists(in.resolve("out/germany/1763391600.png")));
  }

  /** A member whose own image exists but whose file cannot be read for the merge is a failure, not also a skip. */
  @Test
  void aMemberWhoseImageExistsAndWhoseReadFailsIsCountedOnceAsFailed() throws IOException {
    String broken = write(in, dwdName("1500"), "not a radar file".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    write(in.resolve("out/germany"), "1763391600.png", new byte[] {1});
    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", broken, T1500))))
            .withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, RenderSettings.defaults()));
    PAssert.that(strings("Failed", out.get(MergeSlots.FAILED), f -> f.source() + " " + f.kind()))
        .containsInAnyOrder("dwd not-hdf5");
    PipelineResult result = run(p);
    assertEquals(0, counter(result, RadarMetrics.SKIPPED));
    assertEquals(1, counter(result, RadarMetrics.FAILED));
  }

  /** A replaced member counts once, under the time it names, whatever exists under the time it was listed with. */
  @Test
  void aReplacedMemberWhoseListedImageExistsCountsOnceUnderTheTimeItNames() throws IOException {
    String named = write(in, dwdName("1500"), composite("1500"));
    String replaced = write(in.resolve("eu"), "composite_dmax_latest-hd5", composite("1510"));
    write(in.resolve("out/europe"), "1763391600.png", new byte[] {1});
    Pipeline p = pipeline();
    p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", named, T1500)),
            KV.of(T1500, new FrameRef("dwd-eu", replaced, T1500)))).withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, RenderSettings.defaults()));
    PipelineResult result = run(p);
    assertEquals(0, counter(result, RadarMetrics.SKIPPED), "not also skipped under 15:00");
    assertEquals(2, counter(result, RadarMetrics.RENDERED), "dwd's 15:00 and dwd-eu's 15:10");
  }

  /** A replaced member whose image under the time it names exists is skipped there, not written again. */
  @Test
  void aReplacedMemberWhoseImageUnderTheTimeItNamesExistsIsSkipped() throws IOException {
    String named = write(in, dwdName("1500"), composite("1500"));
    String replaced = write(in.resolve("eu"), "composite_dmax_latest-hd5", composite("1510"));
    byte[] existing = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
    write(in.resolve("out/europe"), "1763392200.png", existing);
    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", named, T1500)),
            KV.of(T1500, new FrameRef("dwd-eu", replaced, T1500)))).withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, RenderSettings.defaults()));
    PAssert.that(out.get(MergeSlots.FAILED)).empty();
    PAssert.that(strings("Written", out.get(MergeSlots.WRITTEN), w -> w.key() + " " + w.source()))
        .containsInAnyOrder("germany/1763391600.png dwd", "composite/1763391600.png composite");
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.SKIPPED), "dwd-eu's 15:10, written before");
    assertEquals(1, counter(result, RadarMetrics.RENDERED), "dwd's 15:00");
    assertArrayEquals(existing, Files.readAllBytes(in.resolve("out/europe/1763392200.png")), "left as it was");
  }

  /**
   * A slot whose composite exists reads none of its members: one whose image exists too is skipped, and its
   * other same-key files count as duplicates, as skip-existing counts them, so the counts add up.
   */
  @Test
  void aSkippedMemberNotReadCountsItsSameKeyFilesAsDuplicates() throws IOException {
    String first = write(in, dwdName("1500"), composite("1500"));
    String second = write(in.resolve("copy"), dwdName("1500"), composite("1500"));
    byte[] existing = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
    write(in.resolve("out/germany"), "1763391600.png", existing);
    write(in.resolve("out/composite"), "1763391600.png", existing);
    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(KV.of(T1500, FrameRef.sameKey(List.of(
            new FrameRef("dwd", first, T1500), new FrameRef("dwd", second, T1500))))))
            .withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, RenderSettings.defaults()));
    PAssert.that(out.get(MergeSlots.FAILED)).empty();
    PAssert.that(out.get(MergeSlots.WRITTEN)).empty();
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.SKIPPED));
    assertEquals(1, counter(result, RadarMetrics.DUPLICATES));
    assertEquals(0, counter(result, RadarMetrics.RENDERED));
  }

  /**
   * A member folder whose indexes cannot be read (a directory where its frames.json should be) costs only
   * their repair: the member's image written before is skipped as it is, and the slot's composite is written.
   */
  @Test
  void aMemberFolderWhoseIndexesCannotBeReadIsLeftAsItIs() throws IOException {
    String named = write(in, dwdName("1500"), composite("1500"));
    byte[] existing = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
    write(in.resolve("out/germany"), "1763391600.png", existing);
    Files.createDirectories(in.resolve("out/germany/frames.json"));
    SkipExisting.Indexes indexes = new SkipExisting.Indexes(new LocalFileStore(in.resolve("out/data").toString()), 48);
    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", named, T1500))))
            .withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, RenderSettings.defaults())
            .keepingIndexes(indexes));
    PAssert.that(out.get(MergeSlots.FAILED)).empty();
    PAssert.that(strings("Written", out.get(MergeSlots.WRITTEN), w -> w.key() + " " + w.source()))
        .containsInAnyOrder("composite/1763391600.png composite");
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.SKIPPED), "dwd's 15:00, written before");
    assertArrayEquals(existing, Files.readAllBytes(in.resolve("out/germany/1763391600.png")), "left as it was");
  }

  /**
   * A member whose grid lies wholly outside the composite (DWD's grid moved to Africa, of a source that
   * takes any grid) adds nothing to it: no failure, its own image is written, and the slot's composite of the
   * other member is written.
   */
  @Test
  void aMemberWhoseGridLiesWhollyOutsideTheCompositeAddsNothingAndIsNoFailure() throws IOException {
    RadarSource far = new RadarSource("far", "far", InputFormat.ODIM_H5, TestSources.DWD.scaling(), null, null);
    byte[][] data = new byte[30][40];
    for (byte[] row : data) {
      Arrays.fill(row, (byte) 120);
    }
    OdimFixtures.Comp africa = OdimFixtures.comp().date("20251117").time("150000").field(1, 1, "DBZH", data)
        .scaling(0.5, -32.0, 255.0, 0.0).done();
    africa.extra().group("where").attr("UL_lat", 15.86).attr("UR_lat", 15.85).attr("LL_lat", 5.70).attr("LR_lat", 5.68);
    String outside = write(in, "africa.h5", africa.bytes(Files.createTempDirectory(in, "fixture")));
    String named = write(in, dwdName("1500"), composite("1500"));
    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", named, T1500)),
            KV.of(T1500, new FrameRef("far", outside, T1500)))).withCoder(MergeSlots.coder()))
        .apply(mergeSlots(Map.of("dwd", TestSources.DWD, "far", far), RenderSettings.defaults()));
    PAssert.that(out.get(MergeSlots.FAILED)).empty();
    PAssert.that(strings("Written", out.get(MergeSlots.WRITTEN), w -> w.key() + " " + w.source()))
        .containsInAnyOrder("germany/1763391600.png dwd", "far/1763391600.png far", "composite/1763391600.png composite");
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.COMPOSITES));
    assertEquals(0, counter(result, RadarMetrics.FAILED));
  }

  /** Of --resolutions, the composite gets only the variants coarser than itself: 500 m is not, at 2000 m. */
  @Test
  void theCompositeGetsOnlyVariantsCoarserThanItself() throws IOException {
    String named = write(in, dwdName("1500"), composite("1500"));
    RenderSettings d = RenderSettings.defaults();
    RenderSettings variants = new RenderSettings(d.quantity(), d.minDbz(), d.maxPixels(), d.png(), Projection.WEBMERCATOR,
        List.of(500, 4000), d.arsoGrid());
    Pipeline p = pipeline();
    p.apply(Create.of(List.of(KV.of(T1500, new FrameRef("dwd", named, T1500)))).withCoder(MergeSlots.coder()))
        .apply(mergeSlots(SOURCES, variants));
    run(p);
    try (java.util.stream.Stream<Path> files = Files.list(in.resolve("out/composite"))) {
      assertEquals(List.of("1763391600.png", "1763391600@4000m.png"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }
}
