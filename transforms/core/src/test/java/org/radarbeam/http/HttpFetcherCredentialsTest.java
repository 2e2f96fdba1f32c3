package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.radarbeam.testing.HttpAnswers;
import org.radarbeam.testing.RefusedPort;

/** User info in URLs: sent as HTTP Basic to the URL's own origin only, never shown in messages. */
class HttpFetcherCredentialsTest {
  private static final FetchSettings FETCH = new FetchSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(10), 2,
      Duration.ofMillis(10), Duration.ofMillis(10), "");

  /** A server that passes requests with {@code user:password} as Basic credentials to {@code authorized}, else 401. */
  private static LocalServer requiringBasic(String user, String password, HttpHandler authorized) throws IOException {
    String expected = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return LocalServer.http(ex -> {
      if (expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        authorized.handle(ex);
      } else {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"radar\"");
        HttpAnswers.send(ex, 401, "");
      }
    });
  }

  private static LocalServer requiringBasic(String user, String password) throws IOException {
    return requiringBasic(user, password, ex -> HttpAnswers.send(ex, 200, "radar"));
  }

  private static String withUserInfo(String url, String userInfo) {
    return url.replace("http://", "http://" + userInfo + "@");
  }

  @Test
  void userInfoIsSentAsBasicCredentials() throws Exception {
    try (LocalServer s = requiringBasic("user", "pw")) {
      assertEquals("radar", HttpFetcher.shared(FETCH).get(withUserInfo(s.url("/f"), "user:pw")).text());
      assertEquals(401, HttpFetcher.shared(FETCH).get(s.url("/f")).status());
      assertEquals(401, HttpFetcher.shared(FETCH).get(withUserInfo(s.url("/f"), "user:wrong")).status());
    }
  }

  @Test
  void userAndPasswordArePercentDecoded() throws Exception {
    try (LocalServer s = requiringBasic("radar user", "p@ss:w+rd")) {
      assertEquals(200, HttpFetcher.shared(FETCH).head(withUserInfo(s.url("/f"), "radar%20user:p%40ss:w+rd")).status());
    }
  }

  @Test
  void aFailureDoesNotShowThePassword() throws Exception {
    try (LocalServer s = LocalServer.http(ex -> HttpAnswers.send(ex, 503, ""))) {
      IOException e = assertThrows(IOException.class,
          () -> HttpFetcher.shared(FETCH).get(withUserInfo(s.url("/f"), "user:secret")));
      assertEquals("GET " + withUserInfo(s.url("/f"), "***") + " answered HTTP 503 (after 2 attempts)", e.getMessage());
    }
    try (RefusedPort refusing = new RefusedPort()) {
      int closed = refusing.port();
      IOException refused = assertThrows(IOException.class,
          () -> HttpFetcher.shared(FETCH).get("http://user:secret@127.0.0.1:" + closed + "/f"));
      assertTrue(refused.getMessage().startsWith("GET http://***@127.0.0.1:" + closed + "/f failed: "),
          refused.getMessage());
      assertNoSecret(refused);
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> HttpFetcher.shared(FETCH).get("http://user:secret@127.0.0.1:" + closed + "/a b"));
      assertNoSecret(bad);
    }
  }

  @Test
  void credentialsFollowRedirectsOnTheSameOriginOnly() throws Exception {
    AtomicReference<String> seenElsewhere = new AtomicReference<>("unset");
    try (LocalServer elsewhere = LocalServer.http(ex -> {
      seenElsewhere.set(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      HttpAnswers.send(ex, 200, "elsewhere");
    });
        LocalServer origin = requiringBasicWithRedirects(elsewhere.url("/other"))) {
      HttpFetcher http = HttpFetcher.shared(FETCH);
      assertEquals("radar", http.get(withUserInfo(origin.url("/moved"), "user:pw")).text());
      assertEquals("elsewhere", http.get(withUserInfo(origin.url("/away"), "user:pw")).text());
      assertEquals("null", seenElsewhere.get(), "no credentials for another origin");
    }
  }

  /** requiringBasic, with /moved redirecting to /f on the same server and /away redirecting to {@code away}. */
  private static LocalServer requiringBasicWithRedirects(String away) throws IOException {
    return requiringBasic("user", "pw", ex -> {
      switch (ex.getRequestURI().getPath()) {
        case "/moved" -> redirect(ex, "/f");
        case "/away" -> redirect(ex, away);
        default -> HttpAnswers.send(ex, 200, "radar");
      }
    });
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    HttpAnswers.send(ex, 302, "");
  }

  private static void assertNoSecret(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertFalse(String.valueOf(c.getMessage()).contains("secret"), c.toString());
    }
  }
}
