package org.radarbeam.pipeline;

import java.io.IOException;

/** An --input that cannot be read at all (its store unreachable, its bucket missing, credentials refused). */
final class InputNotUsableException extends IOException {
  private static final long serialVersionUID = 1L;

  InputNotUsableException(String message, Throwable cause) {
    super(message, cause);
  }
}
