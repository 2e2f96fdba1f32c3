package org.radarbeam.k8s;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.radarbeam.testing.HttpAnswers;

/**
 * A provider on 127.0.0.1: serves a directory under the providers' real paths, with an HTML index for
 * directories (hrefs, as the providers' and python's http.server's indexes have), 404 for anything else; or,
 * in hang mode, accepts every request and never answers.
 */
final class LocalProvider implements AutoCloseable {
  private final Path root;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-provider");
    t.setDaemon(true);
    return t;
  });
  private final CountDownLatch closed = new CountDownLatch(1);
  private final java.util.Queue<String> requests = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile boolean hang;

  LocalProvider(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} + path. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void hang(boolean hang) {
    this.hang = hang;
  }

  /** Every request so far, as "METHOD path". */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
    try (ex) {
      if (hang) {
        try {
          closed.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      String path = ex.getRequestURI().getPath();
      Path p = root.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!p.startsWith(root) || !Files.exists(p)) {
        HttpAnswers.send(ex, 404, "text/html", "<html><body>404 Not Found</body></html>".getBytes(StandardCharsets.UTF_8));
      } else if (Files.isDirectory(p)) {
        List<String> names;
        try (Stream<Path> s = Files.list(p)) {
          names = s.map(f -> f.getFileName().toString() + (Files.isDirectory(f) ? "/" : "")).sorted().collect(Collectors.toList());
        }
        StringBuilder b = new StringBuilder("<html><head><title>Index of ").append(path).append("</title></head><body><pre>\n");
        for (String n : names) {
          b.append("<a href=\"").append(n).append("\">").append(n).append("</a>\n");
        }
        b.append("</pre></body></html>\n");
        HttpAnswers.send(ex, 200, "text/html", b.toString().getBytes(StandardCharsets.UTF_8));
      } else {
        HttpAnswers.send(ex, 200, "application/octet-stream", Files.readAllBytes(p));
      }
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
