package org.radarbeam.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.radarbeam.http.ExtraCaTrust;
import org.radarbeam.http.RetriedStatus;
import org.radarbeam.io.DaemonTimer;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * One {@link S3Client} per JVM and {@link S3Connection}. DoFns are serialized, so stores hold
 * settings and ask here for the client lazily; every DoFn instance in a worker JVM then shares one
 * client (and its connection pool).
 *
 * <p>Clients use the URL-connection HTTP client, the AWS default credential chain, checksums only
 * where an operation requires them (S3-compatible stores such as S3Proxy, MinIO or Ceph do not all
 * understand the newer flexible checksums) and a retry strategy that retries connection errors
 * (also those the URL-connection client throws unchecked: {@link CheckedIoHttpClient}), timeouts,
 * throttling and 5xx with exponential backoff and half jitter, but never another 4xx nor a
 * certificate the client does not trust. The endpoint's chain may lead to the default trust store or
 * to the CAs of {@link S3Connection#caCertsPem()} (--caCerts).
 */
public final class S3Clients {
  /** Throttling error codes of S3 and S3-compatible stores (any status). */
  private static final Set<String> THROTTLING_CODES = Set.of(
      "SlowDown", "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled",
      "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
      "BandwidthLimitExceeded", "ProvisionedThroughputExceededException", "EC2ThrottledException",
      "TransactionInProgressException", "PriorRequestNotComplete");

  /** Transient error codes that come with a 4xx status but are worth another attempt. */
  private static final Set<String> TRANSIENT_CODES = Set.of("RequestTimeout", "RequestTimeoutException");

  private static final Map<S3Connection, S3Client> CLIENTS = new ConcurrentHashMap<>();
  /**
   * The timer of every client's call timeouts (see {@link DaemonTimer}). The SDK's own, one per client and
   * never ended (clients are shared, not closed), would keep a thread for good.
   */
  private static final ScheduledExecutorService TIMEOUTS = DaemonTimer.create("radarbeam-s3-timeouts");

  private S3Clients() {}

  /** The shared client for {@code settings}, created on first use. */
  public static S3Client get(S3Connection settings) {
    return CLIENTS.computeIfAbsent(settings, S3Clients::create);
  }

  /**
   * The settings used for a preflight check: at most five attempts with short pauses and a short
   * total budget, so an unreachable or misconfigured store is reported within seconds.
   */
  public static S3Connection preflight(S3Connection settings) {
    // a brief blip (a few 5xx, a refused connection) is ridden out; a store that is down or
    // refuses the credentials fails within seconds
    Duration base = min(settings.retryBaseDelay(), Duration.ofMillis(250));
    return settings.toBuilder()
        .maxAttempts(Math.min(settings.maxAttempts(), 5))
        .retryBackoff(base, min(settings.retryBaseDelay().multipliedBy(4), Duration.ofSeconds(1)))
        .callTimeout(min(settings.callTimeout(), Duration.ofSeconds(15)))
        .socketTimeout(min(settings.socketTimeout(), Duration.ofSeconds(10)))
        .build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** A new client for {@code settings}; callers normally want {@link #get}. */
  public static S3Client create(S3Connection settings) {
    return builder(settings).credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
  }

  /** A client builder for {@code settings} as described above, credentials still to be given. */
  static S3ClientBuilder builder(S3Connection settings) {
    UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
        .connectionTimeout(settings.connectTimeout())
        .socketTimeout(settings.socketTimeout());
    if (!settings.caCertsPem().isEmpty()) {
      // --caCerts as for the provider downloads: an in-cluster store behind a private CA is then
      // reached without replacing the JVM's trust store
      TrustManager[] trust = {trustManager(settings.caCertsPem())};
      http.tlsTrustManagersProvider(() -> trust);
    }
    S3ClientBuilder b = S3Client.builder()
        .region(Region.of(settings.region()))
        .httpClientBuilder(CheckedIoHttpClient.wrapping(http))
        .forcePathStyle(settings.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(retryStrategy(settings))
            .apiCallTimeout(settings.callTimeout())
            .scheduledExecutorService(TIMEOUTS)
            .build());
    if (settings.endpointUri() != null) {
      b.endpointOverride(settings.endpointUri());
    }
    return b;
  }

  private static X509ExtendedTrustManager trustManager(String pem) {
    try {
      return ExtraCaTrust.trustManager(pem);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the extra CA certificates cannot be used: " + e.getMessage(), e);
    }
  }

  /** The retry strategy of {@code settings}; see the class comment for what is retried. */
  public static RetryStrategy retryStrategy(S3Connection settings) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelayHalfJitter(
        settings.retryBaseDelay(), settings.retryMaxDelay());
    // throttling waits longer before trying again (twice the base), within the same max
    Duration throttleBase = settings.retryBaseDelay().multipliedBy(2);
    if (throttleBase.compareTo(settings.retryMaxDelay()) > 0) {
      throttleBase = settings.retryMaxDelay();
    }
    return StandardRetryStrategy.builder()
        .maxAttempts(settings.maxAttempts())
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(throttleBase, settings.retryMaxDelay()))
        .retryOnException(S3Clients::isRetryable)
        .treatAsThrottling(S3Clients::isThrottling)
        // one shared client per JVM: a long outage must not exhaust a retry token bucket and leave
        // later calls without any retry
        .circuitBreakerEnabled(false)
        .useClientDefaults(false)
        .build();
  }

  /** Whether a failed attempt is worth another one. */
  static boolean isRetryable(Throwable t) {
    if (t instanceof SdkServiceException) {
      SdkServiceException e = (SdkServiceException) t;
      int status = e.statusCode();
      if (RetriedStatus.test(status)) {
        return true;
      }
      String code = errorCode(e);
      return code != null && (THROTTLING_CODES.contains(code) || TRANSIENT_CODES.contains(code));
    }
    if (t instanceof ApiCallAttemptTimeoutException || t instanceof RetryableException) {
      return true;
    }
    if (ExtraCaTrust.untrusted(t)) {
      // an SSLHandshakeException is an IOException, but the same certificate is as untrusted next time
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  static boolean isThrottling(Throwable t) {
    if (!(t instanceof SdkServiceException)) {
      return false;
    }
    SdkServiceException e = (SdkServiceException) t;
    if (e.statusCode() == 429) {
      return true;
    }
    String code = errorCode(e);
    return code != null && THROTTLING_CODES.contains(code);
  }

  static String errorCode(SdkServiceException e) {
    if (e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null) {
      return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }
    return null;
  }
}
