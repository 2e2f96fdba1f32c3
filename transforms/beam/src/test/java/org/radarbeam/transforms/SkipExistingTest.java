package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.T1510;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.output.FrameManifest;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.LocalFileStore;

/** SkipExisting: frames whose output exists are dropped, one frame per output key is kept, untimed frames pass. */
class SkipExistingTest {
  /** dwd writes to germany/, dwd-eu (same files, another product) to europe/. */
  private static final Map<String, RadarSource> SOURCES =
      Map.of("dwd", TestSources.DWD, "dwd-eu", TestSources.DWD.withFolder("europe"));

  private static final FrameRef A1500 = new FrameRef("dwd", "/in/a/" + TransformTests.dwdName("1500"), T1500);
  private static final FrameRef B1500 = new FrameRef("dwd", "/in/b/" + TransformTests.dwdName("1500"), T1500);
  private static final FrameRef A1505 = new FrameRef("dwd", "/in/a/" + TransformTests.dwdName("1505"), T1505);
  private static final FrameRef B1505 = new FrameRef("dwd", "/in/b/" + TransformTests.dwdName("1505"), T1505);
  private static final FrameRef A1510 = new FrameRef("dwd", "/in/a/" + TransformTests.dwdName("1510"), T1510);
  private static final FrameRef EU1505 = new FrameRef("dwd-eu", "/in/a/" + TransformTests.dwdName("1505"), T1505);
  private static final FrameRef LATEST = new FrameRef("dwd", "/in/a/composite_dmax_latest-hd5", null);
  private static final FrameRef LATEST_B = new FrameRef("dwd", "/in/b/composite_dmax_latest-hd5", null);

  @TempDir Path out;
  private LocalFileStore store;

  /** germany/ holds 15:05 already; europe/ is empty. */
  @BeforeEach
  void store() throws IOException {
    write(out.resolve("germany"), T1505 + ".png", TransformTests.WRITTEN_PNG);
    store = new LocalFileStore(out.toString());
  }

  private PCollection<FrameRef> skip(Pipeline p, boolean overwrite, FrameRef... frames) {
    return p.apply(Create.of(List.of(frames))).apply(new SkipExisting(SOURCES, store, overwrite));
  }

