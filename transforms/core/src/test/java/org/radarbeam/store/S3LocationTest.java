package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3Location, S3Connection, S3WritePolicy and the retry rules, without a server. */
class S3LocationTest {

  @Test
  void parsesBucketAndNormalisesThePrefix() {
    S3Location l = S3Location.parse("s3://radar-out/composites/v1/");
    assertEquals("radar-out", l.bucket());
    assertEquals("composites/v1", l.prefix());
    assertEquals("composites/v1/dwd/1700000000.png", l.key("dwd/1700000000.png"));
    assertEquals("composites/v1/dwd/1700000000.png", l.key("/dwd/1700000000.png"));
    assertEquals("composites/v1/dwd/", l.key("dwd/"));
    assertEquals("composites/v1/", l.key(""));
    assertEquals("s3://radar-out/composites/v1", l.toString());
    assertEquals("s3://radar-out/composites/v1/dwd/1.png", l.uri("dwd/1.png"));
    assertEquals("dwd/1.png", l.relativize("composites/v1/dwd/1.png"));
    assertNull(l.relativize("composites/v10/dwd/1.png"));
    assertEquals(l, S3Location.parse("s3://radar-out//composites/v1"));
    assertEquals(S3Location.parse("s3://radar-out/composites/v1/dwd"), l.resolve("dwd/"));
  }

  @Test
  void bucketRootHasAnEmptyPrefix() {
    for (String uri : new String[] {"s3://radar-out", "s3://radar-out/", "s3://radar-out///"}) {
      S3Location l = S3Location.parse(uri);
      assertEquals("", l.prefix(), uri);
      assertEquals("dwd/1.png", l.key("dwd/1.png"));
      assertEquals("", l.key(""));
      assertEquals("s3://radar-out", l.toString());
      assertEquals("x/y", l.relativize("x/y"));
    }
  }

