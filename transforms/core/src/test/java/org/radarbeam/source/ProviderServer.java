package org.radarbeam.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.radarbeam.testing.HttpAnswers;

/**
 * A provider web server on 127.0.0.1 for tests: serves a directory tree under the providers' real
 * paths, with an HTML index for directories like their servers' autoindex pages, HEAD, and Range.
 * It can misbehave: answer every request with an HTML page (status 200, as IMGW does for missing
 * files), hang, or fail with 500.
 */
public final class ProviderServer implements AutoCloseable {
  /** How the server answers. */
  public enum Mode { NORMAL, HTML_EVERYWHERE, HANG, ERROR_500 }

  /** Files larger than this are streamed. */
  private static final long STREAMED = 16 << 20;

  private final HttpServer server;
  private final Path root;
  private volatile Mode mode = Mode.NORMAL;
  private volatile boolean htmlForMissing;
  private volatile long fileDelayMillis;
  private final ConcurrentHashMap<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> statuses = new ConcurrentHashMap<>();

  public ProviderServer(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "provider-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void mode(Mode m) {
    this.mode = m;
  }

  /** Answer each request for a file {@code millis} later: a slow provider that still answers in full. */
  public void fileDelay(long millis) {
    this.fileDelayMillis = millis;
  }

  /** Answer a missing file with 200 text/html, as some providers do. */
  public void htmlForMissing(boolean on) {
    this.htmlForMissing = on;
  }

  /** Answer requests for {@code path} with {@code status} and an empty body, whatever is there. */
  public void status(String path, int status) {
    statuses.put(path, status);
  }

  /** Requests seen per method ("GET", "HEAD"). */
  public int requests(String method) {
    AtomicInteger n = requests.get(method);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.computeIfAbsent(ex.getRequestMethod(), k -> new AtomicInteger()).incrementAndGet();
    try (ex) {
      switch (mode) {
        case HANG:
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return;
        case ERROR_500:
          HttpAnswers.send(ex, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
          return;
        case HTML_EVERYWHERE:
          HttpAnswers.send(ex, 200, "text/html; charset=utf-8", page("Maintenance", "<p>The service is down for maintenance.</p>"));
          return;
        default:
      }
      String path = ex.getRequestURI().getPath();
      Path p = root.resolve(path.substring(1)).normalize();
      if (fileDelayMillis > 0 && Files.isRegularFile(p)) {
        try {
          Thread.sleep(fileDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (statuses.containsKey(path)) {
        HttpAnswers.send(ex, statuses.get(path), "text/plain", new byte[0]);
      } else if (!p.startsWith(root)) {
        HttpAnswers.send(ex, 403, "text/plain", new byte[0]);
      } else if (Files.isDirectory(p)) {
        HttpAnswers.send(ex, 200, "text/html", index(path, p));
      } else if (Files.isRegularFile(p) && Files.size(p) > STREAMED && ex.getRequestHeaders().getFirst("Range") == null) {
        // a runaway body, e.g. a sparse file of hundreds of MB: streamed, never held in the test's heap
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(200, head ? -1 : Files.size(p));
        if (!head) {
          try (OutputStream o = ex.getResponseBody()) {
            Files.copy(p, o);
          } catch (IOException e) {
            // the client stopped reading, as it should
          }
        }
      } else if (Files.isRegularFile(p)) {
        byte[] data = Files.readAllBytes(p);
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=0-")) {
          int end = Math.min(data.length - 1, Integer.parseInt(range.substring(8)));
          ex.getResponseHeaders().set("Content-Range", "bytes 0-" + end + "/" + data.length);
          HttpAnswers.send(ex, 206, "application/octet-stream", java.util.Arrays.copyOf(data, end + 1));
        } else {
          HttpAnswers.send(ex, 200, "application/octet-stream", data);
        }
      } else if (htmlForMissing) {
        HttpAnswers.send(ex, 200, "text/html; charset=utf-8", page("Error", "<p>File not found.</p>"));
      } else {
        HttpAnswers.send(ex, 404, "text/html", page("404 Not Found", "<h1>404 Not Found</h1>"));
      }
    }
  }

  private static byte[] index(String urlPath, Path dir) throws IOException {
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.sorted().collect(Collectors.toList());
    }
    StringBuilder b = new StringBuilder("<h1>Index of " + urlPath + "</h1><hr><pre><a href=\"../\">../</a>\n");
    for (Path e : entries) {
      String name = e.getFileName() + (Files.isDirectory(e) ? "/" : "");
      b.append("<a href=\"").append(name).append("\">").append(name).append("</a>")
          .append("                 24-Nov-2026 10:05    ").append(Files.isDirectory(e) ? "-" : Files.size(e)).append('\n');
    }
    return page("Index of " + urlPath, b.append("</pre><hr>").toString());
  }

  private static byte[] page(String title, String body) {
    return ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n" + body + "\r\n</body>\r\n</html>\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