  @Test
  void framesWhoseOutputExistsAreSkipped() {
    Pipeline p = pipeline();
    PAssert.that(skip(p, false, A1500, A1505, A1510, EU1505)).containsInAnyOrder(A1500, A1510, EU1505);
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.SKIPPED));
    assertEquals(1, counter(result, RadarMetrics.SKIPPED + ".dwd"));
    assertEquals(0, counter(result, RadarMetrics.DUPLICATES));
    // the gauge a metric reporter (Prometheus on Flink) exports: the time of the frame handled last
    var gauges = result.metrics().queryMetrics(org.apache.beam.sdk.metrics.MetricsFilter.builder()
        .addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter.named(RadarMetrics.NAMESPACE,
            RadarMetrics.FRAME_TIME_GAUGE + ".dwd")).build()).getGauges();
    assertEquals(T1505, gauges.iterator().next().getAttempted().getValue());
  }

  @Test
  void filesOfOneKeyTravelTogetherInUriOrder() {
    Pipeline p = pipeline();
    PAssert.that(skip(p, false, B1500, A1500, B1505, A1505, A1510))
        .containsInAnyOrder(A1500.withAlternates(List.of(B1500.uri())), A1510);
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.DUPLICATES), "the written 15:05's second file");
    assertEquals(1, counter(result, RadarMetrics.SKIPPED), "15:05 counted once, not per duplicate");
  }

  @Test
  void overwriteKeepsExistingOutputsAndStillGroupsOneKey() {
    Pipeline p = pipeline();
    PAssert.that(skip(p, true, B1500, A1500, B1505, A1505, A1510)).containsInAnyOrder(
        A1500.withAlternates(List.of(B1500.uri())), A1505.withAlternates(List.of(B1505.uri())), A1510);
    PipelineResult result = run(p);
    assertEquals(0, counter(result, RadarMetrics.SKIPPED));
    assertEquals(0, counter(result, RadarMetrics.DUPLICATES), "counted when rendering picks one");
  }

  @Test
  void untimedFramesPassThroughUntouched() {
    Pipeline p = pipeline();
    PAssert.that(skip(p, false, LATEST, LATEST_B, A1505)).containsInAnyOrder(LATEST, LATEST_B);
    run(p);
  }

  @Test
  void noFramesGiveNoFrames() {
    Pipeline p = pipeline();
    PCollection<FrameRef> none = p.apply(Create.empty(FrameRefCoder.of()))
        .apply(new SkipExisting(SOURCES, store, false));
    PAssert.that(none).empty();
    run(p);
  }

  @Test
  void theNewestExistingFrameOfAFolderWithoutItsIndexesIsRenderedAgain() throws IOException {
    write(out.resolve("germany"), T1500 + ".png", TransformTests.WRITTEN_PNG);
    LocalFileStore data = new LocalFileStore(out.resolve("data").toString());
    SkipExisting.Indexes indexes = new SkipExisting.Indexes(data, 48);
    // no germany/frames.json: 15:05, the newer of the two written, goes through to be rendered again
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(List.of(A1500, A1505, A1510))).apply(new SkipExisting(SOURCES, store, false, indexes)))
        .containsInAnyOrder(A1505, A1510);
    assertEquals(1, counter(run(p), RadarMetrics.SKIPPED));

    // the manifest there, listing both frames written, the extent index missing: the same
    write(out.resolve("germany"), "frames.json", manifestUpTo(T1500, T1505));
    Pipeline q = pipeline();
    PAssert.that(q.apply(Create.of(List.of(A1500, A1505, A1510))).apply(new SkipExisting(SOURCES, store, false, indexes)))
        .containsInAnyOrder(A1505, A1510);
    run(q);

    // both there: every existing frame is skipped
    write(out.resolve("data/extent/dwd"), "extent_index.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Pipeline r = pipeline();
    PAssert.that(r.apply(Create.of(List.of(A1500, A1505, A1510))).apply(new SkipExisting(SOURCES, store, false, indexes)))
        .containsInAnyOrder(A1510);
    assertEquals(2, counter(run(r), RadarMetrics.SKIPPED));
  }

  /**
   * A frames.json above the size any manifest radarbeam writes is not one it wrote: the folder's newest frame is
   * rendered again, which writes the manifest again. One that cannot be read at all (here a directory in its place)
   * leaves the frames skipped as they are.
   */
  @Test
  void anOversizedManifestIsWrittenAgainAndAnUnreadableOneIsLeftAlone() throws IOException {
    write(out.resolve("germany"), T1500 + ".png", TransformTests.WRITTEN_PNG);
    write(out.resolve("data/extent/dwd"), "extent_index.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    SkipExisting.Indexes indexes = new SkipExisting.Indexes(new LocalFileStore(out.resolve("data").toString()), 48);
    Path manifest = out.resolve("germany/frames.json");
    try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(manifest.toFile(), "rw")) {
      sparse.setLength(org.radarbeam.store.ObjectStore.MAX_READ_BYTES + 1);
    }
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(List.of(A1500, A1505))).apply(new SkipExisting(SOURCES, store, false, indexes)))
        .containsInAnyOrder(A1505);
    assertEquals(1, counter(run(p), RadarMetrics.SKIPPED));

    java.nio.file.Files.delete(manifest);
    java.nio.file.Files.createDirectory(manifest);
    Pipeline q = pipeline();
    PAssert.that(q.apply(Create.of(List.of(A1500, A1505))).apply(new SkipExisting(SOURCES, store, false, indexes)))
        .empty();
    assertEquals(2, counter(run(q), RadarMetrics.SKIPPED));
  }

  /**
   * A run stopped after its images, before their manifest, leaves a manifest that lists older frames only;
   * the next run finds every image written. Its newest frame is rendered again, which writes the manifest.
   */
  @Test
  void theNewestFrameOfAFolderWhoseManifestDoesNotListItIsRenderedAgain() throws IOException {
    write(out.resolve("germany"), T1500 + ".png", TransformTests.WRITTEN_PNG);
    write(out.resolve("data/extent/dwd"), "extent_index.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    SkipExisting.Indexes indexes = new SkipExisting.Indexes(new LocalFileStore(out.resolve("data").toString()), 48);
    write(out.resolve("germany"), "frames.json", manifestUpTo(T1500));
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(List.of(A1500, A1505))).apply(new SkipExisting(SOURCES, store, false, indexes)))
        .containsInAnyOrder(A1505);
    assertEquals(1, counter(run(p), RadarMetrics.SKIPPED));

    // one that lists no frame at all: the same
    write(out.resolve("germany"), "frames.json", manifestUpTo());
    Pipeline q = pipeline();
    PAssert.that(q.apply(Create.of(List.of(A1500, A1505))).apply(new SkipExisting(SOURCES, store, false, indexes)))
        .containsInAnyOrder(A1505);
    run(q);
  }

  /**
   * A run over older frames stopped after its images, before their manifest: the manifest lists the newer
   * frames of an earlier run only. Where it is not full (fewer than --manifestFrames), or lists a frame older
   * than a written one it misses, the newest frame it misses is rendered again; a full manifest of newer
   * frames leaves the older ones out rightly.
   */
  @Test
  void anOlderFrameTheManifestShouldListButDoesNotIsRenderedAgain() throws IOException {
    write(out.resolve("germany"), T1500 + ".png", TransformTests.WRITTEN_PNG);
    write(out.resolve("germany"), T1510 + ".png", TransformTests.WRITTEN_PNG);
    write(out.resolve("data/extent/dwd"), "extent_index.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    LocalFileStore data = new LocalFileStore(out.resolve("data").toString());
    List<FrameRef> frames = List.of(A1500, A1505, A1510);

    // not full (1 of 48): 15:05, the newest it misses, is rendered again; 15:00 is skipped
    write(out.resolve("germany"), "frames.json", manifestUpTo(T1510));
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(frames)).apply(new SkipExisting(SOURCES, store, false,
        new SkipExisting.Indexes(data, 48)))).containsInAnyOrder(A1505);
    assertEquals(2, counter(run(p), RadarMetrics.SKIPPED));

    // full (2 of 2) and listing 15:00 but not the newer 15:05: the same
    write(out.resolve("germany"), "frames.json", manifestUpTo(T1500, T1510));
    Pipeline q = pipeline();
    PAssert.that(q.apply(Create.of(frames)).apply(new SkipExisting(SOURCES, store, false,
        new SkipExisting.Indexes(data, 2)))).containsInAnyOrder(A1505);
    run(q);

    // full (2 of 2) with the newest two: 15:00 rightly left out, every frame skipped
    write(out.resolve("germany"), "frames.json", manifestUpTo(T1505, T1510));
    Pipeline r = pipeline();
    PAssert.that(r.apply(Create.of(frames)).apply(new SkipExisting(SOURCES, store, false,
        new SkipExisting.Indexes(data, 2)))).empty();
    assertEquals(3, counter(run(r), RadarMetrics.SKIPPED));

    // the same two, written by a run with --manifestFrames=2 (another run into this output): full at its
    // own limit, so a run with 48 does not render a frame again on every run
    write(out.resolve("germany"), "frames.json", manifest(2, T1505, T1510));
    Pipeline t = pipeline();
    PAssert.that(t.apply(Create.of(frames)).apply(new SkipExisting(SOURCES, store, false,
        new SkipExisting.Indexes(data, 48)))).empty();
    run(t);
  }

  /** A span's keys are the folder's keys with the span as their prefix: its listing finds them all. */
  @Test
  void aSpanIsTheListingPrefixOfItsKeys() {
    assertEquals("germany/1763", SkipExisting.span("germany", T1500));
    for (long t : new long[] {1_763_000_000L, T1500, 1_763_999_999L}) {
      assertTrue(OutputKeys.png("germany", t).startsWith(SkipExisting.span("germany", t)));
      assertEquals(SkipExisting.span("germany", T1500), SkipExisting.span("germany", t));
    }
    assertEquals("germany/1764", SkipExisting.span("germany", 1_764_000_000L));
  }

  /**
   * Frames of one folder in two spans are grouped apart, each span listed for its own keys; a manifest
   * that lists the older span's newest frame but not the newer span's has only the latter rendered again.
   */
  @Test
  void framesOfTwoSpansAreSkippedSpanBySpan() throws IOException {
    long later = T1505 + 3 * SkipExisting.SPAN_SECONDS;
    FrameRef laterA = new FrameRef("dwd", "/in/a/later1", later);
    FrameRef laterB = new FrameRef("dwd", "/in/a/later2", later + 300);
    FrameRef laterC = new FrameRef("dwd", "/in/a/later3", later + 600);
    write(out.resolve("germany"), later + ".png", TransformTests.WRITTEN_PNG);
    write(out.resolve("germany"), (later + 300) + ".png", TransformTests.WRITTEN_PNG);
    write(out.resolve("data/extent/dwd"), "extent_index.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    write(out.resolve("germany"), "frames.json", manifestUpTo(T1505));
    SkipExisting.Indexes indexes = new SkipExisting.Indexes(new LocalFileStore(out.resolve("data").toString()), 48);
    Pipeline p = pipeline();
    PAssert.that(p.apply(Create.of(List.of(A1500, A1505, A1510, laterA, laterB, laterC)))
        .apply(new SkipExisting(SOURCES, store, false, indexes)))
        .containsInAnyOrder(A1500, A1510, laterB, laterC);
    assertEquals(2, counter(run(p), RadarMetrics.SKIPPED), "15:05 (listed) and the later span's first");
  }

  /** germany/frames.json as the manifest step writes it, listing frames at {@code times}. */
  private static byte[] manifestUpTo(long... times) {
    return manifest(48, times);
  }

  /** The same, written by a run with --manifestFrames={@code limit}. */
  private static byte[] manifest(int limit, long... times) {
    List<FrameManifest.Frame> frames = new java.util.ArrayList<>();
    for (long t : times) {
      frames.add(new FrameManifest.Frame(t, "germany/" + t + ".png"));
    }
    return FrameManifest.json("dwd", "germany", limit, frames, new double[] {1, 2, 3, 4})
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
