package org.radarbeam.store;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach an S3-compatible store: endpoint, region, addressing style, timeouts and the retry
 * budget. An immutable value, serialized into DoFns and used as the key of the per-JVM client cache
 * ({@link S3Clients}); what is written with each object is {@link S3WritePolicy}'s.
 *
 * <p>Deliberately holds no credentials: clients take them from the AWS default chain only
 * (environment, Java system properties, profile, web identity, container/instance role).
 *
 * @param endpoint the endpoint override ({@code http(s)://host[:port]}), or null for AWS S3
 * @param callTimeout the most time one S3 call may take, all attempts and backoff included
 * @param caCertsPem PEM certificates the endpoint's chain may lead to besides the default trust store
 *     (--caCerts, as {@link org.radarbeam.http.FetchSettings#caCertsPem()} carries them), "" for none
 */
public record S3Connection(String endpoint, String region, boolean pathStyle, int maxAttempts,
    Duration retryBaseDelay, Duration retryMaxDelay, Duration callTimeout, Duration connectTimeout,
    Duration socketTimeout, String caCertsPem) implements Serializable {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final int DEFAULT_MAX_ATTEMPTS = 6;
  public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(8);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

  public S3Connection {
    caCertsPem = caCertsPem == null ? "" : caCertsPem;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** AWS S3 in us-east-1, virtual-host addressing, default timeouts and retries. */
  public static S3Connection defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.endpoint = endpoint;
    b.region = region;
    b.pathStyle = pathStyle;
    b.maxAttempts = maxAttempts;
    b.retryBaseDelay = retryBaseDelay;
    b.retryMaxDelay = retryMaxDelay;
    b.callTimeout = callTimeout;
    b.connectTimeout = connectTimeout;
    b.socketTimeout = socketTimeout;
    b.caCertsPem = caCertsPem;
    return b;
  }

  /** The endpoint override as a URI, or null for AWS S3. */
  public URI endpointUri() {
    return endpoint == null ? null : URI.create(endpoint);
  }

  /** The endpoint as shown in messages: the override, or AWS's regional endpoint. */
  public String endpointForMessages() {
    return endpoint != null ? endpoint : "https://s3." + region + ".amazonaws.com";
  }

  /** The longest total backoff sleep of one call that fails every attempt. */
  public Duration maxTotalBackoff() {
    long total = 0;
    for (int retry = 1; retry < maxAttempts; retry++) {
      long d = retryBaseDelay.toMillis() << Math.min(retry - 1, 30);
      total += Math.min(d < 0 ? Long.MAX_VALUE : d, retryMaxDelay.toMillis());
    }
    return Duration.ofMillis(total);
  }

  /** The settings as the record shows them, with the size of the PEM text instead of its up to 1 MiB. */
  @Override
  public String toString() {
    return "S3Connection[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
        + ", maxAttempts=" + maxAttempts + ", retryBaseDelay=" + retryBaseDelay + ", retryMaxDelay=" + retryMaxDelay
        + ", callTimeout=" + callTimeout + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout
        + ", caCertsPem=" + caCertsPem.length() + " chars]";
  }

  /** Builds an {@link S3Connection}; every setter validates its argument and says what is wrong. */
  public static final class Builder {
    private String endpoint;
    private String region = DEFAULT_REGION;
    private boolean pathStyle;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
    private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    private String caCertsPem = "";

    private Builder() {}

    /**
     * The endpoint override ({@code http(s)://host[:port]}), or null/blank for AWS S3. A URI with
     * user info is refused so that no secret can hide in it.
     */
    public Builder endpoint(String uri) {
      if (uri == null || uri.isBlank()) {
        this.endpoint = null;
        return this;
      }
      URI u;
      try {
        u = new URI(uri.trim());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("invalid S3 endpoint (expected http(s)://host[:port]): " + e.getInput());
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("invalid S3 endpoint '" + uri + "': expected http(s)://host[:port]");
      }
      if (u.getRawUserInfo() != null) {
        throw new IllegalArgumentException("invalid S3 endpoint: credentials in the URL are not accepted;"
            + " use the AWS default credential chain (environment, profile, web identity)");
      }
      if (u.getHost() == null) {
        throw new IllegalArgumentException("invalid S3 endpoint '" + uri + "': no host");
      }
      if (u.getRawQuery() != null || u.getRawFragment() != null) {
        throw new IllegalArgumentException("invalid S3 endpoint '" + uri + "': no query or fragment allowed");
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      this.endpoint = scheme + "://" + u.getRawAuthority() + path;
      return this;
    }

    public Builder endpoint(URI uri) {
      return endpoint(uri == null ? null : uri.toString());
    }

    public Builder region(String region) {
      if (region == null || region.isBlank()) {
        this.region = DEFAULT_REGION;
        return this;
      }
      String r = region.trim();
      if (!r.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("invalid S3 region '" + region + "' (e.g. us-east-1, eu-central-1, fra1)");
      }
      this.region = r;
      return this;
    }

    /** Path-style addressing ({@code endpoint/bucket/key}), needed by most S3-compatible stores. */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException("S3 maxAttempts must be 1..20, not " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Exponential backoff between attempts, with half jitter: base, 2 x base, ... up to max. */
    public Builder retryBackoff(Duration base, Duration max) {
      if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
        throw new IllegalArgumentException("S3 retry backoff needs 0 < base <= max, not " + base + ".." + max);
      }
      this.retryBaseDelay = base;
      this.retryMaxDelay = max;
      return this;
    }

    /** The most time one S3 call may take, all attempts and backoff included. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive("callTimeout", timeout);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = positive("socketTimeout", timeout);
      return this;
    }

    /**
     * CA certificates (PEM text, checked where it was read) trusted for the endpoint besides the
     * default trust store; null or "" for none.
     */
    public Builder caCerts(String pem) {
      this.caCertsPem = pem == null ? "" : pem;
      return this;
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("S3 " + name + " must be positive, not " + d);
      }
      return d;
    }

    public S3Connection build() {
      return new S3Connection(endpoint, region, pathStyle, maxAttempts, retryBaseDelay, retryMaxDelay, callTimeout,
          connectTimeout, socketTimeout, caCertsPem);
    }
  }
}
