package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.io.ReusableBuffer;

/**
 * Answers the JDK's client refuses with an IllegalArgumentException rather than an IOException: a
 * Content-Length that is not a number, a redirect to a port that cannot exist. They fail the request
 * as an I/O failure, after its retries, with the credentials of its URL hidden.
 */
class HttpFetcherMalformedTest {
  private static final FetchSettings FETCH = new FetchSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(5), 2,
      Duration.ofMillis(10), Duration.ofMillis(50), "");

  @ParameterizedTest
  @ValueSource(strings = {
      "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\nConnection: close\r\n\r\nhello",
      "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:99999/x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"})
  void aMalformedAnswerIsAnIoFailureAfterItsRetries(String answer) throws Exception {
    try (RawAnswer server = new RawAnswer(answer)) {
      String url = "http://alice:s3cret@127.0.0.1:" + server.port() + "/frame";
      IOException e = assertThrows(IOException.class,
          () -> HttpFetcher.shared(FETCH).get(url, new ReusableBuffer()));
      assertTrue(e.getMessage().contains("failed: malformed answer"), e.getMessage());
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      assertEquals(2, server.requests(), "retried like any failed exchange");
    }
  }

  /** Framing the JDK's client can only call "closed": said as a malformed or cut-off answer, and retried. */
  @Test
  void anAnswerWhoseFramingCannotBeReadSaysSo() throws Exception {
    try (RawAnswer server = new RawAnswer("HTTP/1.1 200 OK\r\nContent-Length: -5\r\nConnection: close\r\n\r\nhello")) {
      IOException e = assertThrows(IOException.class,
          () -> HttpFetcher.shared(FETCH).get("http://127.0.0.1:" + server.port() + "/frame", new ReusableBuffer()));
      // the JDK's client says "closed" or "fixed content-length: -5, bytes received: 0", as the race falls
      assertTrue(e.getMessage().contains("failed: malformed or cut-off answer: the connection closed before the answer"
          + " was whole (IOException: "), e.getMessage());
      assertEquals(2, server.requests(), "retried like any failed exchange");
    }
  }

  /**
   * A server that redirects every request back to itself: the request fails after the redirects the fetcher
   * follows, at once and not again (the same server loops as surely the next time), with its credentials hidden.
   */
  @Test
  void aRedirectLoopFailsWithoutRetriesAfterTheRedirectsFollowed() throws Exception {
    try (RawAnswer server = new RawAnswer("HTTP/1.1 302 Found\r\nLocation: /frame\r\nContent-Length: 0\r\n"
        + "Connection: close\r\n\r\n")) {
      String url = "http://alice:s3cret@127.0.0.1:" + server.port() + "/frame";
      IOException e = assertThrows(IOException.class, () -> HttpFetcher.shared(FETCH).get(url, new ReusableBuffer()));
      assertEquals("GET http://***@127.0.0.1:" + server.port() + "/frame failed: more than " + Redirects.MAX + " redirects",
          e.getMessage());
      assertEquals(Redirects.MAX + 1, server.requests(), "the first request and its redirects, once");
    }
  }

  /** Answers every request on 127.0.0.1 with the same raw bytes, then closes the connection. */
  private static final class RawAnswer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger requests = new AtomicInteger();

    RawAnswer(String answer) throws IOException {
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
              // the request's headers
            }
            requests.incrementAndGet();
            s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
          } catch (IOException e) {
            // closed
          }
        }
      }, "raw-answer");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int requests() {
      return requests.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
