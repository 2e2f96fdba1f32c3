package org.radarbeam.transforms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.http.Redaction;
import org.radarbeam.http.TimeUpException;
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

  /** Reads and decodes one candidate file; never null. */
  interface Attempt<T> {
    T apply(FrameRef candidate) throws BadInputException, IOException;
  }

  /** The candidate that could be read and what reading it gave. */
  record Chosen<T>(FrameRef ref, T value) {}

  private SameKeyFrames() {}

  /**
   * The first of {@code ref}'s candidates that {@code attempt} accepts, or null when none does (each
   * failure then emitted on {@code failed}).
   */
  static <T> Chosen<T> first(FrameRef ref, Attempt<T> attempt, MultiOutputReceiver out, FailureOutput failed) {
    List<FrameRef> candidates = ref.candidates();
    List<FailedFrame> failures = new ArrayList<>();
    for (FrameRef c : candidates) {
      T value = attempt(c, attempt, failures);
      if (value != null) {
        if (candidates.size() > 1) {
          RadarMetrics.counter(RadarMetrics.DUPLICATES).inc(candidates.size() - 1);
          LOG.info("{}: rendering {}, the others of its {} same-key files are duplicates{}", ref.source(),
              Redaction.redact(c.uri()), candidates.size(), failures.isEmpty() ? ""
                  : " (" + failures.size() + " tried before it cannot be rendered: " + failures.get(0).kind() + ")");
        }
        return new Chosen<>(c, value);
      }
    }
    failures.forEach(f -> failed.emit(f, out));
    return null;
  }

  /**
   * What {@code attempt} makes of file {@code c}, or null when it fails: its failure record is then
   * added to {@code failures}. A worker interrupted meanwhile ends the element instead: a frame
   * stopped by a cancelled run (waiting for a render slot, or downloading) did not fail; the next
   * run renders it. Flink interrupts its task threads on cancel; Beam's Direct runner does not, and
   * radar.jar's exit after a --timeout ends its workers. A file not fetched because the run's time for
   * requests was up ends the element too ({@link LeftForNextRun}).
   */
  static <T> T attempt(FrameRef c, Attempt<T> attempt, List<FailedFrame> failures) {
    try {
      return attempt.apply(c);
    } catch (TimeUpException e) {
      throw new LeftForNextRun(e); // not a failure of this file: the next run tries it
    } catch (BadInputException | IOException | OutOfMemoryError | StackOverflowError | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        CancellationException stopped = new CancellationException("stopped while reading " + Redaction.redact(c.uri()));
        stopped.initCause(e);
        throw stopped;
      }
      failures.add(FrameFailures.of(c, e));
      return null;
    }
  }
}
