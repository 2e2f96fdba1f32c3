package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.values.OutputBuilder;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Same-key files: the first readable wins; failures are records, unless the run is being stopped. */
class SameKeyFramesTest {
  private static final TupleTag<FailedFrame> FAILED = new TupleTag<>() {};
  private final List<Object> failed = new ArrayList<>();

  private final MultiOutputReceiver out = new MultiOutputReceiver() {
    @Override
    @SuppressWarnings("unchecked")
    public <T> OutputReceiver<T> get(TupleTag<T> tag) {
      return new OutputReceiver<T>() {
        @Override
        public OutputBuilder<T> builder(T value) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void output(T value) {
          failed.add(value);
        }
      };
    }

    @Override
    public <T> OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
      throw new UnsupportedOperationException();
    }
  };

  private static FrameRef twoFiles() {
    return FrameRef.sameKey(List.of(new FrameRef("dwd", "/in/a-hd5", 1763391600L),
        new FrameRef("dwd", "/in/b-hd5", 1763391600L)));
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void theFirstFileThatCanBeReadWins() {
    SameKeyFrames.Chosen<String> c = SameKeyFrames.first(twoFiles(), f -> {
      if (f.uri().endsWith("a-hd5")) {
        throw new IOException("GET answered HTTP 500");
      }
      return "decoded " + f.uri();
    }, out, new FailureOutput(FAILED, false));
    assertEquals("decoded /in/b-hd5", c.value());
    assertTrue(failed.isEmpty(), "a file tried before the one rendered is a duplicate, not a failure");
  }

  @Test
  void whenNoneCanBeReadEachIsAFailureRecord() {
    assertEquals(null, SameKeyFrames.first(twoFiles(), f -> {
      throw new IOException("GET answered HTTP 500");
    }, out, new FailureOutput(FAILED, false)));
    assertEquals(2, failed.size());
  }

  /** --timeout cancels the run and its workers are interrupted: a frame stopped then did not fail. */
  @Test
  void aWorkerInterruptedWhileReadingRecordsNoFailure() {
    CancellationException e = assertThrows(CancellationException.class, () -> SameKeyFrames.first(twoFiles(), f -> {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a render slot");
    }, out, new FailureOutput(FAILED, false)));
    assertEquals("stopped while reading /in/a-hd5", e.getMessage());
    assertTrue(failed.isEmpty(), failed.toString());
  }
}
