package org.radarbeam.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers of the tests' local HTTP servers (the JDK's HttpServer), as a provider would send them. */
public final class HttpAnswers {
  private HttpAnswers() {}

  /** Answers {@code status} with {@code body} of {@code type}; no body for HEAD, or when it is empty. */
  public static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean none = body.length == 0 || ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, none ? -1 : body.length);
    if (!none) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    }
  }

  /** {@link #send} of {@code text} as text/plain. */
  public static void send(HttpExchange ex, int status, String text) throws IOException {
    send(ex, status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }
}
