package org.radarbeam.transforms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.TupleTag;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.http.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a frame that has same-key alternates: its files are tried in order and the first that can
 * be read and decoded wins, so a file that cannot be rendered (another quantity, a broken copy)
 * never crowds out one that can. The others count as duplicates; only when none can be rendered is
 * each a failure record.
 */
final class SameKeyFrames {
  private static final Logger LOG = LoggerFactory.getLogger(SameKeyFrames.class);

  /** Reads and decodes one candidate file. */
  interface Attempt<T> {
    T apply(FrameRef candidate) throws BadInputException, IOException;
  }

  /** The candidate that could be read and what reading it gave. */
  record Chosen<T>(FrameRef ref, T value) {}

  private SameKeyFrames() {}

  /**
   * The first of {@code ref}'s candidates that {@code attempt} accepts, or null when none does (each
   * failure then counted, logged and output on {@code failed}).
   */
  static <T> Chosen<T> first(FrameRef ref, Attempt<T> attempt, MultiOutputReceiver out, TupleTag<FailedFrame> failed) {
    List<FrameRef> candidates = ref.candidates();
    List<FailedFrame> failures = new ArrayList<>();
    for (FrameRef c : candidates) {
      try {
        T value = attempt.apply(c);
        if (candidates.size() > 1) {
          RadarMetrics.counter(RadarMetrics.DUPLICATES).inc(candidates.size() - 1);
          LOG.info("{}: rendering {}, the others of its {} same-key files are duplicates{}", ref.source(),
              Redaction.redact(c.uri()), candidates.size(), failures.isEmpty() ? ""
                  : " (" + failures.size() + " tried before it cannot be rendered: " + failures.get(0).kind() + ")");
        }
        return new Chosen<>(c, value);
      } catch (BadInputException | IOException | OutOfMemoryError | StackOverflowError | RuntimeException e) {
        cancelledIfInterrupted(c, e);
        failures.add(FrameFailures.of(c, e));
      }
    }
    failures.forEach(f -> FrameFailures.emit(f, out, failed));
    return null;
  }

  /**
   * Ends the element instead of recording a failure when the worker was interrupted: the runner
   * interrupts its workers when a run is cancelled (--timeout), and a frame stopped then (waiting
   * for a render slot, or downloading) did not fail; the next run renders it.
   */
  static void cancelledIfInterrupted(FrameRef ref, Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      CancellationException c = new CancellationException("stopped while reading " + Redaction.redact(ref.uri()));
      c.initCause(e);
      throw c;
    }
  }
}
