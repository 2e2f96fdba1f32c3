package org.radarbeam.http;

import java.util.Locale;
import java.util.Optional;

/**
 * A completed HTTP exchange: status, content type (lower case, "" if unset) and, for GET, the body.
 */
public record HttpResult(int status, String contentType, byte[] body) {

  static HttpResult of(int status, Optional<String> contentType, byte[] body) {
    return new HttpResult(status, contentType.orElse("").toLowerCase(Locale.ROOT), body);
  }

  public boolean ok() {
    return status == 200 || status == 206;
  }

  public boolean isHtml() {
    return contentType.contains("text/html");
  }
}
