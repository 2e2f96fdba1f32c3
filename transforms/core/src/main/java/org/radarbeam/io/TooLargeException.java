package org.radarbeam.io;

import java.io.IOException;

/** A body or file larger than any radar input: reading it again would give the same, so it is never retried. */
public final class TooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public TooLargeException(String message) {
    super(message);
  }
}
