package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1510;
import static org.radarbeam.transforms.TransformTests.composite;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.input.InputReader;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.source.ProviderServer;

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

  /** The first bytes of an HDF5 file, followed by bytes no HDF5 reader makes sense of. */
  private static byte[] corruptHdf5() {
    byte[] b = new byte[4096];
    new Random(7).nextBytes(b);
    byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(signature, 0, b, 0, signature.length);
    return b;
  }

  /**
   * An untimed HDF5 frame at a URL is read whole for the time of its /what (its head first); one the provider
   * answers corrupt, or with an error, passes untimed, for rendering to say why.
   */
  @Test
  void remoteHdf5FramesAreReadForTheirTime() throws IOException {
    Path served = Files.createDirectories(in.resolve("served"));
    write(served, "composite_dmax_latest-hd5", composite("1510"));
    write(served, "corrupt-hd5", corruptHdf5());
    try (ProviderServer server = new ProviderServer(served)) {
      String latest = server.url("/composite_dmax_latest-hd5");
      String corrupt = server.url("/corrupt-hd5");
      String gone = server.url("/gone-hd5");
      Pipeline p = pipeline();
      PAssert.that(p.apply(Create.of(List.of(new FrameRef("dwd", latest, null), new FrameRef("dwd", corrupt, null),
              new FrameRef("dwd", gone, null))))
          .apply(ParDo.of(new ResolveTimeFn(new InputReader(ONE_ATTEMPT, null)))))
          .containsInAnyOrder(new FrameRef("dwd", latest, T1510), new FrameRef("dwd", corrupt, null),
              new FrameRef("dwd", gone, null));
      run(p);
      assertEquals(5, server.requests("GET"), "the head and the whole of each HDF5 file, the head of the missing one");
    }
  }

  /**
   * A file read into a worker's array is read to its own end: a file cut short has no time, even where the array
   * still holds the whole of an earlier file past it.
   */
  @Test
  void anHdf5FileIsReadToItsOwnEndNotToTheBuffersEnd() throws IOException {
    byte[] whole = composite("1510");
    assertEquals(T1510, ResolveTimeFn.hdf5Time(ByteBuffer.wrap(whole)));
    assertNull(ResolveTimeFn.hdf5Time(ByteBuffer.wrap(whole, 0, whole.length / 2)));
  }

  /** A local file with an HDF5 signature that is corrupt, cut short, or larger than one input may be, has no time. */
  @Test
  void corruptOrOversizedLocalHdf5FilesHaveNoTime() throws IOException {
    byte[] good = composite("1510");
    Path corrupt = Path.of(write(in, "corrupt-hd5", corruptHdf5()));
    Path cut = Path.of(write(in, "cut-hd5", Arrays.copyOf(good, 96)));
    Path huge = in.resolve("huge-hd5");
    try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
      sparse.write(good, 0, 2048);
      sparse.setLength(HeapLimits.maxInputBytes() + 1);
    }
    assertEquals(T1510, ResolveTimeFn.peekTime(Path.of(write(in, "good-hd5", good))));
    assertNull(ResolveTimeFn.peekTime(corrupt));
    assertNull(ResolveTimeFn.peekTime(cut));
    assertNull(ResolveTimeFn.peekTime(huge), "refused as too large when rendered, not read here");
  }
}
