package org.radarbeam.http;

import java.io.Serializable;
import java.time.Duration;

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
 */
public record FetchSettings(int maxRequestsPerHost, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
    Duration backoff, Duration maxBackoff, String caCertsPem, String run) implements Serializable {
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
  /** Ten attempts would otherwise wait minutes (500 ms doubled eight times is two minutes). */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  static {
    // the JDK reads the AIA switch at the first certificate path it builds in a JVM, maybe for an S3
    // request before any provider request: settings are made (or deserialised) before either
    HttpFetcher.enableAiaFetching();
  }

  public FetchSettings {
    caCertsPem = caCertsPem == null ? "" : caCertsPem;
    run = run == null ? "" : run;
  }

  /** Settings in the JVM-wide scope. */
  public FetchSettings(int maxRequestsPerHost, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
      Duration backoff, Duration maxBackoff, String caCertsPem) {
    this(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff, caCertsPem, "");
  }

  public static FetchSettings defaults() {
    return new FetchSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(30), 4, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF,
        "");
  }

  /** These settings trusting the CA certificates of {@code pem} as well. */
  public FetchSettings withCaCerts(String pem) {
    return new FetchSettings(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff, pem,
        run);
  }

  /** These settings for the run {@code id}: what it learns of unavailable providers stays its own. */
  public FetchSettings forRun(String id) {
    return new FetchSettings(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, maxBackoff,
        caCertsPem, id);
  }
}
