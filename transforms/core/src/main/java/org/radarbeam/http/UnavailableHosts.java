package org.radarbeam.http;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider hosts given up on for the rest of a run: a host whose request still timed out after all
 * its attempts is hung or black-holed, and every further request to it would wait as long. So it
 * costs one request's deadline and retries; its later requests fail at once.
 */
final class UnavailableHosts {
  private static final Logger LOG = LoggerFactory.getLogger(UnavailableHosts.class);

  /** host:port -> why it was given up (a redacted message) */
  private final Map<String, String> reasons = new ConcurrentHashMap<>();

  /** @throws ProviderUnavailableException if {@code host} was given up; {@code shown} names the request */
  void check(String host, String shown) throws ProviderUnavailableException {
    String why = reasons.get(host);
    if (why != null) {
      throw new ProviderUnavailableException(shown + ": provider unavailable (" + why + ")", null);
    }
  }

  /** Gives {@code host} up after {@code failure} (its last attempt timed out); returns the request's exception. */
  ProviderUnavailableException giveUp(String host, IOException failure) {
    String why = "an earlier request to " + host + " timed out after all its attempts";
    if (reasons.putIfAbsent(host, why) == null) {
      LOG.warn("{}: provider unavailable for the rest of this run: {}", host, failure.getMessage());
    }
    return new ProviderUnavailableException(failure.getMessage() + "; provider unavailable for the rest of this run",
        failure);
  }
}
