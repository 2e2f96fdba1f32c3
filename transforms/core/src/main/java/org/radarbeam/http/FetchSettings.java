package org.radarbeam.http;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * How provider servers are reached: limits, timeouts, the retry budget, and which CAs are trusted
 * besides the JDK's default trust store.
 *
 * @param requestTimeout the deadline of one attempt: connect, headers and the whole body (see {@link Deadline})
 * @param backoff the wait after a first failed attempt, doubled after each next one (plus jitter)
 * @param maxBackoff the longest wait between two attempts, whatever the doubling or a server's Retry-After says
 * @param caCertsPem PEM certificates trusted in addition to the default trust store (--caCerts),
 *     "" for none. The text rather than its path, read once where the options are checked, so that
 *     workers (Flink task managers, pods) need not have the file; ISO-8859-1 keeps its bytes as they were.
 * @param run the run these requests serve: a provider given up on (see {@link UnavailableHosts}) is given
 *     up on for this run only, whatever else the JVM runs; "" for one scope per JVM
 * @param requestsUntilMillis when the run stops sending requests (Unix milliseconds; 0 for never): no attempt
 *     starts, waits for a host's request slot or waits to retry past it, so a run bounded by --timeout has
 *     its downloads done, and time left to write its indexes, before the bound (see {@link #requestWindow})
 */
public record FetchSettings(int maxRequestsPerHost, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
    Duration backoff, Duration maxBackoff, String caCertsPem, String run, long requestsUntilMillis)
    implements Serializable {
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
  /** Ten attempts would otherwise wait minutes (500 ms doubled eight times is two minutes). */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  static {
    // the JDK reads the AIA switch at the first certificate path it builds in a JVM, maybe for an S3
    // request before any provider request: settings are made (or deserialised) before either
    HttpFetcher.enableAiaFetching();
  }

  /** The longest time kept after the last request of a run bounded in time, for its last frames and indexes. */
  static final Duration MAX_RESERVE = Duration.ofSeconds(30);

  public FetchSettings {
    caCertsPem = caCertsPem == null ? "" : caCertsPem;
    run = run == null ? "" : run;
  }

  /** Settings in the JVM-wide scope, without an end. */
  public FetchSettings(int maxRequestsPerHost, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
      Duration backoff, Duration maxBackoff, String caCertsPem) {
    this(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff, caCertsPem, "", 0);
  }

  public static FetchSettings defaults() {
    return new FetchSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(30), 4, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF,
        "");
  }

  /** These settings trusting the CA certificates of {@code pem} as well. */
  public FetchSettings withCaCerts(String pem) {
    return new FetchSettings(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff, pem,
        run, requestsUntilMillis);
  }

  /** These settings for the run {@code id}: what it learns of unavailable providers stays its own. */
  public FetchSettings forRun(String id) {
    return new FetchSettings(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff,
        caCertsPem, id, requestsUntilMillis);
  }

  /** These settings with no request sent after {@code until} (null: no end). */
  public FetchSettings requestsUntil(Instant until) {
    return new FetchSettings(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff,
        caCertsPem, run, until == null ? 0 : until.toEpochMilli());
  }

  /** How the servers are reached, whatever the run: the key of a shared HTTP client. */
  FetchSettings connection() {
    return new FetchSettings(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff,
        caCertsPem, "", 0);
  }

  /**
   * How long after its start a run stopped after {@code runTimeout} sends requests: the bound less one
   * attempt's deadline (an attempt started before the end runs to its own) and a reserve for the frames in
   * hand and the indexes (an eighth of the bound, at most 30 s), but at least two thirds of the bound: a
   * source's discovery is given up after at most half of it, and its frames then still get a sixth.
   */
  public static Duration requestWindow(Duration runTimeout, Duration requestTimeout) {
    Duration reserve = runTimeout.dividedBy(8).compareTo(MAX_RESERVE) < 0 ? runTimeout.dividedBy(8) : MAX_RESERVE;
    Duration window = runTimeout.minus(requestTimeout).minus(reserve);
    Duration least = runTimeout.multipliedBy(2).dividedBy(3);
    return window.compareTo(least) < 0 ? least : window;
  }
}
