package org.radarbeam.http;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider hosts given up on for the rest of a run: a host whose request still timed out after all
 * its attempts is hung or black-holed, and every further request to it would wait as long. So it
 * costs one request's deadline and retries; its later requests fail at once. So does a host that
 * answers errors slowly: each retried answer that took more than half the deadline would cost every
 * request a deadline per attempt, and the run's workers with it (three in a row, with no answer
 * without an error between them, are taken for a host in that state, not for passing trouble).
 */
final class UnavailableHosts {
  private static final Logger LOG = LoggerFactory.getLogger(UnavailableHosts.class);
  /** Slow failed answers in a row after which a host is given up for the run. */
  static final int SLOW_FAILURES = 3;

  /** host:port -> why it was given up (a redacted message) */
  private final Map<String, String> reasons = new ConcurrentHashMap<>();
  /** host:port -> its failed answers in a row that took more than half a deadline */
  private final Map<String, AtomicInteger> slow = new ConcurrentHashMap<>();

  /** @throws ProviderUnavailableException if {@code host} was given up; {@code shown} names the request */
  void check(String host, String shown) throws ProviderUnavailableException {
    String why = reasons.get(host);
    if (why != null) {
      throw new ProviderUnavailableException(shown + ": provider unavailable (" + why + ")", null);
    }
  }

  /** Gives {@code host} up after {@code failure} (its last attempt timed out); returns the request's exception. */
  ProviderUnavailableException giveUp(String host, IOException failure) {
    return giveUp(host, failure, "an earlier request to " + host + " timed out after all its attempts");
  }

  /** A host answered without an error: its slow failures so far were passing trouble. */
  void answered(String host) {
    AtomicInteger n = slow.get(host);
    if (n != null) {
      n.set(0);
    }
  }

  /**
   * Counts {@code failure}, an answer to be retried that took more than half its deadline; the
   * {@link #SLOW_FAILURES}th in a row (no answer without an error between them) gives the host up
   * and returns the request's exception, the others null.
   */
  ProviderUnavailableException slowFailure(String host, IOException failure) {
    if (slow.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet() < SLOW_FAILURES) {
      return null;
    }
    return giveUp(host, failure, host + " answered " + SLOW_FAILURES + " requests with errors, each after more than"
        + " half its deadline");
  }

  private ProviderUnavailableException giveUp(String host, IOException failure, String why) {
    if (reasons.putIfAbsent(host, why) == null) {
      LOG.warn("{}: provider unavailable for the rest of this run: {}", host, failure.getMessage());
    }
    return new ProviderUnavailableException(failure.getMessage() + "; provider unavailable for the rest of this run",
        failure);
  }
}
