package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radarbeam.http.TestPki.Issued;
import org.radarbeam.testing.HttpAnswers;

/**
 * TLS of provider requests, against HTTPS servers on 127.0.0.1 with certificates made here: the
 * JDK's default trust plus extra CAs, hostname verification, incomplete chains completed from AIA,
 * and redirects verified like the first request.
 */
class HttpFetcherTlsTest {
  /** One attempt: a refused handshake fails at once. */
  private static final FetchSettings DEFAULT_TRUST = new FetchSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(10), 1,
      Duration.ofMillis(10), Duration.ofMillis(10), "");

  private static Issued root;
  private static Issued intermediate;
  private static FetchSettings trustingRoot;

  @BeforeAll
  static void pki() throws Exception {
    root = TestPki.rootCa("radarbeam test root");
    intermediate = TestPki.intermediateCa("radarbeam test intermediate", root);
    trustingRoot = DEFAULT_TRUST.withCaCerts(TestPki.pem(root.cert()));
  }

  @Test
  void aSelfSignedServerIsRefused() throws Exception {
    Issued self = TestPki.server(null);
    try (LocalServer s = LocalServer.https(TestPki.serverContext(self), ex -> HttpAnswers.send(ex, 200, "secret"))) {
      IOException e = assertThrows(IOException.class, () -> HttpFetcher.shared(trustingRoot).get(s.url("/f")));
      assertTrue(e.getMessage().startsWith("GET " + s.url("/f") + " failed: the server's certificate is not trusted"
          + " (SSLHandshakeException"), e.getMessage());
      assertTrue(!e.getMessage().contains("attempts"), "a certificate is not retried: " + e.getMessage());
      assertEquals(0, s.requests(), "no request is sent over an unverified connection");
    }
  }

  @Test
  void aChainToAnExtraCaIsAcceptedAndOnlyWithIt() throws Exception {
    Issued leaf = TestPki.server(intermediate);
    try (LocalServer s = LocalServer.https(TestPki.serverContext(leaf, intermediate.cert()),
        ex -> HttpAnswers.send(ex, 200, "radar"))) {
      HttpResult r = HttpFetcher.shared(trustingRoot).get(s.url("/f"));
      assertEquals(200, r.status());
      assertEquals("radar", r.text());
      assertThrows(IOException.class, () -> HttpFetcher.shared(DEFAULT_TRUST).get(s.url("/f")));
    }
  }

  @Test
  void theHostNameIsVerifiedWithExtraCasToo() throws Exception {
    Issued otherHost = TestPki.server(intermediate, "127.0.0.2", null);
    try (LocalServer s = LocalServer.https(TestPki.serverContext(otherHost, intermediate.cert()),
        ex -> HttpAnswers.send(ex, 200, "radar"))) {
      IOException e = assertThrows(IOException.class, () -> HttpFetcher.shared(trustingRoot).get(s.url("/f")));
      assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
      assertEquals(0, s.requests());
    }
  }

  @Test
  void aMissingIntermediateIsFetchedFromTheCertificatesAiaUrl() throws Exception {
    byte[] der = intermediate.cert().getEncoded();
    try (LocalServer aia = LocalServer.http(ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/pkix-cert");
      ex.sendResponseHeaders(200, der.length);
      ex.getResponseBody().write(der);
    })) {
      Issued leaf = TestPki.server(intermediate, "127.0.0.1", aia.url("/intermediate.cer"));
      // the server presents its own certificate only, as SHMU's does
      try (LocalServer s = LocalServer.https(TestPki.serverContext(leaf), ex -> HttpAnswers.send(ex, 200, "radar"))) {
        HttpResult r = HttpFetcher.shared(trustingRoot).get(s.url("/f"));
        assertEquals("radar", r.text());
        assertTrue(aia.requests() >= 1, "the intermediate came from the AIA URL");
      }
    }
    assertEquals("true", System.getProperty(HttpFetcher.AIA_PROPERTY));
  }

  @Test
  void aRedirectToAnUntrustedServerIsRefused() throws Exception {
    Issued self = TestPki.server(null);
    Issued leaf = TestPki.server(intermediate);
    try (LocalServer untrusted = LocalServer.https(TestPki.serverContext(self), ex -> HttpAnswers.send(ex, 200, "x"));
        LocalServer trusted = LocalServer.https(TestPki.serverContext(leaf, intermediate.cert()), ex -> {
          ex.getResponseHeaders().set("Location", untrusted.url("/elsewhere"));
          HttpAnswers.send(ex, 302, "");
        })) {
      IOException e = assertThrows(IOException.class, () -> HttpFetcher.shared(trustingRoot).get(trusted.url("/f")));
      assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
      assertEquals(1, trusted.requests());
      assertEquals(0, untrusted.requests());
    }
  }
}
