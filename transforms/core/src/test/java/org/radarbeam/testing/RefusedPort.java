package org.radarbeam.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port held by a socket that never listens: connections to it are refused, and no other
 * test or process can start listening on it meanwhile (as it could on a port merely freed).
 */
public final class RefusedPort implements AutoCloseable {
  private final Socket held = new Socket();

  public RefusedPort() throws IOException {
    held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public int port() {
    return held.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    held.close();
  }
}
