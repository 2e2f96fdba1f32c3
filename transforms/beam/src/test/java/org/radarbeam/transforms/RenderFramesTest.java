package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.input.InputReader;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.RadarSource;
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
            new LocalFileStore(out().toString())));
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

  @Test
  void fileWhoseNameHasNoTimeIsKeyedByTheTimeInsideIt() throws IOException {
    String uri = write(in, "composite_dmax_latest-hd5", composite("1510"));

    Pipeline p = pipeline();
    PCollectionTuple out = render(p, new FrameRef("dwd", uri, null));
    PAssert.that(strings("Describe", out.get(RenderFrames.WRITTEN), RenderFramesTest::describe))
        .containsInAnyOrder("dwd " + uri + " -> germany/1763392200.png @1763392200 40x30");
    PAssert.that(out.get(RenderFrames.FAILED)).empty();
    run(p);
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

  private static BufferedImage decode(byte[] png) {
    try {
      return ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new AssertionError("not a PNG", e);
    }
  }
}
