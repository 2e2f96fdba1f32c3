package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radarbeam.io.TooLargeException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A store on 127.0.0.1 that misbehaves in its listings, which S3Proxy cannot be made to do: one that
 * answers "truncated" for ever with new keys (a listing bounded in keys, not the heap), one that
 * answers the same continuation token again, and one that answers the same page under new tokens
 * (listings that end).
 */
class S3ListingBoundsTest {
  private HttpServer server;
  private final AtomicInteger pages = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A ListObjectsV2 endpoint whose every page holds 1000 new keys and says more follow, with {@code token}. */
  private S3Connection endless(boolean sameToken) throws IOException {
    return endless(sameToken, 1000);
  }

  /** As {@link #endless(boolean)}, with {@code keys} keys a page. */
  private S3Connection endless(boolean sameToken, int keys) throws IOException {
    return serve(ex -> {
      int page = pages.incrementAndGet();
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>raw</Name><Prefix>dwd/</Prefix>"
          + "<KeyCount>" + keys + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>"
          + "<NextContinuationToken>" + (sameToken ? "again" : "t" + page) + "</NextContinuationToken>");
      for (int i = 0; i < keys; i++) {
        // in S3's order: ascending, page after page
        xml.append("<Contents><Key>").append(String.format("dwd/%06d-%04d", page, i)).append("</Key><Size>1</Size></Contents>");
      }
      answer(ex, xml.append("</ListBucketResult>").toString());
    });
  }

  /** A store on 127.0.0.1 whose every request {@code listing} answers. */
  private S3Connection serve(HttpHandler listing) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", listing);
    server.start();
    return S3ProxyServer.settingsFor("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(HttpExchange ex, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/xml");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private static S3Client client(S3Connection settings) {
    return S3Clients.builder(settings)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  @Test
  void aListingThatNeverEndsIsRefusedAtItsBound() throws IOException {
    S3Connection settings = endless(false);
    try (S3Client client = client(settings)) {
      TooLargeException e = assertThrows(TooLargeException.class,
          () -> S3Archive.listFullKeys(settings, client, "raw", "dwd/", null, null, 1000, false, 5000));
      assertTrue(e.getMessage().startsWith("LIST s3://raw/dwd/ found more than 5000 keys in 6 pages"), e.getMessage());
      assertEquals(6, pages.get());
    }
  }

  @Test
  void aRepeatedContinuationTokenEndsTheListing() throws IOException {
    S3Connection settings = endless(true);
    try (S3Client client = client(settings)) {
      IOException e = assertThrows(IOException.class,
          () -> S3Archive.listFullKeys(settings, client, "raw", "dwd/", null, null, 1000, false, 100_000));
      assertEquals("LIST s3://raw/dwd/ failed: the store answered the same continuation token again", e.getMessage());
      assertEquals(2, pages.get(), "the first page's token, then the same again");
    }
  }

  @Test
  void aPageOfOneKeyAtATimeIsRefusedAtItsPageBound() throws IOException {
    S3Connection settings = endless(false, 1);
    try (S3Client client = client(settings)) {
      TooLargeException e = assertThrows(TooLargeException.class,
          () -> S3Archive.listFullKeys(settings, client, "raw", "dwd/", null, null, 1000, false, 5000));
      assertTrue(e.getMessage().startsWith("LIST s3://raw/dwd/ took 21 pages for 21 keys, each page saying more would"
          + " follow, with room for at most 5000 (the most one listing holds in this JVM's "), e.getMessage());
    }
  }

  /** The same page again under new tokens: a listing that keeps no keys would never end (a manifest's). */
  @Test
  void aKeyListedAgainEndsTheListing() throws IOException {
    S3Connection settings = serve(ex -> answer(ex, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
        + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>raw</Name><IsTruncated>true</IsTruncated>"
        + "<NextContinuationToken>t" + pages.incrementAndGet() + "</NextContinuationToken>"
        + "<Contents><Key>dwd/1763391600.png</Key><Size>1</Size></Contents></ListBucketResult>"));
    try (S3Client client = client(settings)) {
      IOException e = assertThrows(IOException.class, () -> S3Archive.forEachKey(settings, client, "raw", "dwd/", null,
          null, 1000, false, Long.MAX_VALUE, k -> { }));
      assertEquals("LIST s3://raw/dwd/ failed: the store listed 'dwd/1763391600.png' after 'dwd/1763391600.png', again"
          + " or out of order, so its listing cannot be followed to an end", e.getMessage());
      assertEquals(2, pages.get());
    }
  }

  /** A listing that keeps no keys (a manifest's) still ends when pages without keys say more follow, again and again. */
  @Test
  void pagesWithoutKeysInARowEndAListingThatKeepsNone() throws IOException {
    S3Connection settings = endless(false, 0);
    try (S3Client client = client(settings)) {
      IOException e = assertThrows(IOException.class, () -> S3Archive.forEachKey(settings, client, "raw", "dwd/", null,
          null, 1000, false, Long.MAX_VALUE, k -> { }));
      assertEquals("LIST s3://raw/dwd/ failed: the store answered 101 pages without keys in a row, each saying more"
          + " would follow", e.getMessage());
      assertEquals(101, pages.get());
    }
  }

  /** S3Proxy lists by Java's UTF-16 order, S3 by UTF-8 bytes: both pass, a step back in both fails. */
  @Test
  void keysAscendInEitherOrder() throws IOException {
    String emoji = "in/a\uD83D\uDE00.h5"; // U+1F600: after U+FF01 in UTF-8, before it in UTF-16
    String fullWidth = "in/a\uFF01.h5";
    assertTrue(S3Archive.ascending(emoji, fullWidth) && S3Archive.ascending(fullWidth, emoji));
    assertTrue(!S3Archive.ascending("in/b.h5", "in/a.h5") && !S3Archive.ascending("in/a.h5", "in/a.h5"));
    S3Connection settings = serve(ex -> answer(ex, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
        + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>raw</Name><IsTruncated>false</IsTruncated>"
        + "<Contents><Key>" + emoji + "</Key><Size>1</Size></Contents><Contents><Key>" + fullWidth + "</Key><Size>1</Size>"
        + "</Contents><Contents><Key>in/b.h5</Key><Size>1</Size></Contents></ListBucketResult>"));
    try (S3Client client = client(settings)) {
      assertEquals(List.of(emoji, fullWidth, "in/b.h5"),
          S3Archive.listFullKeys(settings, client, "raw", "in/", null, null, 1000, false, 100));
    }
  }

  @Test
  void aListingWithinItsBoundIsWhole() throws IOException {
    S3Connection settings = serve(ex -> {
      pages.incrementAndGet();
      answer(ex, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
          + "<Name>raw</Name><IsTruncated>false</IsTruncated><Contents><Key>dwd/a</Key><Size>1</Size></Contents>"
          + "</ListBucketResult>");
    });
    try (S3Client client = client(settings)) {
      assertEquals(List.of("dwd/a"), S3Archive.listFullKeys(settings, client, "raw", "dwd/", null, null, 1000, false, 1));
    }
  }
}
