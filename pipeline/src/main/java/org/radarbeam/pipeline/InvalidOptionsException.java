package org.radarbeam.pipeline;

/** Options that cannot work; reported before any work starts (exit status 2). */
public final class InvalidOptionsException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidOptionsException(String message) {
    super(message);
  }
}
