package org.radarbeam.fetch;

import java.util.Locale;
import java.util.Optional;

/** A completed HTTP exchange: status, content type and (for GET) the body. */
public final class HttpResult {
  private final int status;
  private final String contentType;
  private final byte[] body;

  HttpResult(int status, Optional<String> contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType.orElse("").toLowerCase(Locale.ROOT);
    this.body = body;
  }

  public int status() {
    return status;
  }

  public boolean ok() {
    return status == 200 || status == 206;
  }

  public String contentType() {
    return contentType;
  }

  public boolean isHtml() {
    return contentType.contains("text/html");
  }

  public byte[] body() {
    return body;
  }
}
