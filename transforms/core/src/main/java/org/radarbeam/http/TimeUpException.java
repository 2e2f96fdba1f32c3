package org.radarbeam.http;

/**
 * A request not sent because the time its run allows for requests is up ({@link
 * FetchSettings#requestsUntilMillis()}): what it would have fetched is left for the next run, not failed.
 */
public final class TimeUpException extends RequestsEndedException {
  private static final long serialVersionUID = 1L;

  TimeUpException(String message) {
    super(message, null);
  }
}
