package org.radarbeam.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** An HTTP or HTTPS server on 127.0.0.1 for the fetcher's tests: one handler, and a count of the requests it saw. */
final class LocalServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "local-server");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final String scheme;

  private LocalServer(HttpServer server, String scheme, HttpHandler handler) {
    this.server = server;
    this.scheme = scheme;
    server.setExecutor(executor);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      try (ex) {
        handler.handle(ex);
      }
    });
    server.start();
  }

  static LocalServer http(HttpHandler handler) throws IOException {
    return new LocalServer(HttpServer.create(address(), 0), "http", handler);
  }

  static LocalServer https(SSLContext tls, HttpHandler handler) throws IOException {
    HttpsServer s = HttpsServer.create(address(), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new LocalServer(s, "https", handler);
  }

  private static InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  String url(String path) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
