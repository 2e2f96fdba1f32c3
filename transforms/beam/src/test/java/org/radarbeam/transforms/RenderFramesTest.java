package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.T1510;
import static org.radarbeam.transforms.TransformTests.composite;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.dwdName;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.strings;
import static org.radarbeam.transforms.TransformTests.write;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.codec.odim.Bombs;
import org.radarbeam.codec.odim.OdimFixtures;
import org.radarbeam.codec.odim.OdimFixtures.Storage;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.input.InputReader;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.ProviderServer;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.store.LocalFileStore;

/**
 * RenderFrames: each PNG written whole under {folder}/{unix}.png and a record of it on WRITTEN, a
 * failure record with its kind on FAILED.
 */
class RenderFramesTest {
  private static final Map<String, RadarSource> SOURCES = Map.of("dwd", TestSources.DWD);

  @TempDir Path in;

  private Path out() {
    return in.resolve("out");
  }

  private PCollectionTuple render(Pipeline p, FrameRef... frames) {
    return p.apply(Create.of(List.of(frames)))
        .apply(new RenderFrames(SOURCES, RenderSettings.defaults(), new InputReader(FetchSettings.defaults(), null),
            new LocalFileStore(out().toString()), false));
  }

  private List<String> files() throws IOException {
    if (!Files.exists(out())) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(out())) {
      return s.filter(Files::isRegularFile).map(f -> out().relativize(f).toString()).sorted().collect(Collectors.toList());
    }
  }

  /** What the core renderer makes of {@code data} on its own: the transform must output exactly this. */
  private static FrameRenderer.Rendered direct(byte[] data) throws BadInputException {
    try (FrameRenderer r = new FrameRenderer(RenderSettings.defaults())) {
      return r.render(data, InputFormat.ODIM_H5, TestSources.DWD.scaling());
    }
  }

  private static String describe(WrittenFrame f) {
    return f.source() + " " + f.uri() + " -> " + f.key() + " @" + f.nominalEpochSeconds() + " " + f.width() + "x" + f.height();
  }

  @Test
  void goodFileIsRenderedAndWrittenUnderItsKeyOnTheNativeGrid() throws Exception {
    byte[] data = composite("1500");
    String uri = write(in, dwdName("1500"), data);
    FrameRenderer.Rendered expected = direct(data);
    byte[] png = expected.png();
    double[] bounds = expected.bounds();
    // an older object under the key is replaced whole
    Files.createDirectories(out().resolve("germany"));
    Files.write(out().resolve("germany/1763391600.png"), new byte[] {1, 2, 3});

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", uri, T1500));
    PAssert.that(strings("Describe", out.get(RenderFrames.WRITTEN), RenderFramesTest::describe))
        .containsInAnyOrder("dwd " + uri + " -> germany/1763391600.png @1763391600 40x30");
    PAssert.that(out.get(RenderFrames.WRITTEN)).satisfies(frames -> {
      WrittenFrame f = frames.iterator().next();
      assertEquals(png.length, f.bytes());
      assertArrayEquals(bounds, f.bounds());
      return null;
    });
    PAssert.that(out.get(RenderFrames.FAILED)).empty();
    PipelineResult result = run(p);
    assertEquals(List.of("germany/1763391600.png"), files(), "the object and no temporary file beside it");
    byte[] written = Files.readAllBytes(out().resolve("germany/1763391600.png"));
    assertArrayEquals(png, written, "the bytes the core renderer makes of the file");
    BufferedImage image = decode(written);
    assertEquals(40, image.getWidth());
    assertEquals(30, image.getHeight());
    assertEquals(1, counter(result, RadarMetrics.RENDERED));
    assertEquals(1, counter(result, RadarMetrics.RENDERED + ".dwd"));
    assertEquals(1, counter(result, RadarMetrics.WRITTEN));
    assertEquals(png.length, counter(result, RadarMetrics.BYTES_WRITTEN));
    assertEquals(0, counter(result, RadarMetrics.FAILED));
  }

  @Test
  void unrenderableFilesBecomeFailuresOfTheirKind() throws IOException {
    byte[] good = composite("1505");
    byte[] truncated = Arrays.copyOf(good, good.length / 2);
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    random[0] = 0x17; // neither '<' nor an HDF5 signature
    String empty = write(in, dwdName("1500"), new byte[0]);
    String html = write(in, dwdName("1505"), "<html><head><title>404</title></head><body>gone</body></html>"
        .getBytes(StandardCharsets.UTF_8));
    String cut = write(in, dwdName("1510"), truncated);
    String noise = write(in, "composite_dmax_latest-hd5", random);
    String missing = in.resolve(dwdName("1515")).toString();

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", empty, T1500), new FrameRef("dwd", html, T1505),
        new FrameRef("dwd", cut, T1510), new FrameRef("dwd", noise, null), new FrameRef("dwd", missing, T1510 + 300));
    PAssert.that(out.get(RenderFrames.WRITTEN)).empty();
    PAssert.that(out.get(RenderFrames.FAILED)).containsInAnyOrder(
        new FailedFrame(empty, "dwd", T1500, "empty", "empty file (0 bytes)"),
        new FailedFrame(html, "dwd", T1505, "html",
            "an HTML page, not " + InputFormat.ODIM_H5.expected() + " (the server returned an error or index page)"),
        new FailedFrame(cut, "dwd", T1510, "truncated",
            "truncated HDF5: " + truncated.length + " bytes, but the superblock declares " + good.length),
        new FailedFrame(noise, "dwd", null, "not-hdf5",
            "not an HDF5 file (no HDF5 signature; 4096 bytes starting " + InputSniffer.hexHead(random) + ")"),
        new FailedFrame(missing, "dwd", T1510 + 300, "io", "cannot read input: no such file: " + missing));
    PipelineResult result = run(p);
    assertEquals(List.of(), files(), "nothing is written for a frame that fails");
    assertEquals(0, counter(result, RadarMetrics.RENDERED));
    assertEquals(5, counter(result, RadarMetrics.FAILED));
    assertEquals(5, counter(result, RadarMetrics.FAILED + ".dwd"));
  }

  /**
   * Frames an index listed and the provider then refuses (404: removed since; 403) are failure records naming the
   * request and its answer; the frame beside them is written.
   */
  @Test
  void listedFramesThatAreGoneWhenDownloadedFailAndTheOthersAreWritten() throws IOException {
    Path dmax = Files.createDirectories(in.resolve("served/weather/radar/composite/dmax"));
    write(dmax, dwdName("1500"), composite("1500"));
    write(dmax, dwdName("1505"), composite("1505"));
    write(dmax, dwdName("1510"), composite("1510"));
    try (ProviderServer server = new ProviderServer(in.resolve("served"))) {
      String base = "/weather/radar/composite/dmax/";
      server.status(base + dwdName("1505"), 404);
      server.status(base + dwdName("1510"), 403);
      String good = server.url(base + dwdName("1500"));
      String gone = server.url(base + dwdName("1505"));
      String refused = server.url(base + dwdName("1510"));

      Pipeline p = pipeline();
      PCollectionTuple out = render(p, new FrameRef("dwd", good, T1500), new FrameRef("dwd", gone, T1505),
          new FrameRef("dwd", refused, T1510));
      PAssert.that(strings("Keys", out.get(RenderFrames.WRITTEN), WrittenFrame::key))
          .containsInAnyOrder("germany/1763391600.png");
      PAssert.that(out.get(RenderFrames.FAILED)).containsInAnyOrder(
          new FailedFrame(gone, "dwd", T1505, "io", "cannot read input: GET " + gone + " answered HTTP 404"),
          new FailedFrame(refused, "dwd", T1510, "io", "cannot read input: GET " + refused + " answered HTTP 403"));
      PipelineResult result = run(p);
      assertEquals(List.of("germany/1763391600.png"), files());
      assertEquals(2, counter(result, RadarMetrics.FAILED));
      assertEquals(3, server.requests("GET"), "a 404 or 403 is not asked again");
    }
  }

  /**
   * A chunk that inflates to 256 MiB, one with a byte too many and a file larger than the heap
   * spares for one input: failure records of their kind, and the good frame beside them is written.
   */
  @Test
  void decompressionBombsAndOversizedInputsFailAndTheOtherFramesAreWritten() throws IOException {
    String good = write(in, dwdName("1500"), composite("1500"));
    String bomb = write(in, dwdName("1505"), Bombs.odim(in, OdimFixtures.bytes(600, 600, 1), Storage.DEFLATE,
        Bombs.zlib(new byte[0], 256L << 20), "20251117", "150500"));
    String longer = write(in, dwdName("1510"), Bombs.odim(in, OdimFixtures.shorts(400, 400, 2), Storage.SHUFFLE_DEFLATE,
        Bombs.zlib(new byte[0], 320_001), "20251117", "151000"));
    Path huge = in.resolve(dwdName("1515"));
    long size = HeapLimits.maxInputBytes() + 1;
    try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
      sparse.setLength(size);
    }

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", good, T1500), new FrameRef("dwd", bomb, T1505),
        new FrameRef("dwd", longer, T1510), new FrameRef("dwd", huge.toString(), T1510 + 300));
    PAssert.that(strings("Keys", out.get(RenderFrames.WRITTEN), WrittenFrame::key)).containsInAnyOrder("germany/1763391600.png");
    PAssert.that(out.get(RenderFrames.FAILED)).containsInAnyOrder(
        new FailedFrame(bomb, "dwd", T1505, "corrupt",
            "corrupt HDF5: chunk at row 0, column 0 inflates to more than the 360000 bytes its chunk layout declares"),
        new FailedFrame(longer, "dwd", T1510, "corrupt",
            "corrupt HDF5: chunk at row 0, column 0 inflates to more than the 320000 bytes its chunk layout declares"),
        new FailedFrame(huge.toString(), "dwd", T1510 + 300, "too-large", "input is " + size + " bytes, above the "
            + (size - 1) + "-byte limit for one frame (" + HeapLimits.inputShare() + ")"));
    PipelineResult result = run(p);
    assertEquals(List.of("germany/1763391600.png"), files());
    assertEquals(1, counter(result, RadarMetrics.RENDERED));
    assertEquals(3, counter(result, RadarMetrics.FAILED));
  }

  /**
   * A file whose name has no time is keyed by the time inside it: listed without a time, or listed
   * under the time its header had then (as ARSO's one file is) and replaced by the 15:10 file before
   * it was read.
   */
  @ParameterizedTest
  @NullSource
  @ValueSource(longs = T1500)
  void fileWhoseNameHasNoTimeIsKeyedByTheTimeInsideIt(Long listedAt) throws IOException {
    String uri = write(in, "composite_dmax_latest-hd5", composite("1510"));

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", uri, listedAt));
    PAssert.that(strings("Describe", out.get(RenderFrames.WRITTEN), RenderFramesTest::describe))
        .containsInAnyOrder("dwd " + uri + " -> germany/1763392200.png @1763392200 40x30");
    PAssert.that(out.get(RenderFrames.FAILED)).empty();
    run(p);
    assertEquals(List.of("germany/1763392200.png"), files());
  }

  /** A frame whose time is learnt only when it is rendered is checked for its key then: written, it is skipped. */
  @Test
  void aFrameTimedOnlyByItsFileIsSkippedWhereItsKeyIsWritten() throws IOException {
    String uri = write(in, "composite_dmax_latest-hd5", composite("1510"));
    Files.createDirectories(out().resolve("germany"));
    byte[] written = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0}; // what counts as a whole image
    Files.write(out().resolve("germany/1763392200.png"), written);

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", uri, null));
    PAssert.that(out.get(RenderFrames.WRITTEN)).empty();
    PAssert.that(out.get(RenderFrames.FAILED)).empty();
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.SKIPPED));
    assertArrayEquals(written, Files.readAllBytes(out().resolve("germany/1763392200.png")), "left as it was");
  }

  /**
   * A frame whose time is learnt only when it is rendered (its file could not be read when listed) is
   * checked against the run's window then: outside it, it is counted so and not written, for a source
   * keyed by grid too.
   */
  @Test
  void aFrameTimedOnlyByItsFileIsLeftOutWhenOutsideTheWindow() throws IOException {
    RadarSource odim = new RadarSource("odim", "odim", InputFormat.ODIM_H5, TestSources.DWD.scaling(), null, null);
    String at1500 = write(in, "composite_dmax_latest-hd5", composite("1500"));
    String at1510 = write(in, "composite_dmax_next-hd5", composite("1510"));
    String odimAt1500 = write(in, "a.h5", fixture("DBZH", null));

    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(new FrameRef("dwd", at1500, null),
            new FrameRef("dwd", at1510, null), new FrameRef("odim", odimAt1500, null))))
        .apply(new RenderFrames(Map.of("dwd", TestSources.DWD, "odim", odim), RenderSettings.defaults(),
            new InputReader(FetchSettings.defaults(), null), new LocalFileStore(out().toString()), false)
            .within(TimeWindow.between(Instant.ofEpochSecond(T1505), Instant.ofEpochSecond(T1505 + 300))));
    PAssert.that(strings("Keys", out.get(RenderFrames.WRITTEN), WrittenFrame::key))
        .containsInAnyOrder("germany/1763392200.png");
    PAssert.that(out.get(RenderFrames.FAILED)).empty();
    PipelineResult result = run(p);
    assertEquals(2, counter(result, RadarMetrics.OUTSIDE_WINDOW));
    assertEquals(1, counter(result, RadarMetrics.RENDERED));
    assertEquals(List.of("germany/1763392200.png"), files());
  }

  @Test
  void timeInTheNameWinsOverTheTimeInsideTheFile() throws IOException {
    String uri = write(in, dwdName("1500"), composite("1510"));

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", uri, T1500));
    PAssert.that(strings("Keys", out.get(RenderFrames.WRITTEN), WrittenFrame::key))
        .containsInAnyOrder("germany/1763391600.png");
    run(p);
  }

  /** A 40x30 composite of {@code quantity} at 15:00, its /where changed by {@code where} (null: DWD's). */
  private byte[] fixture(String quantity, java.util.function.Consumer<OdimFixtures.H5Group> where) throws IOException {
    byte[][] data = new byte[30][40];
    for (byte[] row : data) {
      Arrays.fill(row, (byte) 120);
    }
    OdimFixtures.Comp c = OdimFixtures.comp().date("20251117").time("150000").field(1, 1, quantity, data)
        .scaling(0.5, -32.0, 255.0, 0.0).done();
    if (where != null) {
      where.accept(c.extra().group("where"));
    }
    Path dir = Files.createTempDirectory(in, "fixture");
    return c.bytes(dir);
  }

  @Test
  void ofFilesSharingAKeyTheFirstThatCanBeRenderedWins() throws IOException {
    String rate = write(in, "a-" + dwdName("1500"), fixture("RATE", null));
    String dbzh = write(in, "b-" + dwdName("1500"), fixture("DBZH", null));

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", rate, T1500).withAlternates(List.of(dbzh)));
    PAssert.that(strings("Describe", out.get(RenderFrames.WRITTEN), RenderFramesTest::describe))
        .containsInAnyOrder("dwd " + dbzh + " -> germany/1763391600.png @1763391600 40x30");
    PAssert.that(out.get(RenderFrames.FAILED)).empty();
    PipelineResult result = run(p);
    assertEquals(1, counter(result, RadarMetrics.RENDERED));
    assertEquals(1, counter(result, RadarMetrics.DUPLICATES), "the RATE file is a dropped duplicate");
    assertEquals(0, counter(result, RadarMetrics.FAILED));
  }

  @Test
  void whenNoFileOfAKeyCanBeRenderedEachIsAFailure() throws IOException {
    String a = write(in, "a-" + dwdName("1500"), fixture("RATE", null));
    String b = write(in, "b-" + dwdName("1500"), fixture("ACRR", null));

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", a, T1500).withAlternates(List.of(b)));
    PAssert.that(out.get(RenderFrames.WRITTEN)).empty();
    PAssert.that(strings("Kinds", out.get(RenderFrames.FAILED), f -> f.uri() + " " + f.kind()))
        .containsInAnyOrder(a + " missing-data", b + " missing-data");
    PipelineResult result = run(p);
    assertEquals(2, counter(result, RadarMetrics.FAILED));
    assertEquals(0, counter(result, RadarMetrics.DUPLICATES));
  }

  @Test
  void aGridThatIsNotTheSourcesIsRefusedAsWrongSource() throws IOException {
    // SMHI's Mercator grid, and DWD's projection placed over Sweden
    String mercator = write(in, dwdName("1500"), fixture("DBZH", w -> w.attr("projdef",
        "+proj=merc +lat_ts=0 +lon_0=0 +k=1.0 +R=6378137.0 +no_defs")));
    String sweden = write(in, dwdName("1505"), fixture("DBZH", w -> w
        .attr("UL_lon", 10.0).attr("UL_lat", 69.0).attr("UR_lon", 24.0).attr("UR_lat", 69.0)
        .attr("LL_lon", 10.0).attr("LL_lat", 55.0).attr("LR_lon", 24.0).attr("LR_lat", 55.0)));

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", mercator, T1500), new FrameRef("dwd", sweden, T1505));
    PAssert.that(out.get(RenderFrames.WRITTEN)).empty();
    PAssert.that(out.get(RenderFrames.FAILED)).containsInAnyOrder(
        new FailedFrame(mercator, "dwd", T1500, "wrong-source",
            "not a dwd frame: its grid is in projection merc, dwd's is stere"),
        new FailedFrame(sweden, "dwd", T1505, "wrong-source", "not a dwd frame: its grid (W 10.00, E 24.00,"
            + " S 55.00, N 69.00) lies outside dwd's area (W 1.46, E 18.73, S 45.68, N 56.22)"));
    run(p);
    assertEquals(List.of(), files(), "nothing written, no extent from a file that is not the source's");
  }

  @Test
  void aSourceOfAnyGridKeysEachGridApart() throws IOException {
    RadarSource odim = new RadarSource("odim", "odim", InputFormat.ODIM_H5, TestSources.DWD.scaling(), null, null);
    String dwdGrid = write(in, "a.h5", fixture("DBZH", null));
    String sameGrid = write(in, "b.h5", fixture("DBZH", null));
    String rate = write(in, "c.h5", fixture("RATE", null));
    String east = write(in, "d.h5", fixture("DBZH", w -> w
        .attr("UL_lon", 12.0).attr("UR_lon", 29.0).attr("LL_lon", 14.0).attr("LR_lon", 27.0)));

    Pipeline p = pipeline();
    PCollectionTuple out = p.apply(Create.of(List.of(new FrameRef("odim", dwdGrid, T1500)
            .withAlternates(List.of(sameGrid, rate, east)))))
        .apply(new RenderFrames(Map.of("odim", odim), RenderSettings.defaults(),
            new InputReader(FetchSettings.defaults(), null), new LocalFileStore(out().toString()), false));
    PAssert.that(strings("Sources", out.get(RenderFrames.WRITTEN), f -> f.source() + " " + f.key() + " " + f.uri()))
        .satisfies(lines -> {
          List<String> l = new java.util.ArrayList<>();
          lines.forEach(l::add);
          assertEquals(2, l.size(), l.toString());
          for (String line : l) {
            String[] f = line.split(" ");
            assertEquals(f[1], f[0] + "/1763391600.png", "the key is the grid's folder");
            assertTrue(f[0].matches("odim/40x30-[0-9a-f]{8}"), f[0]);
          }
          return null;
        });
    PAssert.that(out.get(RenderFrames.FAILED)).empty();
    PipelineResult result = run(p);
    assertEquals(2, counter(result, RadarMetrics.RENDERED));
    assertEquals(2, counter(result, RadarMetrics.DUPLICATES), "the second file on one grid, and the RATE file");
    assertEquals(2, files().size(), files().toString());
  }

  private static final String NO_TIME = "no nominal time: neither the file name nor /what date and time give one";
  private static final RadarSource ODIM = new RadarSource("odim", "odim", InputFormat.ODIM_H5, TestSources.DWD.scaling(),
      null, null);

  /** RenderFrames of DWD's frames and odim files (a source keyed by grid) into the test's output. */
  private PCollectionTuple renderWithOdim(Pipeline p, RenderSettings settings, FrameRef... frames) {
    return p.apply(Create.of(List.of(frames)))
        .apply(new RenderFrames(Map.of("dwd", TestSources.DWD, "odim", ODIM), settings,
            new InputReader(FetchSettings.defaults(), null), new LocalFileStore(out().toString()), false));
  }

  /** A 40x30 DBZH composite that names no time: no /what date, and no startdate in its data set. */
  private byte[] untimed() throws IOException {
    byte[][] data = new byte[30][40];
    OdimFixtures.H5Group tree = OdimFixtures.comp().date(null).time(null).field(1, 1, "DBZH", data)
        .scaling(0.5, -32.0, 255.0, 0.0).done().tree();
    tree.group("dataset1/what").remove("startdate").remove("starttime");
    Path file = OdimFixtures.write(tree, Files.createTempDirectory(in, "untimed").resolve("untimed.h5"));
    return Files.readAllBytes(file);
  }

  /**
   * A file whose name has no time and whose content names none either cannot be keyed: a bad-attribute
   * failure, for a source keyed by time as for one keyed by grid, and the frames beside it are written.
   */
  @Test
  void aFileWithNoTimeInItsNameOrContentIsAFailureAndTheOthersAreWritten() throws IOException {
    String good = write(in, dwdName("1500"), composite("1500"));
    String dwdUntimed = write(in, "composite_dmax_latest-hd5", untimed());
    String odimGood = write(in, "a.h5", fixture("DBZH", null));
    String odimUntimed = write(in, "b.h5", untimed());

    Pipeline p = pipeline();
    PCollectionTuple out = renderWithOdim(p, RenderSettings.defaults(), new FrameRef("dwd", good, T1500), new FrameRef("dwd", dwdUntimed, null),
        new FrameRef("odim", odimGood, null), new FrameRef("odim", odimUntimed, null));
    PAssert.that(out.get(RenderFrames.FAILED)).containsInAnyOrder(
        new FailedFrame(dwdUntimed, "dwd", null, "bad-attribute", NO_TIME),
        new FailedFrame(odimUntimed, "odim", null, "bad-attribute", NO_TIME));
    PipelineResult result = run(p);
    List<String> written = files();
    assertEquals(2, written.size(), written.toString());
    assertEquals("germany/1763391600.png", written.get(0));
    assertTrue(written.get(1).matches("odim/40x30-[0-9a-f]{8}/1763391600.png"), written.toString());
    assertEquals(2, counter(result, RadarMetrics.RENDERED));
    assertEquals(2, counter(result, RadarMetrics.FAILED));
  }

  /**
   * A grid whose corners span no north-up grid (DWD's, its east and west corners swapped) cannot be
   * warped to Web Mercator: a bad-attribute failure that says what to do instead, and the
   * frame beside it is written.
   */
  @Test
  void aGridThatCannotBePlacedOnWebMercatorIsABadAttributeFailure() throws IOException {
    String good = write(in, "a.h5", fixture("DBZH", null));
    RenderSettings d = RenderSettings.defaults();
    RenderSettings webMercator = new RenderSettings(d.quantity(), d.minDbz(), d.maxPixels(), d.png(), Projection.WEBMERCATOR);
    String unplaceable = write(in, "b.h5", fixture("DBZH", w -> w
        .attr("UL_lon", 18.73161645466747).attr("UR_lon", 1.463301510256666)
        .attr("LL_lon", 16.580869348598274).attr("LR_lon", 3.5669946350078914)));

    Pipeline p = pipeline();
    PCollectionTuple out = renderWithOdim(p, webMercator, new FrameRef("odim", good, T1500), new FrameRef("odim", unplaceable, T1505));
    PAssert.that(out.get(RenderFrames.FAILED)).satisfies(failed -> {
      List<FailedFrame> l = new java.util.ArrayList<>();
      failed.forEach(l::add);
      assertEquals(1, l.size(), l.toString());
      FailedFrame f = l.get(0);
      assertEquals(List.of(unplaceable, "odim", T1505, "bad-attribute"), List.of(f.uri(), f.source(), f.nominalEpochSeconds(),
          f.kind()));
      // the numbers are the projection's: pixels of negative width, east of west
      assertTrue(f.message().matches("cannot place the grid on a map: corners give no north-up grid: pixel -[0-9.]+ x [0-9.]+"
          + " at \\(.*\\) in \\+proj=stere .* \\(use --projection=native\\)"), f.message());
      return null;
    });
    PipelineResult result = run(p);
    assertEquals(1, files().size(), files().toString());
    assertEquals(1, counter(result, RadarMetrics.RENDERED));
    assertEquals(1, counter(result, RadarMetrics.FAILED));
  }

  private static BufferedImage decode(byte[] png) {
    try {
      return ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new AssertionError("not a PNG", e);
    }
  }
}