  @Test
  void refusesWhatIsNotABucketOrPrefix() {
    String[] bad = {"radar-out/x", "http://radar-out/x", "s3://", "s3:///x", "s3://ab", "s3://Radar",
        "s3://radar_out", "s3://-radar", "s3://radar-", "s3://ra..dar", "s3://192.168.1.1",
        "s3://" + "a".repeat(64), "s3://radar-out/a//b", "s3://radar-out/a?b", null};
    for (String uri : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Location.parse(uri),
          String.valueOf(uri));
      assertFalse(e.getMessage().contains("\n"));
    }
    assertTrue(S3Location.parse("s3://a.b-c.1/x").bucket().equals("a.b-c.1"));
  }

  @Test
  void settingsValidateAndHoldNoCredentials() {
    S3Connection s = S3Connection.builder()
        .endpoint("http://127.0.0.1:9000/")
        .region("eu-central-1")
        .pathStyle(true)
        .build();
    assertEquals("http://127.0.0.1:9000", s.endpoint());
    assertEquals(s, s.toBuilder().build());
    assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
    assertFalse(s.equals(s.toBuilder().pathStyle(false).build()));
    assertTrue(s.toString().contains("endpoint=http://127.0.0.1:9000"), s.toString());
    assertFalse(s.toString().toLowerCase().contains("secret"), s.toString());

    S3WritePolicy policy = new S3WritePolicy(" public, max-age=300 ", "public-read");
    assertEquals("public, max-age=300", policy.cacheControl());
    assertEquals("public-read", policy.acl());
    assertEquals(S3WritePolicy.NONE, new S3WritePolicy(" ", null));

    S3Connection aws = S3Connection.defaults();
    assertNull(aws.endpoint());
    assertEquals("us-east-1", aws.region());
    assertEquals("https://s3.us-east-1.amazonaws.com", aws.endpointForMessages());
    assertNull(S3WritePolicy.NONE.acl());
    assertNull(S3WritePolicy.NONE.cacheControl());

    assertThrows(IllegalArgumentException.class, () -> new S3WritePolicy(null, "world-writable"));
    assertThrows(IllegalArgumentException.class, () -> S3Connection.builder().endpoint("ftp://x"));
    assertThrows(IllegalArgumentException.class, () -> S3Connection.builder().endpoint("http://ak:sk@host:9000"));
    assertThrows(IllegalArgumentException.class, () -> S3Connection.builder().region("EU Central"));
    assertThrows(IllegalArgumentException.class, () -> new S3WritePolicy("a\r\nX-Evil: 1", null));
    assertThrows(IllegalArgumentException.class, () -> S3Connection.builder().maxAttempts(0));
    assertThrows(IllegalArgumentException.class,
        () -> S3Connection.builder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }

  @Test
  void preflightIsQuick() {
    S3Connection pre = S3Clients.preflight(S3Connection.defaults());
    assertEquals(5, pre.maxAttempts());
    assertTrue(pre.maxTotalBackoff().toMillis() <= 4000, pre.toString());
    assertTrue(pre.callTimeout().toSeconds() <= 15, pre.toString());
  }

  @Test
  void retriesServerErrorsThrottlingAndNetworkErrorsButNo4xx() {
    assertTrue(S3Clients.isRetryable(s3Error(500, "InternalError")));
    assertTrue(S3Clients.isRetryable(s3Error(503, "SlowDown")));
    // what the store does not implement stays so
    assertFalse(S3Clients.isRetryable(s3Error(501, "NotImplemented")));
    assertFalse(S3Clients.isRetryable(s3Error(505, null)));
    assertTrue(S3Clients.isThrottling(s3Error(503, "SlowDown")));
    assertTrue(S3Clients.isRetryable(s3Error(429, null)));
    assertTrue(S3Clients.isRetryable(s3Error(400, "RequestTimeout")));
    assertTrue(S3Clients.isRetryable(SdkClientException.create("x", new ConnectException("Connection refused"))));
    assertTrue(S3Clients.isRetryable(SdkClientException.create("x", new java.net.SocketTimeoutException("Read timed out"))));

    assertFalse(S3Clients.isRetryable(s3Error(403, "SignatureDoesNotMatch")));
    assertFalse(S3Clients.isRetryable(s3Error(403, "InvalidAccessKeyId")));
    assertFalse(S3Clients.isRetryable(s3Error(403, "AccessDenied")));
    assertFalse(S3Clients.isRetryable(s3Error(404, "NoSuchBucket")));
    assertFalse(S3Clients.isRetryable(s3Error(400, "InvalidDigest")));
    assertFalse(S3Clients.isRetryable(SdkClientException.create("Unable to load credentials from any of the providers")));
  }

  @Test
  void failureMessagesAreOneClearLine() {
    S3Connection s = S3Connection.builder().endpoint("http://127.0.0.1:9").build();
    IOException refused = S3Failures.translate(s, "radar-out", "PUT", "s3://radar-out/k.png",
        SdkClientException.create("Unable to execute HTTP request: Connection refused", new ConnectException("Connection refused")));
    assertEquals("cannot reach S3 endpoint http://127.0.0.1:9: connection refused (PUT s3://radar-out/k.png)",
        refused.getMessage());
    assertEquals("S3 bucket 'radar-out' does not exist at http://127.0.0.1:9",
        S3Failures.translate(s, "radar-out", "LIST", null, s3Error(404, "NoSuchBucket")).getMessage());
    assertTrue(S3Failures.translate(s, "radar-out", "PUT", "s3://radar-out/k.png", s3Error(403, "AccessDenied"))
        .getMessage().startsWith("S3 access denied (403 AccessDenied) for PUT s3://radar-out/k.png"));
    assertTrue(S3Failures.translate(s, "radar-out", "GET", "s3://radar-out/k.png", s3Error(404, "NoSuchKey"))
        instanceof java.io.FileNotFoundException);
  }

  private static S3Exception s3Error(int status, String code) {
    return (S3Exception) S3Exception.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build())
        .message("m")
        .build();
  }
}
