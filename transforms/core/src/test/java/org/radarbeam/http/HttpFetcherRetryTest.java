package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.radarbeam.testing.HttpAnswers;

/** Retries against a local server: 429 and 503 with Retry-After, the cap on every wait, other 4xx final. */
class HttpFetcherRetryTest {
  /** Three attempts, short backoff, a cap of 5 s. */
  private static final FetchSettings FETCH = new FetchSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(10), 3,
      Duration.ofMillis(10), Duration.ofSeconds(5), "");

  /** A handler that answers the first {@code busy} requests with {@code status} and Retry-After, then 200 "radar". */
  private static LocalServer busyFor(int busy, int status, String retryAfter) throws IOException {
    AtomicInteger n = new AtomicInteger();
    return LocalServer.http(ex -> answer(ex, n.incrementAndGet() <= busy, status, retryAfter));
  }

  private static void answer(HttpExchange ex, boolean busy, int status, String retryAfter) throws IOException {
    if (!busy) {
      HttpAnswers.send(ex, 200, "radar");
      return;
    }
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    HttpAnswers.send(ex, status, "slow down");
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterSeconds() throws Exception {
    try (LocalServer s = busyFor(1, 429, "1")) {
      long t0 = System.nanoTime();
      HttpResult r = HttpFetcher.shared(FETCH).get(s.url("/f"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("radar", r.text());
      assertEquals(2, s.requests());
      assertTrue(ms >= 1000, ms + " ms");
    }
  }

  @Test
  void a503IsRetriedAtItsRetryAfterDate() throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (LocalServer s = LocalServer.http(ex -> answer(ex, n.incrementAndGet() == 1, 503,
        DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(2).atOffset(ZoneOffset.UTC))))) {
      long t0 = System.nanoTime();
      HttpResult r = HttpFetcher.shared(FETCH).get(s.url("/f"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("radar", r.text());
      // the date has whole seconds: two seconds from the answer, truncated, is more than one second away
      assertTrue(ms >= 1000 && ms < 10_000, ms + " ms");
    }
  }

  @Test
  void anAbsurdRetryAfterWaitsTheCap() throws Exception {
    FetchSettings capped = new FetchSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofMillis(10),
        Duration.ofMillis(300), "");
    try (LocalServer s = busyFor(2, 429, "86400")) {
      long t0 = System.nanoTime();
      HttpResult r = HttpFetcher.shared(capped).get(s.url("/f"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("radar", r.text());
      assertEquals(3, s.requests());
      assertTrue(ms >= 600 && ms < 10_000, ms + " ms: the cap (300 ms), not a day");
    }
  }

  @Test
  void a429OnTheLastAttemptFailsTheRequest() throws Exception {
    try (LocalServer s = busyFor(Integer.MAX_VALUE, 429, null)) {
      IOException e = assertThrows(IOException.class, () -> HttpFetcher.shared(FETCH).head(s.url("/f")));
      assertEquals("HEAD " + s.url("/f") + " answered HTTP 429 (after 3 attempts)", e.getMessage());
      assertEquals(3, s.requests());
    }
  }

  @Test
  void otherClientErrorsAreFinal() throws Exception {
    try (LocalServer s = busyFor(Integer.MAX_VALUE, 404, "1")) {
      HttpResult r = HttpFetcher.shared(FETCH).get(s.url("/f"));
      assertEquals(404, r.status());
      assertEquals("slow down", r.text());
      assertEquals(1, s.requests());
    }
  }

  /** 501 and 505 say the server will not do it: asked once. 408 and 502 are asked again, as 503 is. */
  @Test
  void notImplementedIsFinalAndARequestTimeoutIsRetried() throws Exception {
    for (int status : new int[] {501, 505}) {
      try (LocalServer s = busyFor(Integer.MAX_VALUE, status, null)) {
        assertEquals(status, HttpFetcher.shared(FETCH).head(s.url("/f")).status());
        assertEquals(1, s.requests(), status + " asked once");
      }
    }
    for (int status : new int[] {408, 502}) {
      try (LocalServer s = busyFor(1, status, null)) {
        assertEquals(200, HttpFetcher.shared(FETCH).head(s.url("/f")).status());
        assertEquals(2, s.requests(), status + " asked again");
      }
    }
  }
}
