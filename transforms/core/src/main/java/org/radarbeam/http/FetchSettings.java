package org.radarbeam.http;

import java.io.Serializable;
import java.time.Duration;

/**
 * How provider servers are reached: limits, timeouts, the retry budget, and which CAs are trusted
 * besides the JDK's default trust store.
 *
 * @param caCertsPem PEM certificates trusted in addition to the default trust store (--caCerts),
 *     "" for none. The text rather than its path, read once where the options are checked, so that
 *     workers (Flink task managers, pods) need not have the file; ISO-8859-1 keeps its bytes as they were.
 */
public record FetchSettings(int maxRequestsPerHost, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
    Duration backoff, String caCertsPem) implements Serializable {

  static {
    // the JDK reads the AIA switch at the first certificate path it builds in a JVM, maybe for an S3
    // request before any provider request: settings are made (or deserialised) before either
    HttpFetcher.enableAiaFetching();
  }

  public FetchSettings {
    caCertsPem = caCertsPem == null ? "" : caCertsPem;
  }

  public static FetchSettings defaults() {
    return new FetchSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(30), 4, Duration.ofMillis(500), "");
  }

  /** These settings trusting the CA certificates of {@code pem} as well. */
  public FetchSettings withCaCerts(String pem) {
    return new FetchSettings(maxRequestsPerHost, connectTimeout, requestTimeout, maxAttempts, backoff, pem);
  }
}
