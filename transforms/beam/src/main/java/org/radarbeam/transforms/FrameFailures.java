package org.radarbeam.transforms;

import java.io.IOException;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.io.TooLargeException;

/** Turns what went wrong with one input into its failure record (see {@link FailureOutput}). */
final class FrameFailures {
  private FrameFailures() {}

  /** The failure record of {@code ref} for {@code e} thrown while reading or decoding it. */
  static FailedFrame of(FrameRef ref, Throwable e) {
    if (e instanceof BadInputException b) {
      FrameRef timed = ref.nominalEpochSeconds() == null && b.nominalTime() != null
          ? ref.withNominal(b.nominalTime().getEpochSecond()) : ref;
      return of(timed, b.kindName(), b.getMessage());
    }
    if (e instanceof TooLargeException) {
      return of(ref, "too-large", e.getMessage()); // the same body again would be as large
    }
    if (e instanceof IOException) {
      return of(ref, "io", "cannot read input: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    if (e instanceof OutOfMemoryError) {
      return of(ref, "out-of-memory", "not enough heap to render this frame (raise -Xmx or lower the worker count)");
    }
    if (e instanceof StackOverflowError) {
      // links that lead back to themselves (a crafted HDF5 B-tree) recurse until the stack ends
      return of(ref, "corrupt", "structures nested too deeply to read (links that form a cycle?)");
    }
    return of(ref, "corrupt", "decoder failed: " + e);
  }

  static FailedFrame of(FrameRef ref, String kind, String message) {
    return new FailedFrame(ref.uri(), ref.source(), ref.nominalEpochSeconds(), kind, message);
  }
}
