package org.radarbeam.http;

import java.io.IOException;

/**
 * A request that will not be answered, nor will the next one like it: its provider was given up on for the
 * run ({@link ProviderUnavailableException}) or the run's time for requests is up ({@link TimeUpException}).
 * Callers stop asking instead of retrying the request or trying others in its place.
 */
public abstract sealed class RequestsEndedException extends IOException
    permits ProviderUnavailableException, TimeUpException {
  private static final long serialVersionUID = 1L;

  RequestsEndedException(String message, Throwable cause) {
    super(message, cause);
  }
}
