package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.radarbeam.source.SourcePattern;

/** The records' coders: every field survives a round trip, in both of Beam's contexts, nulls and all. */
class RecordCodersTest {
  @Test
  void framesRoundTrip() throws Exception {
    for (FrameRef f : List.of(new FrameRef("dwd", "/in/a.h5", 1763380800L),
        new FrameRef("odim", "s3://b/k é.h5", null, null, List.of(), false),
        new FrameRef("opera", "https://x/y", -5L, "800x1090-1a2b3c4d", List.of("https://x/z", "https://x/w"), true))) {
      roundTrip(FrameRefCoder.of(), f);
    }
  }

  @Test
  void writtenFramesRoundTrip() throws Exception {
    roundTrip(WrittenFrameCoder.of(), new WrittenFrame("dwd", "/in/a.h5", "germany/1763380800.png", 1763380800L,
        4400, 4800, 673586L, new double[] {1.46, 44.0, 26.38, 56.4}));
    roundTrip(WrittenFrameCoder.of(), new WrittenFrame("odim/800x1090-1a2b3c4d", "u", "k", 0L, 1, 1, 0L,
        new double[] {Double.NaN, Double.NaN, -0.0, Double.NEGATIVE_INFINITY}));
  }

  @Test
  void failuresRoundTrip() throws Exception {
    roundTrip(FailedFrameCoder.of(), new FailedFrame("/in/a.h5", "dwd", 1763380800L, "truncated", "ends at byte 12"));
    roundTrip(FailedFrameCoder.of(), new FailedFrame(null, null, null, null, null));
  }

  @Test
  void patternsRoundTrip() throws Exception {
    roundTrip(new ListFrames.PatternCoder(), new SourcePattern("dwd", "s3://raw/dwd/2025/11/17/*"));
    roundTrip(new ListFrames.PatternCoder(), new SourcePattern("odim", "/in/[a]{b,c} é/**"));
  }

  @Test
  void inferredForTheRecords() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertSame(FrameRefCoder.of(), registry.getCoder(FrameRef.class));
    assertSame(WrittenFrameCoder.of(), registry.getCoder(WrittenFrame.class));
    assertSame(FailedFrameCoder.of(), registry.getCoder(FailedFrame.class));
  }

  private static <T> void roundTrip(Coder<T> coder, T value) throws Exception {
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDeterministic(coder, value, value);
    assertEquals(coder, SerializableUtils.clone(coder));
  }
}
