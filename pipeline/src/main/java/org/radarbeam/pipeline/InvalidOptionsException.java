package org.radarbeam.pipeline;

import org.radarbeam.http.Redaction;

/**
 * Options that cannot work; reported before any work starts (exit status 2). The message hides the
 * credentials of any URL in it: it quotes option values, Beam's parser's messages among them.
 */
public final class InvalidOptionsException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidOptionsException(String message) {
    super(Redaction.redact(message));
  }
}
