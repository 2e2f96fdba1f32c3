package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.radarbeam.source.RawProvider;
import org.radarbeam.testing.HttpAnswers;

/**
 * The deadline of a request attempt covers the body too, and a host whose request timed out after
 * its attempts is given up for the rest of the run: against raw sockets on 127.0.0.1 that hang or
 * drip. Elapsed times are asserted only where the deadline is the behaviour under test.
 */
class HttpFetcherDeadlineTest {

  /** {@code attempts} attempts of {@code timeout} each, short backoff, in a run of its own. */
  private static HttpFetcher fetcher(int perHost, Duration timeout, int attempts) {
    return HttpFetcher.shared(new FetchSettings(perHost, Duration.ofSeconds(2), timeout, attempts, Duration.ofMillis(10),
        Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString()));
  }

  @Test
  void aDrippingBodyFailsWhenTheDeadlinePasses() throws Exception {
    try (RawProvider drip = RawProvider.dripping(Map.of())) {
      HttpFetcher http = fetcher(2, Duration.ofSeconds(2), 1);
      long t0 = System.nanoTime();
      IOException e = assertThrows(IOException.class, () -> http.get(drip.url("/dmax/frame-hd5")));
      double s = (System.nanoTime() - t0) / 1e9;
      assertTrue(e.getMessage().contains("GET " + drip.url("/dmax/frame-hd5") + " failed: timed out: no complete answer"
          + " within 2 s"), e.getMessage());
      // the headers came at once: only the deadline on the body ends the read
      assertTrue(s >= 1.9 && s < 10, s + " s");
      assertEquals(1, drip.connections());
    }
  }

  @Test
  void aBodySentSlowlyButWithinTheDeadlineIsReadWhole() throws Exception {
    try (LocalServer s = LocalServer.http(ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.sendResponseHeaders(200, 3);
      try (OutputStream o = ex.getResponseBody()) {
        for (int i = 0; i < 3; i++) {
          o.write('a' + i);
          o.flush();
          sleep(200);
        }
      }
    })) {
      assertEquals("abc", fetcher(2, Duration.ofSeconds(10), 1).get(s.url("/f")).text());
    }
  }

  @Test
  void aBlackHoleIsGivenUpAfterItsAttemptsAndNotAskedAgain() throws Exception {
    try (RawProvider hole = RawProvider.blackHole()) {
      HttpFetcher http = fetcher(2, Duration.ofSeconds(1), 2);
      ProviderUnavailableException first = assertThrows(ProviderUnavailableException.class,
          () -> http.get(hole.url("/dmax/")));
      assertTrue(first.getMessage().contains("timed out: no complete answer within 1 s (after 2 attempts); provider"
          + " unavailable for the rest of this run"), first.getMessage());
      assertEquals(2, hole.connections(), "one connection per attempt");

      ProviderUnavailableException later = assertThrows(ProviderUnavailableException.class,
          () -> http.head(hole.url("/T_PABV23_C_OKPR_20251117150500.hdf")));
      assertTrue(later.getMessage().startsWith("HEAD " + hole.url("/T_PABV23_C_OKPR_20251117150500.hdf")
          + ": provider unavailable (an earlier request to 127.0.0.1:"), later.getMessage());
      assertEquals(2, hole.connections(), "a host given up on is not asked again");
    }
  }

  @Test
  void requestsWaitingForASlotFailAtOnceWhenTheHostIsGivenUp() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (RawProvider hole = RawProvider.blackHole()) {
      HttpFetcher http = fetcher(1, Duration.ofSeconds(1), 1);
      List<Future<HttpResult>> requests = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String url = hole.url("/f" + i);
        requests.add(pool.submit(() -> http.head(url)));
      }
      for (Future<HttpResult> f : requests) {
        Throwable e = assertThrows(java.util.concurrent.ExecutionException.class, f::get).getCause();
        assertTrue(e instanceof ProviderUnavailableException, String.valueOf(e));
      }
      assertEquals(1, hole.connections(), "only the request that held the host's one slot was sent");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anotherRunStillAsksAHostThisRunGaveUp() throws Exception {
    try (RawProvider hole = RawProvider.blackHole()) {
      assertThrows(ProviderUnavailableException.class, () -> fetcher(2, Duration.ofMillis(500), 1).get(hole.url("/a")));
      assertThrows(ProviderUnavailableException.class, () -> fetcher(2, Duration.ofMillis(500), 1).get(hole.url("/a")));
      assertEquals(2, hole.connections());
    }
  }

  @Test
  void aServerErrorOrARefusedConnectionDoesNotGiveTheHostUp() throws Exception {
    try (LocalServer s = LocalServer.http(ex -> HttpAnswers.send(ex, 500, "boom"))) {
      HttpFetcher http = fetcher(2, Duration.ofSeconds(2), 2);
      IOException e = assertThrows(IOException.class, () -> http.get(s.url("/f")));
      assertFalse(e instanceof ProviderUnavailableException, e.getMessage());
      assertThrows(IOException.class, () -> http.get(s.url("/f")));
      assertEquals(4, s.requests(), "both requests sent both attempts");
    }
    HttpFetcher http = fetcher(2, Duration.ofSeconds(2), 1);
    IOException refused = assertThrows(IOException.class, () -> http.get("http://127.0.0.1:1/f"));
    assertFalse(refused instanceof ProviderUnavailableException, refused.getMessage());
  }

  /**
   * A host that answers errors, each after more than half the deadline, would hold a worker for a
   * deadline per attempt of every request: the third such answer gives it up for the run.
   */
  @Test
  void aHostThatAnswersErrorsSlowlyIsGivenUpAtItsThirdSlowError() throws Exception {
    try (LocalServer s = LocalServer.http(ex -> {
      sleep(1300); // more than half the deadline, with room to spare on a loaded machine
      HttpAnswers.send(ex, 503, "busy");
    })) {
      HttpFetcher http = fetcher(2, Duration.ofSeconds(2), 4);
      ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> http.get(s.url("/a")));
      assertTrue(e.getMessage().startsWith("GET " + s.url("/a") + " answered HTTP 503 after "), e.getMessage());
      assertEquals(3, s.requests(), "given up at the third slow answer, before the fourth attempt");
      assertThrows(ProviderUnavailableException.class, () -> http.get(s.url("/b")));
      assertEquals(3, s.requests(), "not asked again in this run");
    }
  }

  /** Slow errors between answers are passing trouble: only three in a row give a host up. */
  @Test
  void slowErrorsBetweenAnswersDoNotGiveTheHostUp() throws Exception {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    try (LocalServer s = LocalServer.http(ex -> {
      if (n.incrementAndGet() % 3 != 0) { // two slow errors, then an answer, again and again
        sleep(1300);
        HttpAnswers.send(ex, 503, "busy");
      } else {
        HttpAnswers.send(ex, 200, "frame");
      }
    })) {
      HttpFetcher http = fetcher(1, Duration.ofSeconds(2), 4);
      for (String f : new String[] {"/a", "/b"}) {
        assertEquals("frame", http.get(s.url(f)).text());
      }
      assertEquals(6, s.requests());
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
