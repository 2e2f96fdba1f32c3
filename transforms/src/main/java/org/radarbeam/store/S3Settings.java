package org.radarbeam.store;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * How to reach an S3-compatible store and how to write to it: endpoint, region, addressing style,
 * object headers, timeouts and the retry budget. An immutable value, serialized into DoFns and
 * used as the key of the per-JVM client cache ({@link S3Clients}).
 *
 * <p>Deliberately holds no credentials: clients take them from the AWS default chain only
 * (environment, Java system properties, profile, web identity, container/instance role).
 */
public final class S3Settings implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DEFAULT_REGION = "us-east-1";
  public static final int DEFAULT_MAX_ATTEMPTS = 6;
  public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(8);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

  private final String endpoint;
  private final String region;
  private final boolean pathStyle;
  private final String cacheControl;
  private final String acl;
  private final int maxAttempts;
  private final long retryBaseDelayMillis;
  private final long retryMaxDelayMillis;
  private final long callTimeoutMillis;
  private final long connectTimeoutMillis;
  private final long socketTimeoutMillis;

  private S3Settings(Builder b) {
    this.endpoint = b.endpoint;
    this.region = b.region;
    this.pathStyle = b.pathStyle;
    this.cacheControl = b.cacheControl;
    this.acl = b.acl;
    this.maxAttempts = b.maxAttempts;
    this.retryBaseDelayMillis = b.retryBaseDelayMillis;
    this.retryMaxDelayMillis = b.retryMaxDelayMillis;
    this.callTimeoutMillis = b.callTimeoutMillis;
    this.connectTimeoutMillis = b.connectTimeoutMillis;
    this.socketTimeoutMillis = b.socketTimeoutMillis;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** AWS S3 in us-east-1, virtual-host addressing, default timeouts and retries. */
  public static S3Settings defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.endpoint = endpoint;
    b.region = region;
    b.pathStyle = pathStyle;
    b.cacheControl = cacheControl;
    b.acl = acl;
    b.maxAttempts = maxAttempts;
    b.retryBaseDelayMillis = retryBaseDelayMillis;
    b.retryMaxDelayMillis = retryMaxDelayMillis;
    b.callTimeoutMillis = callTimeoutMillis;
    b.connectTimeoutMillis = connectTimeoutMillis;
    b.socketTimeoutMillis = socketTimeoutMillis;
    return b;
  }

  /** The endpoint override, or null for AWS S3. */
  public URI endpoint() {
    return endpoint == null ? null : URI.create(endpoint);
  }

  /** The endpoint as shown in messages: the override, or AWS's regional endpoint. */
  public String endpointForMessages() {
    return endpoint != null ? endpoint : "https://s3." + region + ".amazonaws.com";
  }

  public String region() {
    return region;
  }

  public boolean pathStyle() {
    return pathStyle;
  }

  /** The Cache-Control header written with every object, or null. */
  public String cacheControl() {
    return cacheControl;
  }

  /** The canned ACL (e.g. {@code public-read}) written with every object, or null. */
  public String acl() {
    return acl;
  }

  /** Attempts per S3 call, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration retryBaseDelay() {
    return Duration.ofMillis(retryBaseDelayMillis);
  }

  public Duration retryMaxDelay() {
    return Duration.ofMillis(retryMaxDelayMillis);
  }

  /** The most time one S3 call may take, all attempts and backoff included (the retry budget). */
  public Duration callTimeout() {
    return Duration.ofMillis(callTimeoutMillis);
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(connectTimeoutMillis);
  }

  public Duration socketTimeout() {
    return Duration.ofMillis(socketTimeoutMillis);
  }

  /** The longest total backoff sleep of one call that fails every attempt. */
  public Duration maxTotalBackoff() {
    long total = 0;
    for (int retry = 1; retry < maxAttempts; retry++) {
      long d = retryBaseDelayMillis << Math.min(retry - 1, 30);
      total += Math.min(d < 0 ? Long.MAX_VALUE : d, retryMaxDelayMillis);
    }
    return Duration.ofMillis(total);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof S3Settings)) {
      return false;
    }
    S3Settings s = (S3Settings) o;
    return Objects.equals(endpoint, s.endpoint)
        && region.equals(s.region)
        && pathStyle == s.pathStyle
        && Objects.equals(cacheControl, s.cacheControl)
        && Objects.equals(acl, s.acl)
        && maxAttempts == s.maxAttempts
        && retryBaseDelayMillis == s.retryBaseDelayMillis
        && retryMaxDelayMillis == s.retryMaxDelayMillis
        && callTimeoutMillis == s.callTimeoutMillis
        && connectTimeoutMillis == s.connectTimeoutMillis
        && socketTimeoutMillis == s.socketTimeoutMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, region, pathStyle, cacheControl, acl, maxAttempts,
        retryBaseDelayMillis, retryMaxDelayMillis, callTimeoutMillis, connectTimeoutMillis,
        socketTimeoutMillis);
  }

  /** Everything but credentials, which settings never hold. */
  @Override
  public String toString() {
    return "S3Settings{endpoint=" + endpointForMessages()
        + ", region=" + region
        + ", pathStyle=" + pathStyle
        + (cacheControl != null ? ", cacheControl=" + cacheControl : "")
        + (acl != null ? ", acl=" + acl : "")
        + ", maxAttempts=" + maxAttempts
        + ", backoff=" + retryBaseDelayMillis + ".." + retryMaxDelayMillis + "ms"
        + ", callTimeout=" + callTimeoutMillis + "ms"
        + ", connectTimeout=" + connectTimeoutMillis + "ms"
        + ", socketTimeout=" + socketTimeoutMillis + "ms}";
  }

  /** Builds {@link S3Settings}; every setter validates its argument and says what is wrong. */
  public static final class Builder {
    private String endpoint;
    private String region = DEFAULT_REGION;
    private boolean pathStyle;
    private String cacheControl;
    private String acl;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private long retryBaseDelayMillis = DEFAULT_RETRY_BASE_DELAY.toMillis();
    private long retryMaxDelayMillis = DEFAULT_RETRY_MAX_DELAY.toMillis();
    private long callTimeoutMillis = DEFAULT_CALL_TIMEOUT.toMillis();
    private long connectTimeoutMillis = DEFAULT_CONNECT_TIMEOUT.toMillis();
    private long socketTimeoutMillis = DEFAULT_SOCKET_TIMEOUT.toMillis();

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

    /** Cache-Control for every object written, e.g. {@code public, max-age=300}; null for none. */
    public Builder cacheControl(String cacheControl) {
      if (cacheControl == null || cacheControl.isBlank()) {
        this.cacheControl = null;
        return this;
      }
      String c = cacheControl.trim();
      for (int i = 0; i < c.length(); i++) {
        char ch = c.charAt(i);
        if (ch < 0x20 || ch >= 0x7f) {
          throw new IllegalArgumentException("invalid Cache-Control '" + c + "': printable ASCII only");
        }
      }
      this.cacheControl = c;
      return this;
    }

    /** A canned ACL for every object written (private, public-read, ...); null for none. */
    public Builder acl(String acl) {
      if (acl == null || acl.isBlank()) {
        this.acl = null;
        return this;
      }
      String a = acl.trim();
      if (ObjectCannedACL.fromValue(a) == ObjectCannedACL.UNKNOWN_TO_SDK_VERSION) {
        throw new IllegalArgumentException("invalid S3 canned ACL '" + a + "'; one of "
            + ObjectCannedACL.knownValues());
      }
      this.acl = a;
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
      this.retryBaseDelayMillis = base.toMillis();
      this.retryMaxDelayMillis = max.toMillis();
      return this;
    }

    /** The most time one S3 call may take, all attempts and backoff included. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeoutMillis = positive("callTimeout", timeout);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeoutMillis = positive("connectTimeout", timeout);
      return this;
    }

    public Builder socketTimeout(Duration timeout) {
      this.socketTimeoutMillis = positive("socketTimeout", timeout);
      return this;
    }

    private static long positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("S3 " + name + " must be positive, not " + d);
      }
      return d.toMillis();
    }

    public S3Settings build() {
      return new S3Settings(this);
    }
  }
}
