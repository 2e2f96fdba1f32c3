package org.radarbeam.http;

/**
 * A request not sent because its provider's host was given up on earlier in the run (see
 * {@link UnavailableHosts}), or the request that gave it up.
 */
public final class ProviderUnavailableException extends RequestsEndedException {
  private static final long serialVersionUID = 1L;

  ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
