package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.dwdName;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.source.ArchiveTemplate;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.SourcePattern;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.store.S3ProxyServer;
import org.radarbeam.store.SystemCredentials;
import software.amazon.awssdk.core.sync.RequestBody;

/** ListFrames: one FrameRef per listed file, timed by its name, from local paths and globs and from s3:// globs. */
class ListFramesTest {
  private static final Map<String, RadarSource> SOURCES = Map.of("dwd", TestSources.DWD);
  private static final String BUCKET = "archive";
  private static final byte[] ANY = {1};

  private static S3ProxyServer s3;
  private static SystemCredentials credentials;

  @TempDir Path tmp;
  private Path in;
  private String f1500;
  private String f1505;
  private String latest;
  private String older;

  @BeforeAll
  static void startS3() throws IOException {
    s3 = new S3ProxyServer().start();
    credentials = S3ProxyServer.useTestCredentials();
    s3.admin().createBucket(b -> b.bucket(BUCKET));
    for (String key : List.of("dwd/2025/11/17/" + dwdName("1500"), "dwd/2025/11/17/" + dwdName("1505"),
        "dwd/2025/11/17/sub/" + dwdName("1510"), "dwd/2025/11/18/composite_dmax_20251118_0000-hd5")) {
      s3.admin().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(ANY));
    }
  }

  @AfterAll
  static void stopS3() {
    if (credentials != null) {
      credentials.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  /** in/: two timed frames, one whose name has no time, a store's hidden temporary, and older/ below. */
  @BeforeEach
  void archive() throws IOException {
    in = tmp.resolve("in");
    f1500 = write(in, dwdName("1500"), ANY);
    f1505 = write(in, dwdName("1505"), ANY);
    latest = write(in, "composite_dmax_latest-hd5", ANY);
    write(in, "." + dwdName("1510") + ".tmp-3f2a", ANY);
    older = write(in.resolve("older"), "composite_dmax_20251116_1500-hd5", ANY);
  }

  private static PCollection<FrameRef> list(Pipeline p, String name, String... patterns) {
    return p.apply(name, new ListFrames(Arrays.stream(patterns).map(s -> new SourcePattern("dwd", s)).toList(),
        SOURCES, null));
  }

  @Test
  void directoryListsItsVisibleFilesButNotItsSubdirectories() {
    List<SourcePattern> patterns = ArchiveTemplate.patterns(in.toString(), Set.of("dwd"), TimeWindow.all());
    assertEquals(List.of(new SourcePattern("dwd", in + "/*")), patterns);
    // an S3 folder (a bucket's root too) stands for its files; a glob stays as given
    assertEquals(List.of(new SourcePattern("dwd", "s3://raw/dwd/2025/*")),
        ArchiveTemplate.patterns("s3://raw/dwd/2025/", Set.of("dwd"), TimeWindow.all()));
    assertEquals(List.of(new SourcePattern("dwd", "s3://raw/*")),
        ArchiveTemplate.patterns("s3://raw/", Set.of("dwd"), TimeWindow.all()));
    assertEquals(List.of(new SourcePattern("dwd", "s3://raw/dwd/*/")),
        ArchiveTemplate.patterns("s3://raw/dwd/*/", Set.of("dwd"), TimeWindow.all()));

    Pipeline p = pipeline();
    PCollection<FrameRef> frames = p.apply(new ListFrames(patterns, SOURCES, null));
    PAssert.that(frames).containsInAnyOrder(
        new FrameRef("dwd", f1500, T1500),
        new FrameRef("dwd", f1505, T1505),
        new FrameRef("dwd", latest, null));
    assertEquals(3, counter(run(p), RadarMetrics.LISTED));
  }

  /** An existing directory named with brackets or braces is that directory, not a glob of its name; a link too. */
  @Test
  void aDirectoryWithBracketsInItsNameIsTakenAsNamed() throws IOException {
    Path dir = Files.createDirectories(in.resolve("run [2025] {a} #1"));
    String f = write(dir, "composite_dmax_20251117_1500-hd5", ANY);
    Path link = Files.createSymbolicLink(in.resolve("link [y]"), dir);
    List<SourcePattern> patterns = ArchiveTemplate.patterns(dir.toString(), Set.of("dwd"), TimeWindow.all());
    assertEquals(List.of(new SourcePattern("dwd", dir + "/*")), patterns);
    Pipeline p = pipeline();
    PAssert.that(p.apply("Dir", new ListFrames(patterns, SOURCES, null)))
        .containsInAnyOrder(new FrameRef("dwd", f, T1500));
    PAssert.that(p.apply("Link", new ListFrames(ArchiveTemplate.patterns(link.toString(), Set.of("dwd"),
        TimeWindow.all()), SOURCES, null))).containsInAnyOrder(new FrameRef("dwd", link + "/" + Path.of(f).getFileName(), T1500));
    run(p);
  }

  @Test
  void globsSelectByNameAndDoubleStarDescends() {
    Pipeline p = pipeline();
    PAssert.that(list(p, "Star", in + "/*_1505-hd5")).containsInAnyOrder(new FrameRef("dwd", f1505, T1505));
    PAssert.that(list(p, "DoubleStar", in + "/**")).containsInAnyOrder(
        new FrameRef("dwd", f1500, T1500),
        new FrameRef("dwd", f1505, T1505),
        new FrameRef("dwd", latest, null),
        new FrameRef("dwd", older, 1763305200L)); // 2025-11-16 15:00
    run(p);
  }

  @Test
  void singleFileIsListedAsItself() {
    Pipeline p = pipeline();
    PAssert.that(list(p, "File", f1500)).containsInAnyOrder(new FrameRef("dwd", f1500, T1500));
    run(p);
  }

  @Test
  void fileNameWithoutTimeGivesUnknownNominalTime() {
    Pipeline p = pipeline();
    PAssert.that(list(p, "Untimed", in + "/*latest*")).containsInAnyOrder(new FrameRef("dwd", latest, null));
    run(p);
  }

  @Test
  void hiddenTemporaryFilesAreNotListedEvenWhenNamedExactly() {
    Pipeline p = pipeline();
    PAssert.that(list(p, "Hidden", in + "/.*", in.resolve("." + dwdName("1510") + ".tmp-3f2a").toString())).empty();
    run(p);
  }

  @Test
  void nothingMatchedGivesAnEmptyCollection() {
    Pipeline p = pipeline();
    PAssert.that(list(p, "Nothing", in + "/*.nc", tmp.resolve("missing") + "/*", tmp.resolve("missing.h5").toString())).empty();
    assertEquals(0, counter(run(p), RadarMetrics.LISTED));
  }

  @Test
  void severalPatternsAreListedInBundlesOfTheirOwnSoWorkersShareThem() {
    Pipeline p = pipeline();
    // the frames of each pattern come out of its own listing, one bundle per pattern
    TransformTests.countBundles("bundles", list(p, "Three", f1500, f1505, in + "/*latest*"));
    assertEquals(3, counter(run(p), "bundles"));
  }

  @Test
  void s3GlobListsOnlyMatchingKeys() {
    Pipeline p = pipeline();
    PCollection<FrameRef> oneDay = p.apply("OneDay", new ListFrames(
        List.of(new SourcePattern("dwd", "s3://" + BUCKET + "/dwd/2025/11/17/*")), SOURCES, s3.settings()));
    PAssert.that(oneDay).containsInAnyOrder(
        new FrameRef("dwd", "s3://archive/dwd/2025/11/17/" + dwdName("1500"), T1500),
        new FrameRef("dwd", "s3://archive/dwd/2025/11/17/" + dwdName("1505"), T1505));
    PCollection<FrameRef> nothing = p.apply("Nothing", new ListFrames(
        List.of(new SourcePattern("dwd", "s3://" + BUCKET + "/dwd/2024/*")), SOURCES, s3.settings()));
    PAssert.that(nothing).empty();
    PipelineResult result = run(p);
    assertEquals(2, counter(result, RadarMetrics.LISTED));
  }

  /** A pattern whose listing fails costs only its own frames: one warning, counted, and the others listed. */
  @Test
  void aPatternThatCannotBeListedIsCountedAndTheOthersAreListed() {
    Pipeline p = pipeline();
    PCollection<FrameRef> frames = p.apply(new ListFrames(List.of(
        new SourcePattern("dwd", "s3://" + BUCKET + "/dwd/2025/11/17/*"),
        new SourcePattern("dwd", "s3://no-such-bucket-here/dwd/2025/11/18/*")), SOURCES, s3.settings()));
    PAssert.that(frames).containsInAnyOrder(
        new FrameRef("dwd", "s3://archive/dwd/2025/11/17/" + dwdName("1500"), T1500),
        new FrameRef("dwd", "s3://archive/dwd/2025/11/17/" + dwdName("1505"), T1505));
    PipelineResult result = run(p);
    assertEquals(2, counter(result, RadarMetrics.LISTED));
    assertEquals(1, counter(result, RadarMetrics.INPUTS_UNLISTED));
    assertEquals(1, counter(result, RadarMetrics.INPUTS_UNLISTED + ".dwd"));
  }

  @Test
  void s3DoubleStarGlobDescends() {
    Pipeline p = pipeline();
    PCollection<FrameRef> month = p.apply(new ListFrames(
        List.of(new SourcePattern("dwd", "s3://" + BUCKET + "/dwd/2025/11/**")), SOURCES, s3.settings()));
    PAssert.that(month).containsInAnyOrder(
        new FrameRef("dwd", "s3://archive/dwd/2025/11/17/" + dwdName("1500"), T1500),
        new FrameRef("dwd", "s3://archive/dwd/2025/11/17/" + dwdName("1505"), T1505),
        new FrameRef("dwd", "s3://archive/dwd/2025/11/17/sub/" + dwdName("1510"), TransformTests.T1510),
        new FrameRef("dwd", "s3://archive/dwd/2025/11/18/composite_dmax_20251118_0000-hd5", 1763424000L));
    run(p);
  }
}
