package org.radarbeam.http;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.io.TooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for provider servers, one per JVM and settings: a bounded number of concurrent requests
 * per host, and retries for timeouts, connection errors and the answers {@link RetriedStatus} names, after exponential
 * backoff with jitter or the server's Retry-After, never waiting longer than
 * {@link FetchSettings#maxBackoff()} (see {@link Backoff}). Any other 4xx answer is final and
 * returned as is.
 *
 * <p>Every host, redirects included, is verified against the JDK's default trust store, plus the
 * CAs of {@link FetchSettings#caCertsPem()}. Servers that leave out their intermediate certificate
 * (SHMU's) are completed as browsers do: the JDK fetches the missing issuer from the URL in the
 * certificate's Authority Information Access extension. That takes the system property
 * com.sun.security.enableAIAcaIssuers=true, set here unless the user set it; the JDK reads it once,
 * when its PKIX path builder is first used, so it is set in the static initialisers of this class
 * and of {@link FetchSettings}, which run before any provider request and, in a run, before the
 * first S3 request.
 *
 * <p>A URL's user info is sent as HTTP Basic credentials, to its own origin only, and every
 * message and log line shows URLs redacted (see {@link RequestTarget}).
 *
 * <p>Each attempt has one deadline, {@link FetchSettings#requestTimeout()}, for connecting, the
 * headers and the whole body ({@link Deadline}). A host whose request still timed out after its
 * last attempt is given up for the rest of the run ({@link UnavailableHosts}): its later requests
 * fail at once with a {@link ProviderUnavailableException}. In a run bounded in time no attempt
 * starts, and no request waits for a slot or a retry, past {@link FetchSettings#requestsUntilMillis()}:
 * such requests fail at once with a {@link TimeUpException}.
 */
public final class HttpFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
  /**
   * The fetchers of the runs this JVM served last (a run's fetcher holds what it learnt of its providers),
   * and one client per way of connecting, shared by the runs: both held softly. A client's selector thread
   * runs while the client is referenced (Java 17's has no close()), and the thread keeps the class loader of
   * the job that made it (its access-control context names the job's classes). Held strongly from that
   * loader's own classes, a client would keep its thread, and the thread the loader, for the life of a
   * Flink TaskManager; held softly, a client no run uses any more is let go at a later collection (or
   * under memory pressure) and its thread ends with it. A reader of a run's inputs holds its fetcher while it
   * lives ({@link org.radarbeam.input.InputReader}); the first client is made under the map's lock, once.
   */
  private static final Map<FetchSettings, SoftReference<HttpFetcher>> SHARED = recent(16);
  private static final Map<FetchSettings, SoftReference<HttpClient>> CLIENTS = recent(16);
  private static final ByteBuffer EMPTY = ByteBuffer.wrap(new byte[0]);
  private static final String USER_AGENT = "radarbeam/0.1 (+https://github.com/radarbeam)";
  static final String AIA_PROPERTY = "com.sun.security.enableAIAcaIssuers";

  static {
    enableAiaFetching();
  }

  private final FetchSettings settings;
  private final HttpClient client;
  private final Map<String, Semaphore> perHost = new ConcurrentHashMap<>();
  private final UnavailableHosts unavailable = new UnavailableHosts();

  private HttpFetcher(FetchSettings settings) {
    this.settings = settings;
    this.client = softly(CLIENTS, settings.connection(), HttpFetcher::client);
  }

  private static HttpClient client(FetchSettings settings) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER); // followed in exchange()
    if (!settings.caCertsPem().isEmpty()) {
      try {
        b.sslContext(ExtraCaTrust.sslContext(settings.caCertsPem()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the extra CA certificates cannot be used: " + e.getMessage(), e);
      }
    }
    // the client's selector thread inherits the context class loader of the thread that builds it: none
    Thread current = Thread.currentThread();
    ClassLoader loader = current.getContextClassLoader();
    current.setContextClassLoader(null);
    try {
      return b.build();
    } finally {
      current.setContextClassLoader(loader);
    }
  }

  /** The value of {@code key} in {@code map}, made by {@code make} if there is none or it was let go. */
  private static <K, V> V softly(Map<K, SoftReference<V>> map, K key, Function<K, V> make) {
    synchronized (map) {
      SoftReference<V> held = map.get(key);
      V value = held == null ? null : held.get();
      if (value == null) {
        value = make.apply(key);
        map.put(key, new SoftReference<>(value));
      }
      return value;
    }
  }

  /** A map that keeps its {@code n} most recently used entries. */
  private static <K, V> Map<K, V> recent(int n) {
    return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<K, V>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > n;
      }
    });
  }

  /** Lets the JDK fetch missing intermediate certificates (see the class comment); a user's setting wins. */
  static void enableAiaFetching() {
    if (System.getProperty(AIA_PROPERTY) == null) {
      System.setProperty(AIA_PROPERTY, "true");
    }
  }

  public static HttpFetcher shared(FetchSettings settings) {
    return softly(SHARED, settings, HttpFetcher::new);
  }

  /**
   * Most bytes of an index page or a header read ({@link #getPage}, {@link #getRange}): a day's index of
   * a provider is tens of kilobytes, and pages are read while frames render.
   */
  public static final long MAX_PAGE_BYTES = 64L << 20;

  public HttpResult get(String url) throws IOException {
    return send(url, "GET", null, new ReusableBuffer(), ReusableBuffer.MAX_INPUT_BYTES);
  }

  /** GET of an index page, at most {@link #MAX_PAGE_BYTES} and {@link HeapLimits#maxPageBytes}. */
  public HttpResult getPage(String url) throws IOException {
    return send(url, "GET", null, new ReusableBuffer(), Math.min(MAX_PAGE_BYTES, HeapLimits.maxPageBytes()));
  }

  /** GET whose body is read into {@code into} (a worker's input buffer): the result's body is its view. */
  public HttpResult get(String url, ReusableBuffer into) throws IOException {
    return send(url, "GET", null, into, ReusableBuffer.MAX_INPUT_BYTES);
  }

  /** GET of the first {@code bytes} bytes (servers may answer 200 with the whole body). */
  public HttpResult getRange(String url, int bytes) throws IOException {
    return send(url, "GET", "bytes=0-" + (bytes - 1), new ReusableBuffer(), MAX_PAGE_BYTES);
  }

  public HttpResult head(String url) throws IOException {
    return send(url, "HEAD", null, null, 0);
  }

  /**
   * @param body where a body is read to; null for none (HEAD)
   * @param maxBytes the most bytes of body read
   */
  private HttpResult send(String url, String method, String range, ReusableBuffer body, long maxBytes)
      throws IOException {
    RequestTarget target = RequestTarget.of(url);
    String shown = method + " " + target.shown();
    String host = target.uri().getHost() + ":" + Redirects.port(target.uri()); // the limits are per server
    Semaphore slots = perHost.computeIfAbsent(host, h -> new Semaphore(settings.maxRequestsPerHost(), true));
    IOException last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      unavailable.check(host, shown);
      long retryAfter = -1;
      long started = 0;
      try {
        acquire(slots, shown);
        HttpResponse<InputStream> r;
        ByteBuffer bytes;
        boolean retry;
        try {
          // given up, or out of time, while this request waited for a slot
          unavailable.check(host, shown);
          requireTimeLeft(shown, 0);
          started = System.nanoTime();
          Deadline deadline = Deadline.after(settings.requestTimeout());
          r = exchange(target, method, range, deadline);
          retry = RetriedStatus.test(r.statusCode());
          try (InputStream in = r.body()) {
            // a body larger than any radar file comes from a runaway or hostile server
            bytes = body != null && !retry
                ? deadline.read(in, s -> body.read(s, r.headers().firstValueAsLong("Content-Length").orElse(-1),
                    maxBytes, shown))
                : EMPTY;
          }
        } catch (HttpTimeoutException e) {
          if (attempt == settings.maxAttempts()) {
            // a host that let the last attempt run out its deadline would hold every later request as
            // long: given up before this slot is free, so no request waiting for it is sent
            throw unavailable.giveUp(host, new IOException(shown + " failed: timed out: " + describeCause(e)
                + " (" + afterAttempts() + ")", e));
          }
          throw e;
        } finally {
          slots.release();
        }
        if (!retry) {
          unavailable.answered(host);
          return HttpResult.of(r.statusCode(), r.headers().firstValue("Content-Type"), bytes);
        }
        last = new IOException(shown + " answered HTTP " + r.statusCode());
        long took = System.nanoTime() - started;
        if (took > settings.requestTimeout().toNanos() / 2) {
          // an error this slow, again, holds a worker for a deadline per attempt: counted against the host
          ProviderUnavailableException given = unavailable.slowFailure(host, new IOException(shown + " answered HTTP "
              + r.statusCode() + " after " + took / 1_000_000 + " ms"));
          if (given != null) {
            throw given;
          }
        }
        // sent with 429 and 503 (RFC 9110): honoured with any retried answer
        retryAfter = RetryAfter.millis(r.headers().firstValue("Retry-After").orElse(null), Instant.now());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(shown + " interrupted", e);
      } catch (TooLargeException | RequestsEndedException e) {
        throw e; // the same body again would be as large; a host given up is not asked again
      } catch (TooManyRedirects e) {
        // an answer, not a failed exchange: the server redirects as it will the next time
        throw new IOException(shown + " failed: " + e.getMessage(), e);
      } catch (HttpTimeoutException e) {
        last = new IOException(shown + " failed: timed out: " + describeCause(e), e);
      } catch (SSLHandshakeException e) {
        if (ExtraCaTrust.untrusted(e)) {
          // the same certificate again would be as untrusted: not retried
          throw new IOException(shown + " failed: the server's certificate is not trusted (" + describe(e) + ")", e);
        }
        last = new IOException(shown + " failed: " + describe(e), e);
      } catch (IOException e) {
        // the JDK's client says only "closed" where an answer's framing cannot be read (a negative
        // Content-Length, an endless chunk-size line) or the connection ends mid-answer; or, as the same race
        // falls, "fixed content-length: N, bytes received: M"
        last = new IOException(shown + " failed: " + (cutOff(e)
            ? "malformed or cut-off answer: the connection closed before the answer was whole (" + describe(e) + ")"
            : describe(e)), e);
      } catch (IllegalArgumentException e) {
        // how the JDK's client fails on some malformed answers (a Content-Length that is not a number)
        // and on a redirect to a URI it cannot send to: a failed exchange like any other
        last = new IOException(shown + " failed: malformed answer: " + Redaction.redact(e.getMessage()), e);
      }
      if (attempt < settings.maxAttempts()) {
        long delay = Backoff.delayMillis(attempt, settings.backoff().toMillis(), settings.maxBackoff().toMillis(),
            retryAfter, ThreadLocalRandom.current().nextDouble());
        LOG.debug("{} (attempt {} of {}), retrying in {} ms", last.getMessage(), attempt, settings.maxAttempts(), delay);
        requireTimeLeft(shown, delay);
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw last;
        }
      }
    }
    throw new IOException(last.getMessage() + " (" + afterAttempts() + ")", last.getCause());
  }

  /**
   * Takes one of the host's request slots, waiting at most until the run stops sending requests (a slot
   * taken at or past that end is given back by the check that follows it).
   */
  private void acquire(Semaphore slots, String shown) throws InterruptedException, TimeUpException {
    if (settings.requestsUntilMillis() == 0) {
      slots.acquire();
    } else if (!slots.tryAcquire(Math.max(0, settings.requestsUntilMillis() - System.currentTimeMillis()),
        TimeUnit.MILLISECONDS)) {
      throw timeUp(shown);
    }
  }

  /** @throws TimeUpException if the run stops sending requests within {@code waitMillis} from now */
  private void requireTimeLeft(String shown, long waitMillis) throws TimeUpException {
    if (settings.requestsUntilMillis() != 0 && System.currentTimeMillis() + waitMillis >= settings.requestsUntilMillis()) {
      throw timeUp(shown);
    }
  }

  private TimeUpException timeUp(String shown) {
    return new TimeUpException(shown + ": not sent, the run's time for requests is up (--timeout at "
        + Instant.ofEpochMilli(settings.requestsUntilMillis()) + " less the time kept for the last frames and indexes)");
  }

  /**
   * One exchange, redirects followed (see {@link Redirects}); the body of the last answer is the
   * caller's to read and close.
   */
  private HttpResponse<InputStream> exchange(RequestTarget target, String method, String range, Deadline deadline)
      throws IOException, InterruptedException {
    URI uri = target.uri();
    for (int redirects = 0; ; redirects++) {
      // the headers within what is left of the deadline; the body is read under it (Deadline.read)
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(deadline.remaining())
          .header("User-Agent", USER_AGENT).method(method, HttpRequest.BodyPublishers.noBody());
      if (range != null) {
        b.header("Range", range);
      }
      String authorization = target.authorizationFor(uri);
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      URI next = Redirects.next(uri, r.statusCode(), r.headers().firstValue("Location").orElse(null));
      if (next == null) {
        return r;
      }
      r.body().close();
      if (redirects == Redirects.MAX) {
        throw new TooManyRedirects();
      }
      uri = next;
    }
  }

  /** A request redirected more often than {@link Redirects#MAX}: final, not retried. */
  private static final class TooManyRedirects extends IOException {
    private static final long serialVersionUID = 1L;

    TooManyRedirects() {
      super("more than " + Redirects.MAX + " redirects");
    }
  }

  private String afterAttempts() {
    return settings.maxAttempts() == 1 ? "after 1 attempt" : "after " + settings.maxAttempts() + " attempts";
  }

  /**
   * Why a timeout happened: the deadline's own message, or the JDK's for the headers ("request
   * timed out"), said with the deadline.
   */
  private String describeCause(HttpTimeoutException e) {
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "no connection within " + Deadline.shown(settings.connectTimeout());
    }
    String m = e.getMessage();
    return m != null && m.startsWith("no complete answer") ? m
        : "no complete answer within " + Deadline.shown(settings.requestTimeout());
  }

  /** The exception's kind and message; a message naming a URL shows it redacted. */
  /** Whether the JDK's client failed {@code e} because the answer's framing broke or its connection ended early. */
  private static boolean cutOff(IOException e) {
    String m = e.getMessage();
    return "closed".equals(m) || m != null && m.startsWith("fixed content-length: ");
  }

  private static String describe(IOException e) {
    String m = Redaction.redact(e.getMessage());
    String kind = e.getClass().getSimpleName();
    return m == null || m.isBlank() ? kind : kind + ": " + m;
  }
}
