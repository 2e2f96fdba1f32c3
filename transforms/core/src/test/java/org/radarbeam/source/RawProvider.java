package org.radarbeam.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider on a raw socket on 127.0.0.1 that fails below HTTP, where a well-behaved server
 * library cannot: a black hole accepts connections and never answers; a dripping server answers
 * the pages it was given whole and every other GET with its headers and then one byte a second.
 */
public final class RawProvider implements AutoCloseable {
  /** The length a dripping body announces: minutes of dripping. */
  public static final int DRIP_LENGTH = 100_000;

  private final ServerSocket server;
  private final Map<String, byte[]> pages;
  private final boolean answers;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong firstAccepted = new AtomicLong();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private RawProvider(boolean answers, Map<String, byte[]> pages) throws IOException {
    this.answers = answers;
    this.pages = pages;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "raw-provider");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts every connection and never sends a byte. */
  public static RawProvider blackHole() throws IOException {
    return new RawProvider(false, Map.of());
  }

  /**
   * Answers a GET of a path in {@code pages} with that page (text/html), a HEAD with headers only,
   * and a GET of any other path with 200, a Content-Length of {@link #DRIP_LENGTH} and one byte a second.
   */
  public static RawProvider dripping(Map<String, byte[]> pages) throws IOException {
    return new RawProvider(true, pages);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** {@link System#nanoTime()} when the first connection was accepted; 0 before. */
  public long firstAcceptedNanos() {
    return firstAccepted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        firstAccepted.compareAndSet(0, System.nanoTime());
        connections.incrementAndGet();
        open.add(s);
        if (answers) {
          Thread t = new Thread(() -> answer(s), "raw-provider-connection");
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void answer(Socket s) {
    try (s) {
      String[] request = requestLine(s.getInputStream()).split(" ");
      OutputStream out = s.getOutputStream();
      String method = request[0];
      String path = request.length > 1 ? request[1] : "/";
      byte[] page = pages.get(path);
      if (page != null) {
        out.write(headers("text/html", page.length));
        if (!method.equals("HEAD")) {
          out.write(page);
        }
        out.flush();
        return;
      }
      out.write(headers("application/octet-stream", DRIP_LENGTH));
      out.flush();
      if (method.equals("HEAD")) {
        return;
      }
      for (int i = 0; i < DRIP_LENGTH; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(1000);
      }
    } catch (IOException e) {
      // the client gave up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] headers(String type, int length) {
    return ("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The request line; the rest of the head is read and dropped. */
  private static String requestLine(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int eol = text.indexOf("\r\n");
    return eol < 0 ? text : text.substring(0, eol);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
