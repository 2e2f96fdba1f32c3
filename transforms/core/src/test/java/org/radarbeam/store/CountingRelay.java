package org.radarbeam.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 to another local port that counts the connections it accepts. It passes
 * bytes as they are, TLS included, so a test can count a client's attempts at a server over HTTPS:
 * each attempt whose handshake fails opens a connection of its own.
 */
final class CountingRelay implements AutoCloseable {
  private final int upstreamPort;
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  CountingRelay(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("counting-relay", this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The connections accepted so far. */
  int connections() {
    return connections.get();
  }

  void resetCount() {
    connections.set(0);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        } catch (IOException e) {
          closeQuietly(client);
          continue;
        }
        daemon("counting-relay-up", () -> pump(client, upstream));
        daemon("counting-relay-down", () -> pump(upstream, client));
      } catch (IOException e) {
        // closed
      }
    }
  }

  /** Copies {@code from} to {@code to} until either ends, then closes both. */
  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // the other direction closed the sockets
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
