package org.radarbeam.http;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * How provider servers are reached: limits, timeouts and the retry budget.
 *
 * @param insecureTlsHosts hosts whose TLS certificates are not verified (a provider with a broken chain)
 */
public record FetchSettings(int maxRequestsPerHost, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
    Duration backoff, Set<String> insecureTlsHosts) implements Serializable {

  public FetchSettings {
    insecureTlsHosts = Set.copyOf(insecureTlsHosts);
  }

  public static FetchSettings defaults() {
    return new FetchSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(30), 4, Duration.ofMillis(500), Set.of());
  }
}
