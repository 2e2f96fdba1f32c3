package org.radarbeam.http;

/**
 * How long to wait before the next attempt: exponential from a base with up to half again of
 * jitter, or what the server asked for with Retry-After if that is longer, and never more than a
 * cap. A Retry-After beyond the cap waits the cap: the attempt budget, not the server, bounds how
 * long a request may take (at most attempts - 1 caps of waiting), and a server still busy by then
 * makes the request fail as any other retried answer does.
 */
final class Backoff {
  private Backoff() {}

  /**
   * @param attempt the attempt that failed, from 1
   * @param retryAfterMillis what the server's Retry-After asked for, -1 without one
   * @param jitter a random number in [0, 1)
   */
  static long delayMillis(int attempt, long baseMillis, long capMillis, long retryAfterMillis, double jitter) {
    // in double: 2^attempt cannot overflow, it only grows past the cap
    double exponential = baseMillis * Math.pow(2, attempt - 1) * (1 + jitter / 2);
    return (long) Math.min(capMillis, Math.max(exponential, retryAfterMillis));
  }
}
