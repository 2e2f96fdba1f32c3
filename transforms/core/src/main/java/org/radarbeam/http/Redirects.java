package org.radarbeam.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Redirects as HttpClient.Redirect.NORMAL follows them (never from https to http), followed by the
 * fetcher itself: java.net.http would send the request's Authorization header to whatever host a
 * redirect names, where the fetcher, like curl, sends credentials only to the URL's own origin.
 */
final class Redirects {
  /** As many as java.net.http follows. */
  static final int MAX = 5;

  private Redirects() {}

  /**
   * Where an answer to a request of {@code from} redirects to: null if it is no redirect, or one not
   * followed (https to http, another scheme, a missing or bad Location).
   *
   * @param location the answer's Location, null without one
   */
  static URI next(URI from, int status, String location) {
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308 || location == null) {
      return null;
    }
    URI to;
    try {
      to = from.resolve(new URI(location.trim()));
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    boolean followed = scheme.equals("https") || scheme.equals("http") && from.getScheme().equalsIgnoreCase("http");
    return followed && to.getHost() != null ? to : null;
  }

  /** Same scheme, host and port (default ports included). */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  /** The port {@code u} is served on, its scheme's default when it names none. */
  static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
