package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * S3 over TLS against S3Proxy serving HTTPS with a certificate of a test CA that no default trust store
 * holds, reached through a relay that counts connections: one per attempt whose handshake fails.
 */
class S3TlsTest {
  @RegisterExtension
  static final S3ProxyServer S3 = S3ProxyServer.overTls();

  private static final String BUCKET = "radar-tls";

  private static CountingRelay relay;
  private static SystemCredentials credentials;

  @BeforeAll
  static void setUp() throws IOException {
    credentials = S3ProxyServer.useTestCredentials();
    relay = new CountingRelay(S3.port());
    S3.createBucket(BUCKET);
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (relay != null) {
      relay.close();
    }
    if (credentials != null) {
      credentials.close();
    }
  }

  @BeforeEach
  void resetCount() {
    relay.resetCount();
  }

  /** The relay's endpoint, six attempts with short pauses: a failure that is retried shows in the count. */
  private static S3Connection.Builder throughRelay() {
    return S3ProxyServer.settingsFor("https://127.0.0.1:" + relay.port()).toBuilder()
        .maxAttempts(6)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void anUntrustedEndpointFailsAtTheFirstAttemptAndSaysToPassItsCa() {
    S3ObjectStore store = S3ObjectStore.create("s3://" + BUCKET + "/untrusted", throughRelay().build(),
        S3WritePolicy.NONE);

    IOException e = assertThrows(IOException.class, () -> store.write("a.txt", new byte[] {1}, "text/plain"));

    assertEquals(1, relay.connections(), "one attempt, not retried: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("S3 endpoint https://127.0.0.1:" + relay.port()
        + ": its certificate is not trusted (PKIX path building failed"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; pass the CA that signed it with --caCerts (PUT s3://" + BUCKET
        + "/untrusted/a.txt)"), e.getMessage());
  }

  @Test
  void withItsCaAWriteIsReadAndListedBack() throws IOException {
    S3Connection trusting = throughRelay().caCerts(S3.caCertsPem()).build();
    S3ObjectStore store = S3ObjectStore.create("s3://" + BUCKET + "/trusted", trusting, S3WritePolicy.NONE);
    byte[] body = "radar".getBytes(StandardCharsets.US_ASCII);

    store.write("dwd/a.txt", body, "text/plain");

    assertArrayEquals(body, store.read("dwd/a.txt"));
    assertArrayEquals(body, S3Archive.readUri(trusting, "s3://" + BUCKET + "/trusted/dwd/a.txt", 1 << 20));
    List<String> keys = new ArrayList<>();
    store.forEachKeyBetween("dwd", "dwd/", "dwd/~", keys::add);
    assertEquals(List.of("dwd/a.txt"), keys);
  }

  /** A trusted certificate for another name is refused, once, without advice that would not help. */
  @Test
  void aCertificateOfAnotherNameIsRefusedWithoutTheCaAdvice() {
    // the certificate names 127.0.0.1 only; localhost resolves there but is another name
    S3Connection other = S3ProxyServer.settingsFor("https://localhost:" + relay.port()).toBuilder().maxAttempts(6)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).caCerts(S3.caCertsPem()).build();
    S3ObjectStore store = S3ObjectStore.create("s3://" + BUCKET + "/other", other, S3WritePolicy.NONE);

    IOException e = assertThrows(IOException.class, () -> store.write("a.txt", new byte[] {1}, "text/plain"));

    assertEquals(1, relay.connections(), "one attempt, not retried: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("S3 endpoint https://localhost:" + relay.port() + ": its certificate was refused ("),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(") (PUT s3://" + BUCKET + "/other/a.txt)"), e.getMessage());
  }

  /**
   * An https endpoint where a plain-HTTP server answers (as nginx answers a TLS hello on its HTTP port: 400 in the
   * clear): each attempt's handshake fails, and the failure says TLS.
   */
  @Test
  void anHttpsEndpointAnsweredInPlainHttpSaysTlsFailed() throws IOException {
    java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        while (!plain.isClosed()) {
          try (java.net.Socket c = plain.accept()) {
            connections.incrementAndGet();
            c.getInputStream().read(new byte[512]); // the client's hello
            c.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            // closed
          }
        }
      }, "plain-http");
      t.setDaemon(true);
      t.start();
      String endpoint = "https://127.0.0.1:" + plain.getLocalPort();
      S3Connection settings = S3ProxyServer.settingsFor(endpoint).toBuilder().maxAttempts(2)
          .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).socketTimeout(Duration.ofSeconds(5)).build();
      IOException e = assertThrows(IOException.class, () -> S3Archive.readUri(settings, "s3://maps/dwd/1.h5", 1 << 20));
      assertEquals("the connection to S3 endpoint " + endpoint + " failed: TLS failed: Unsupported or unrecognized SSL"
          + " message (GET s3://maps/dwd/1.h5 after 2 attempts)", e.getMessage());
      assertEquals(2, connections.get(), "retried: another attempt may reach a server that speaks TLS");
    }
  }

  /** A handshake that fails on the certificate would fail the same way again; other TLS errors may not. */
  @Test
  void onlyCertificateFailuresAreNotRetried() {
    SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed");
    pkix.initCause(new CertificateException(new CertPathValidatorException("no trust anchor")));
    assertFalse(S3Clients.isRetryable(SdkClientException.create("Unable to execute HTTP request", pkix)));
    assertTrue(S3Clients.isRetryable(SdkClientException.create("Unable to execute HTTP request",
        new SSLException("Connection reset"))));
    assertTrue(S3Clients.isRetryable(SdkClientException.create("Unable to execute HTTP request",
        new SSLHandshakeException("Remote host terminated the handshake"))));
  }
}
