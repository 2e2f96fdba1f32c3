package org.radarbeam.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A completed HTTP exchange: status, content type (lower case, "" if unset) and, for GET, the body
 * (a view that stays valid until the buffer it was read into is used again).
 */
public record HttpResult(int status, String contentType, ByteBuffer body) {

  static HttpResult of(int status, Optional<String> contentType, ByteBuffer body) {
    return new HttpResult(status, contentType.orElse("").toLowerCase(Locale.ROOT), body);
  }

  public boolean ok() {
    return status == 200 || status == 206;
  }

  public boolean isHtml() {
    return contentType.contains("text/html");
  }

  /**
   * The body as Latin-1 text (index pages): file names are ASCII, and each byte becomes one character
   * of a compact string, so a page costs its size once more, not three times as a UTF-8 decode would.
   */
  public String text() {
    ByteBuffer b = body.duplicate();
    if (b.hasArray()) {
      return new String(b.array(), b.arrayOffset() + b.position(), b.remaining(), StandardCharsets.ISO_8859_1);
    }
    return StandardCharsets.ISO_8859_1.decode(b).toString();
  }
}
