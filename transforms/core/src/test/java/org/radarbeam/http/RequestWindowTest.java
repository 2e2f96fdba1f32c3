package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radarbeam.http.HttpFetcherDeadlineTest.sleep;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A run bounded in time sends no request past the end of its request window: requests then fail at
 * once with a {@link TimeUpException}, also those waiting for a host's slot or for a retry, while an
 * attempt started before the end runs to its own deadline. Against a server on 127.0.0.1.
 */
class RequestWindowTest {

  private static HttpFetcher fetcher(int perHost, int attempts, Duration backoff, Instant until) {
    return HttpFetcher.shared(new FetchSettings(perHost, Duration.ofSeconds(2), Duration.ofSeconds(10), attempts, backoff,
        backoff, "").forRun(UUID.randomUUID().toString()).requestsUntil(until));
  }

  /** A server that answers every request with {@code status} and no body, counting them in {@code requests}. */
  private static LocalServer answering(int status, AtomicInteger requests) throws IOException {
    return LocalServer.http(ex -> {
      requests.incrementAndGet();
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
  }

  @Test
  void theWindowLeavesOneAttemptAndAReserveBeforeTheBoundAndAtLeastTwoThirdsOfIt() {
    // the CronJob's PT4M and PT30S: 240 s less 30 s and 30 s (an eighth, at most 30 s)
    assertEquals(Duration.ofSeconds(180), FetchSettings.requestWindow(Duration.ofMinutes(4), Duration.ofSeconds(30)));
    // an hour: 3600 s less 60 s and the 30 s reserve
    assertEquals(Duration.ofSeconds(3510), FetchSettings.requestWindow(Duration.ofHours(1), Duration.ofSeconds(60)));
    // a deadline as long as the bound: two thirds of it
    assertEquals(Duration.ofSeconds(80), FetchSettings.requestWindow(Duration.ofMinutes(2), Duration.ofMinutes(2)));
  }

  @Test
  void noRequestIsSentOnceTheWindowHasEnded() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (LocalServer s = answering(200, requests)) {
      HttpFetcher http = fetcher(2, 3, Duration.ofMillis(10), Instant.now().minusMillis(1));
      TimeUpException e = assertThrows(TimeUpException.class, () -> http.get(s.url("/dmax/frame-hd5")));
      assertTrue(e.getMessage().startsWith("GET " + s.url("/dmax/frame-hd5") + ": not sent, the run's time for requests"
          + " is up"), e.getMessage());
      assertEquals(0, requests.get());
    }
  }

  @Test
  void anAttemptStartedInTheWindowEndsNormallyAndTheRequestsWaitingForItsSlotAreNotSent() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (LocalServer s = LocalServer.http(ex -> {
      requests.incrementAndGet();
      sleep(1500); // past the window's end
      ex.sendResponseHeaders(200, 2);
      try (OutputStream o = ex.getResponseBody()) {
        o.write("ok".getBytes());
      }
    })) {
      HttpFetcher http = fetcher(1, 1, Duration.ofMillis(10), Instant.now().plusMillis(700));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<String> first = pool.submit(() -> http.get(s.url("/a")).text());
        sleep(200);
        long t0 = System.nanoTime();
        Future<?> second = pool.submit(() -> http.get(s.url("/b")));
        Exception e = assertThrows(Exception.class, second::get);
        double waited = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getCause() instanceof TimeUpException, e.toString());
        assertTrue(waited < 1.2, "the waiting request ends with the window, not with the slot: " + waited + " s");
        assertEquals("ok", first.get());
        assertEquals(1, requests.get());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aRetryThatWouldWaitPastTheWindowIsNotMade() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (LocalServer s = answering(503, requests)) {
      HttpFetcher http = fetcher(2, 3, Duration.ofSeconds(5), Instant.now().plusSeconds(2));
      long t0 = System.nanoTime();
      assertThrows(TimeUpException.class, () -> http.get(s.url("/a")));
      assertTrue((System.nanoTime() - t0) / 1e9 < 1.5, "no 5 s wait for a retry the window has no room for");
      assertEquals(1, requests.get());
    }
  }
}
