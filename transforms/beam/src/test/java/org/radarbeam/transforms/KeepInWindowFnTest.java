package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.radarbeam.source.TimeWindow;

/** KeepInWindowFn: frames of the window and of unknown time pass; a name with a time no frame can have does not. */
class KeepInWindowFnTest {
  @Test
  void framesNamedInTheFutureOrBefore1970AreOutsideEveryWindow() {
    FrameRef now = new FrameRef("dwd", "/in/composite_dmax_20251117_1500-hd5", 1763391600L);
    FrameRef untimed = new FrameRef("dwd", "/in/latest-hd5", null);
    FrameRef future = new FrameRef("dwd", "/in/composite_dmax_20991231_2355-hd5",
        Instant.parse("2099-12-31T23:55:00Z").getEpochSecond());
    FrameRef ancient = new FrameRef("dwd", "/in/composite_dmax_10020101_0000-hd5",
        Instant.parse("1002-01-01T00:00:00Z").getEpochSecond());
    Pipeline p = pipeline();
    PCollection<FrameRef> kept = p.apply(Create.of(List.of(now, untimed, future, ancient)).withCoder(FrameRefCoder.of()))
        .apply(ParDo.of(new KeepInWindowFn(TimeWindow.all())));
    PAssert.that(kept).containsInAnyOrder(now, untimed);
    assertEquals(2, counter(run(p), RadarMetrics.OUTSIDE_WINDOW));
  }
}
