package org.radarbeam.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A URL as it is requested and as it is shown. java.net.http ignores a URL's user info
 * ({@code user:password@}): it is sent instead as HTTP Basic credentials, as curl sends it, to the
 * URL's own origin only, and the request goes to the URL without it. Messages and logs show the
 * URL redacted.
 *
 * @param uri the URL without user info (nor fragment)
 * @param authorization the Authorization header value for {@code uri}'s origin, null without user info
 * @param shown the URL as messages and logs show it
 */
record RequestTarget(URI uri, String authorization, String shown) {

  /** @throws IllegalArgumentException not an absolute http(s) URL with a host (the message shows it redacted) */
  static RequestTarget of(String url) {
    String shown = Redaction.redact(url);
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid URL " + shown + ": " + e.getReason());
    }
    if (u.getHost() == null || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
      throw new IllegalArgumentException("invalid URL " + shown + ": not http(s) with a host");
    }
    String userInfo = u.getRawUserInfo();
    if (userInfo == null) {
      return new RequestTarget(u, null, shown);
    }
    // user and password are percent-decoded each, so that an encoded ':' stays in its part
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    URI bare = URI.create(u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    return new RequestTarget(bare, "Basic " + basic, shown);
  }

  /** Percent-decoding; '+' is itself in a URL's user info, not a space. */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The Authorization header to send to {@code to}: the credentials only to the URL's own origin. */
  String authorizationFor(URI to) {
    return authorization != null && Redirects.sameOrigin(uri, to) ? authorization : null;
  }
}
