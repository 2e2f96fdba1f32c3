package org.radarbeam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Redirects: which are followed, where to, and which URLs share an origin (and so credentials). */
class RedirectsTest {
  private static final URI FROM = URI.create("https://data.example/radar/a.h5");

  @Test
  void relativeAndAbsoluteLocationsAreFollowed() {
    assertEquals(URI.create("https://data.example/radar/b.h5"), Redirects.next(FROM, 302, "b.h5"));
    assertEquals(URI.create("https://mirror.example/x"), Redirects.next(FROM, 301, "https://mirror.example/x"));
    assertEquals(URI.create("http://other.example/x"),
        Redirects.next(URI.create("http://data.example/"), 307, "http://other.example/x"));
  }

  @Test
  void downgradesOtherSchemesAndNonRedirectsAreNotFollowed() {
    assertNull(Redirects.next(FROM, 302, "http://data.example/radar/a.h5"));
    assertNull(Redirects.next(FROM, 302, "ftp://data.example/a.h5"));
    assertNull(Redirects.next(FROM, 302, null));
    assertNull(Redirects.next(FROM, 302, "http://bad host/"));
    assertNull(Redirects.next(FROM, 304, "/elsewhere"));
    assertNull(Redirects.next(FROM, 200, "/elsewhere"));
  }

  @Test
  void anOriginIsSchemeHostAndPort() {
    assertTrue(Redirects.sameOrigin(FROM, URI.create("https://DATA.example:443/other")));
    assertFalse(Redirects.sameOrigin(FROM, URI.create("http://data.example/radar/a.h5")));
    assertFalse(Redirects.sameOrigin(FROM, URI.create("https://data.example:8443/radar/a.h5")));
    assertFalse(Redirects.sameOrigin(FROM, URI.create("https://mirror.example/radar/a.h5")));
  }
}
