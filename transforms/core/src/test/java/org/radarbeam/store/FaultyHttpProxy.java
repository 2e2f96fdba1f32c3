package org.radarbeam.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small HTTP forwarding proxy on 127.0.0.1 in front of another HTTP server (S3Proxy in tests),
 * that can be told to misbehave:
 *
 * <ul>
 *   <li>{@link #forward()}: pass every request through (the default);
 *   <li>{@link #failNext(int)}: answer the next N requests with 500 InternalError (S3's error XML);
 *   <li>{@link #failAll()}: answer every request with 500 until told otherwise;
 *   <li>{@link #truncateNext(int)}: pass the head and half of the body of the next N requests
 *       upstream, then cut both connections (a connection lost mid-upload);
 *   <li>{@link #cutResponseNext(int)}: pass the next N requests through but cut the connection
 *       after half of the answer's body (a download lost midway);
 *   <li>{@link #dropNext(int)}: close the connection of the next N requests once their head is read,
 *       before any answer, even a 100 Continue (a server dropping a kept-alive connection just as a
 *       request arrives on it);
 *   <li>{@link #refuseConnections()} / {@link #acceptConnections()} / {@link #refuseFor(Duration)}:
 *       close the listening socket so that connections are refused, and open it again on the same
 *       port.
 * </ul>
 *
 * It counts requests by method ({@link #count(String)}), including those it failed, so tests can
 * assert e.g. that a rerun sent no PUT. Each request goes upstream on its own connection with
 * {@code Connection: close}, and the final answer goes back with {@code Connection: close}, so
 * clients open a new connection per request and every request passes through the proxy's logic.
 * {@code Expect: 100-continue} passes through. Request bodies need a Content-Length (the SDK always
 * sends one). {@link #events()} tells what happened, for assertion messages.
 */
public final class FaultyHttpProxy implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private final String upstreamHost;
  private final int upstreamPort;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-http-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger truncateNext = new AtomicInteger();
  private final AtomicInteger cutResponseNext = new AtomicInteger();
  private final AtomicInteger dropNext = new AtomicInteger();
  private final Deque<String> events = new ConcurrentLinkedDeque<>();
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean failAll;
  private volatile ServerSocket server;
  private volatile Future<?> acceptLoop;
  private volatile boolean closed;
  private int port;

  /** A proxy in front of {@code http://host:port}; call {@link #start()} (or use as extension). */
  public FaultyHttpProxy(String upstreamHost, int upstreamPort) {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
  }

  /** A proxy in front of a running S3Proxy. */
  public static FaultyHttpProxy inFrontOf(S3ProxyServer s3) throws IOException {
    return new FaultyHttpProxy("127.0.0.1", s3.port()).start();
  }

  public synchronized FaultyHttpProxy start() throws IOException {
    if (server == null) {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      port = s.getLocalPort();
      listen(s);
    }
    return this;
  }

  private void listen(ServerSocket s) {
    server = s;
    acceptLoop = pool.submit(() -> {
      while (!s.isClosed()) {
        try {
          Socket c = s.accept();
          if (s.isClosed()) {
            // came in while the listener was being closed: as if it had been refused
            c.setSoLinger(true, 0);
            c.close();
            continue;
          }
          event("accepted connection from port " + c.getPort());
          open.add(c);
          pool.execute(() -> handle(c));
        } catch (IOException e) {
          // closed: connections are refused until acceptConnections()
        }
      }
    });
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  // ---- modes ----

  /** Forward everything; clears failures, truncations and refusal. */
  public synchronized FaultyHttpProxy forward() throws IOException {
    failAll = false;
    failNext.set(0);
    truncateNext.set(0);
    cutResponseNext.set(0);
    dropNext.set(0);
    acceptConnections();
    return this;
  }

  /** Answer the next {@code n} requests with 500 InternalError. */
  public FaultyHttpProxy failNext(int n) {
    failNext.set(n);
    return this;
  }

  /** Answer every request with 500 InternalError until {@link #forward()}. */
  public FaultyHttpProxy failAll() {
    failAll = true;
    return this;
  }

  /** Cut the connection mid-body for the next {@code n} requests that have a body. */
  public FaultyHttpProxy truncateNext(int n) {
    truncateNext.set(n);
    return this;
  }

  /** Cut the connection after half of the answer body, for the next {@code n} answers with a body. */
  public FaultyHttpProxy cutResponseNext(int n) {
    cutResponseNext.set(n);
    return this;
  }

  /** Close the connection of the next {@code n} requests after their head, without any answer. */
  public FaultyHttpProxy dropNext(int n) {
    dropNext.set(n);
    return this;
  }

  /** Close the listening socket: new connections are refused until {@link #acceptConnections()}. */
  public synchronized FaultyHttpProxy refuseConnections() throws IOException {
    ServerSocket s = server;
    if (s != null && !s.isClosed()) {
      s.close();
      // A thread blocked in accept() keeps the kernel's listening socket, and so its backlog, alive
      // until it wakes; only once it has left are new connections really refused.
      awaitAcceptLoopEnd();
      event("refusing connections");
    }
    return this;
  }

  private void awaitAcceptLoopEnd() throws IOException {
    try {
      acceptLoop.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while closing the listener", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the listener did not stop", e);
    }
  }

  /** Listen again on the same port. */
  public synchronized FaultyHttpProxy acceptConnections() throws IOException {
    if (closed) {
      throw new IllegalStateException("proxy is closed");
    }
    ServerSocket s = server;
    if (s == null || s.isClosed()) {
      ServerSocket n = new ServerSocket();
      n.setReuseAddress(true);
      n.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      listen(n);
      event("accepting connections");
    }
    return this;
  }

  /** Refuse connections now and accept them again after {@code period} (in the background). */
  public FaultyHttpProxy refuseFor(Duration period) throws IOException {
    refuseConnections();
    pool.execute(() -> {
      try {
        Thread.sleep(period.toMillis());
        acceptConnections();
      } catch (IOException e) {
        event("could not listen again on port " + port + ": " + e);
      } catch (InterruptedException | IllegalStateException e) {
        // closed meanwhile
      }
    });
    return this;
  }

  // ---- counts ----

  /** Requests received with {@code method} (GET, PUT, HEAD, ...) since the last reset. */
  public int count(String method) {
    AtomicInteger n = counts.get(method.toUpperCase(Locale.ROOT));
    return n == null ? 0 : n.get();
  }

  /** All requests received since the last reset. */
  public int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Counts by method, e.g. {GET=1, PUT=3}. */
  public Map<String, Integer> counts() {
    Map<String, Integer> m = new TreeMap<>();
    counts.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** Clears the counts and the event log. */
  public void resetCounts() {
    counts.clear();
    events.clear();
  }

  /** What happened since the last reset, one line per event (for assertion messages). */
  public String events() {
    return String.join("\n", events);
  }

  private void event(String what) {
    events.add(System.currentTimeMillis() % 100_000 + " " + what);
    while (events.size() > 200) {
      events.pollFirst();
    }
  }

  // ---- one connection ----

  private static final class Head {
    final String method;
    final String target;
    final long contentLength;
    final boolean expectContinue;
    /** The request head as sent upstream: hop-by-hop headers replaced by Connection: close. */
    final byte[] upstream;

    Head(String method, String target, long contentLength, boolean expectContinue, byte[] upstream) {
      this.method = method;
      this.target = target;
      this.contentLength = contentLength;
      this.expectContinue = expectContinue;
      this.upstream = upstream;
    }
  }

  private void handle(Socket client) {
    try (client) {
      client.setSoTimeout(30_000);
      InputStream in = new BufferedInputStream(client.getInputStream());
      Head head = readRequestHead(in);
      if (head == null) {
        return;
      }
      counts.computeIfAbsent(head.method, k -> new AtomicInteger()).incrementAndGet();
      String line = head.method + " " + head.target + " (client port " + client.getPort() + ")";
      if (takeOne(dropNext)) {
        event(line + ": dropped before any answer");
        return;
      }
      if (failAll || takeOne(failNext)) {
        event(line + ": 500");
        fail(head, in, client);
      } else if (head.contentLength > 0 && takeOne(truncateNext)) {
        event(line + ": cut mid-body");
        forward(head, in, client, true);
      } else {
        event(line + ": forwarded");
        forward(head, in, client, false);
      }
    } catch (IOException e) {
      // the client or the upstream went away: nothing to do
    } finally {
      open.remove(client);
    }
  }

  private static boolean takeOne(AtomicInteger n) {
    while (true) {
      int v = n.get();
      if (v <= 0) {
        return false;
      }
      if (n.compareAndSet(v, v - 1)) {
        return true;
      }
    }
  }

  /** Reads bytes up to and including the blank line that ends an HTTP head; null at EOF first. */
  private static String readHeadText(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        if (buf.size() == 0) {
          return null;
        }
        throw new SocketException("connection closed inside an HTTP head");
      }
      buf.write(b);
      if ((state == 0 || state == 2) && b == '\r') {
        state++;
      } else if ((state == 1 || state == 3) && b == '\n') {
        state++;
      } else {
        state = b == '\r' ? 1 : 0;
      }
      if (buf.size() > 64 * 1024) {
        throw new IOException("HTTP head too large");
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  private static boolean hopByHop(String name) {
    return name.equals("connection") || name.equals("keep-alive") || name.equals("proxy-connection");
  }

  private static Head readRequestHead(InputStream in) throws IOException {
    String text = readHeadText(in);
    if (text == null) {
      return null;
    }
    String[] lines = text.split("\r\n");
    String[] requestLine = lines[0].split(" ", 3);
    String method = requestLine[0].toUpperCase(Locale.ROOT);
    String target = requestLine.length > 1 ? requestLine[1] : "";
    long length = 0;
    boolean expect = false;
    StringBuilder up = new StringBuilder(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? line : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : line.substring(colon + 1).trim();
      if (hopByHop(name)) {
        continue;
      }
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equals("expect") && value.equalsIgnoreCase("100-continue")) {
        expect = true;
      } else if (name.equals("transfer-encoding")) {
        throw new IOException("chunked request bodies are not supported by FaultyHttpProxy");
      }
      up.append(line).append("\r\n");
    }
    up.append("Connection: close\r\n\r\n");
    return new Head(method, target, length, expect, up.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A response head with its hop-by-hop headers replaced by Connection: close (1xx: unchanged). */
  private static byte[] closingResponseHead(String text) {
    String[] lines = text.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length > 1 && statusLine[1].startsWith("1")) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
    StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (line.isEmpty() || (colon > 0 && hopByHop(line.substring(0, colon).trim().toLowerCase(Locale.ROOT)))) {
        continue;
      }
      out.append(line).append("\r\n");
    }
    out.append("Connection: close\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    return -1;
  }

  private static boolean isInterim(String responseHead) {
    String[] statusLine = responseHead.split(" ", 3);
    return statusLine.length > 1 && statusLine[1].startsWith("1");
  }

  private void fail(Head head, InputStream in, Socket client) throws IOException {
    OutputStream out = client.getOutputStream();
    if (head.contentLength > 0) {
      if (head.expectContinue) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      in.skipNBytes(head.contentLength);
    }
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>"
        + "<Message>injected by FaultyHttpProxy</Message></Error>").getBytes(StandardCharsets.UTF_8);
    String response = "HTTP/1.1 500 Internal Server Error\r\n"
        + "Content-Type: application/xml\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n";
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!head.method.equals("HEAD")) {
      out.write(body);
    }
    out.flush();
    lingeringClose(client, in);
  }

  /**
   * Ends a connection the way HTTP servers do: no more output (FIN after the response), read
   * what the client still sends until it closes (bounded), then close. Closing with unread input
   * would reset the connection and could destroy the response before the client read it.
   */
  private static void lingeringClose(Socket client, InputStream in) {
    try {
      client.shutdownOutput();
      client.setSoTimeout(2_000);
      byte[] buf = new byte[8192];
      while (in.read(buf) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // timed out or reset: close anyway
    }
  }

  private void forward(Head head, InputStream in, Socket client, boolean truncate) throws IOException {
    try (Socket up = new Socket()) {
      open.add(up);
      try {
        up.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
        up.setSoTimeout(60_000);
        OutputStream upOut = up.getOutputStream();
        upOut.write(head.upstream);
        upOut.flush();
        // the body goes upstream in the background, while answers come back: with Expect:
        // 100-continue the client sends it only after upstream's 100, or never after an early answer
        CountDownLatch bodyDone = new CountDownLatch(1);
        if (head.contentLength > 0) {
          pool.execute(() -> {
            try {
              long toSend = truncate ? head.contentLength / 2 : head.contentLength;
              pumpBody(in, upOut, toSend);
              if (truncate) {
                // a connection lost mid-upload: both sides see it reset
                client.setSoLinger(true, 0);
                up.setSoLinger(true, 0);
                up.close();
                client.close();
              }
            } catch (IOException e) {
              // either side went away
            } finally {
              bodyDone.countDown();
            }
          });
        } else {
          bodyDone.countDown();
        }
        // upstream -> client: interim answers as they are, the final one with Connection: close
        InputStream upIn = new BufferedInputStream(up.getInputStream());
        OutputStream clientOut = client.getOutputStream();
        boolean continued = false;
        try {
          while (true) {
            String responseHead = readHeadText(upIn);
            if (responseHead == null) {
              break;
            }
            if (isInterim(responseHead)) {
              continued = true;
            } else if (continued) {
              // after a 100 Continue, answer only once the client's body is in: the JDK's
              // HttpURLConnection loses a final answer that overtakes the body it was invited to send
              awaitQuietly(bodyDone, 5);
            }
            clientOut.write(closingResponseHead(responseHead));
            clientOut.flush();
            if (!isInterim(responseHead)) {
              long length = contentLength(responseHead);
              if (length > 0 && takeOne(cutResponseNext)) {
                event(head.method + " " + head.target + ": answer cut after " + length / 2 + " of " + length + " bytes");
                clientOut.write(upIn.readNBytes((int) (length / 2)));
                clientOut.flush();
                client.setSoLinger(true, 0);
                client.close();
                return;
              }
              upIn.transferTo(clientOut);
              clientOut.flush();
              break;
            }
          }
        } catch (IOException e) {
          // cut
        }
        if (truncate) {
          return;
        }
        // half-close only after the client's body is in (or it gave up sending it)
        awaitQuietly(bodyDone, 3);
        lingeringClose(client, in);
      } finally {
        open.remove(up);
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch, int seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads exactly {@code n} body bytes from the client and passes them upstream; when upstream
   * stops taking them (it answered early), reads and discards the rest as a server would.
   */
  private static void pumpBody(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long left = n;
    boolean upstreamOpen = true;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new SocketException("client closed mid-body");
      }
      left -= r;
      if (upstreamOpen) {
        try {
          out.write(buf, 0, r);
          out.flush();
        } catch (IOException upstreamGone) {
          upstreamOpen = false;
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      ServerSocket s = server;
      if (s != null) {
        s.close();
      }
    } catch (IOException e) {
      // closing
    }
    synchronized (open) {
      for (Socket s : new ArrayList<>(open)) {
        try {
          s.close();
        } catch (IOException e) {
          // closing
        }
      }
    }
    pool.shutdownNow();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }
}
