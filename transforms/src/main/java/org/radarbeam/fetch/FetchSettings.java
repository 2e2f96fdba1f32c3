package org.radarbeam.fetch;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** How provider servers are reached: limits, timeouts and the retry budget. */
public final class FetchSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int maxRequestsPerHost;
  private final long connectTimeoutMillis;
  private final long requestTimeoutMillis;
  private final int maxAttempts;
  private final long backoffMillis;
  private final Set<String> insecureTlsHosts;

  public FetchSettings(int maxRequestsPerHost, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
      Duration backoff, Set<String> insecureTlsHosts) {
    this.maxRequestsPerHost = maxRequestsPerHost;
    this.connectTimeoutMillis = connectTimeout.toMillis();
    this.requestTimeoutMillis = requestTimeout.toMillis();
    this.maxAttempts = maxAttempts;
    this.backoffMillis = backoff.toMillis();
    this.insecureTlsHosts = Set.copyOf(insecureTlsHosts);
  }

  public static FetchSettings defaults() {
    return new FetchSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(30), 4, Duration.ofMillis(500), Set.of());
  }

  public int maxRequestsPerHost() {
    return maxRequestsPerHost;
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(connectTimeoutMillis);
  }

  public Duration requestTimeout() {
    return Duration.ofMillis(requestTimeoutMillis);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration backoff() {
    return Duration.ofMillis(backoffMillis);
  }

  /** Hosts whose TLS certificates are not verified (a provider with a broken chain). */
  public Set<String> insecureTlsHosts() {
    return insecureTlsHosts;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FetchSettings)) {
      return false;
    }
    FetchSettings f = (FetchSettings) o;
    return maxRequestsPerHost == f.maxRequestsPerHost && connectTimeoutMillis == f.connectTimeoutMillis
        && requestTimeoutMillis == f.requestTimeoutMillis && maxAttempts == f.maxAttempts
        && backoffMillis == f.backoffMillis && insecureTlsHosts.equals(f.insecureTlsHosts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxRequestsPerHost, connectTimeoutMillis, requestTimeoutMillis, maxAttempts, backoffMillis, insecureTlsHosts);
  }
}
