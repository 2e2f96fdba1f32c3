package org.radarbeam.transforms;

import java.io.IOException;

/**
 * One worker's images the output refused in a row. A refusal on its own is one key's (a key the store
 * refuses, a name taken by a folder): it becomes a failure record and the run goes on. Several in a row
 * say the output itself is failing (a store gone mid-run): each frame would wait out its retries only to
 * fail too, so the run ends as an output that fails ends it (on Flink, the job restarts). Not
 * thread-safe: one per DoFn instance.
 */
final class WritesInARow {
  /** Refusals in a row after which the output, not a key, is taken to be failing. */
  static final int MAX_REFUSED = 3;

  private int refused;

  /** An image written: the refusals before it were its keys'. */
  void written() {
    refused = 0;
  }

  /**
   * An image refused with {@code e}: returns normally while that may be its key's alone, and throws once
   * {@link #MAX_REFUSED} were refused in a row.
   */
  void refused(IOException e) throws IOException {
    if (++refused >= MAX_REFUSED) {
      throw new IOException("the output refused " + refused + " images in a row; the last: " + e.getMessage(), e);
    }
  }
}
