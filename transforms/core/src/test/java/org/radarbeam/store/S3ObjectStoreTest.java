package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radarbeam.testing.RefusedPort;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.radarbeam.io.ReusableBuffer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/** S3ObjectStore against S3Proxy 4.1.0 run as its own process, directly and through a faulty proxy. */
class S3ObjectStoreTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static final String BUCKET = "radar-out";
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private static FaultyHttpProxy proxy;
  private static SystemCredentials credentials;

  @BeforeAll
  static void setUp() throws IOException {
    credentials = S3ProxyServer.useTestCredentials();
    proxy = FaultyHttpProxy.inFrontOf(S3);
    S3.createBucket(BUCKET);
  }

  @AfterAll
  static void tearDown() {
    if (proxy != null) {
      proxy.close();
    }
    if (credentials != null) {
      credentials.close();
    }
  }

  @BeforeEach
  void healthyProxy() throws IOException {
    proxy.forward();
    proxy.resetCounts();
  }

  /** A fresh prefix per test, so that tests never see each other's objects. */
  private static String freshPrefix() {
    return "t" + PREFIXES.incrementAndGet() + "/composites";
  }

  /** A store at {@code prefix} that goes through the proxy, with quick retries. */
  private static S3ObjectStore throughProxy(String prefix) {
    return new S3ObjectStore(S3Location.of(BUCKET, prefix), quickRetries(proxy.endpoint()), S3WritePolicy.NONE);
  }

  /** The proxy endpoint with quick retries, so that failing calls end fast. */
  private static S3Connection quickRetries(String endpoint) {
    return S3ProxyServer.settingsFor(endpoint).toBuilder()
        .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .build();
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static boolean objectExists(String key) {
    try {
      S3.admin().headObject(b -> b.bucket(BUCKET).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  // ---- keys, headers, bytes ----

  @Test
  void writesKeysBelowThePrefix() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = S3ObjectStore.create("s3://" + BUCKET + "/" + prefix + "/", S3.settings(), S3WritePolicy.NONE);
    store.write("dwd/1700000000.png", new byte[] {1, 2, 3}, "image/png");

    assertEquals(List.of(prefix + "/dwd/1700000000.png"), S3.keys(BUCKET).stream()
        .filter(k -> k.startsWith(prefix + "/")).toList());
    assertEquals("s3://" + BUCKET + "/" + prefix + "/dwd/1700000000.png", store.describe("dwd/1700000000.png"));
  }

  @Test
  void writesKeysAtTheBucketRootWithoutPrefix() throws IOException {
    String bucket = S3.createBucket("radar-root");
    S3ObjectStore store = S3ObjectStore.create("s3://" + bucket, S3.settings(), S3WritePolicy.NONE);
    store.write("shmu/1700000300.png", new byte[] {4}, "image/png");

    assertEquals(List.of("shmu/1700000300.png"), S3.keys(bucket));
    assertEquals("s3://radar-root/shmu/1700000300.png", store.describe("shmu/1700000300.png"));
    assertEquals(Set.of("shmu/1700000300.png"), store.listKeys(""));
  }

  @Test
  void storesContentTypeCacheControlAndAcl() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3.settings(),
        new S3WritePolicy("public, max-age=300", "public-read"));
    store.write("chmi/1700000600.png", randomBytes(1000, 1), "image/png");

    HeadObjectResponse head = S3.admin().headObject(b -> b.bucket(BUCKET).key(prefix + "/chmi/1700000600.png"));
    assertEquals("image/png", head.contentType());
    assertEquals("public, max-age=300", head.cacheControl());
    assertEquals(1000L, head.contentLength());

    GetObjectAclResponse acl = S3.admin().getObjectAcl(b -> b.bucket(BUCKET).key(prefix + "/chmi/1700000600.png"));
    assertTrue(acl.grants().stream().anyMatch(g -> g.grantee().type() == Type.GROUP
            && g.grantee().uri() != null && g.grantee().uri().endsWith("/global/AllUsers")
            && g.permission() == Permission.READ),
        "public-read grants READ to AllUsers: " + acl.grants());
  }

  @Test
  void privateObjectsHaveNoPublicGrant() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3.settings(), S3WritePolicy.NONE);
    store.write("imgw/1.png", new byte[] {1}, "image/png");

    HeadObjectResponse head = S3.admin().headObject(b -> b.bucket(BUCKET).key(prefix + "/imgw/1.png"));
    assertEquals("image/png", head.contentType());
    GetObjectAclResponse acl = S3.admin().getObjectAcl(b -> b.bucket(BUCKET).key(prefix + "/imgw/1.png"));
    assertFalse(acl.grants().stream().anyMatch(g -> g.grantee().type() == Type.GROUP), acl.grants().toString());
  }

  @Test
  void bytesRoundTrip() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3.settings(), S3WritePolicy.NONE);
    byte[] png = randomBytes(700_000, 2);
    store.write("dwd/1700000900.png", png, "image/png");

    assertArrayEquals(png, store.read("dwd/1700000900.png"));
    ResponseBytes<GetObjectResponse> raw =
        S3.admin().getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "/dwd/1700000900.png"));
    assertArrayEquals(png, raw.asByteArray());
    assertArrayEquals(png, S3Archive.readUri(S3.settings(),
        "s3://" + BUCKET + "/" + prefix + "/dwd/1700000900.png", ReusableBuffer.MAX_INPUT_BYTES));
    // a header is read with a ranged GET: the first bytes only, or all of an object shorter than them
    ReusableBuffer buffer = new ReusableBuffer();
    ByteBuffer head = S3Archive.readUriHead(S3.settings(), "s3://" + BUCKET + "/" + prefix + "/dwd/1700000900.png",
        2048, buffer);
    assertArrayEquals(Arrays.copyOf(png, 2048), Arrays.copyOf(ReusableBuffer.array(head), head.limit()));
    store.write("arso/b.srd", new byte[] {1, 2, 3, 4, 5}, "application/octet-stream");
    ByteBuffer all = S3Archive.readUriHead(S3.settings(), "s3://" + BUCKET + "/" + prefix + "/arso/b.srd", 2048, buffer);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Arrays.copyOf(ReusableBuffer.array(all), all.limit()));

    FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> store.read("dwd/0.png"));
    assertEquals("S3 object s3://" + BUCKET + "/" + prefix + "/dwd/0.png does not exist", missing.getMessage());
  }

  @Test
  void anObjectAboveTheSizeBoundIsRefusedBeforeItsBodyIsRead() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3.settings(), S3WritePolicy.NONE);
    store.write("dwd/1700000900.png", randomBytes(10_000, 3), "image/png");
    String uri = "s3://" + BUCKET + "/" + prefix + "/dwd/1700000900.png";
    ReusableBuffer buffer = new ReusableBuffer();

    IOException e = assertThrows(IOException.class, () -> S3Archive.readUri(S3.settings(), uri, 1000, buffer));
    assertEquals(uri + " is 10000 bytes, above the 1000-byte limit", e.getMessage());
    assertEquals(0, buffer.capacity(), "the announced length is refused before any buffer is sized for it");
  }

  @Test
  void existsIsTrueOnlyForWrittenKeys() throws IOException {
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, freshPrefix()), S3.settings(), S3WritePolicy.NONE);
    assertFalse(store.exists("dwd/1700001200.png"));
    store.write("dwd/1700001200.png", new byte[] {9}, "image/png");
    assertTrue(store.exists("dwd/1700001200.png"));
    assertFalse(store.exists("dwd/1700001500.png"));
    assertFalse(store.exists("dwd/1700001200.png.tmp"));
  }

  @Test
  void listKeysPagesThroughAFolderAndReturnsRelativeKeys() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = throughProxy(prefix);
    Set<String> written = new TreeSet<>();
    for (int i = 0; i < 7; i++) {
      String key = "dwd/" + (1_700_000_000 + 300 * i) + ".png";
      store.write(key, new byte[] {(byte) i}, "image/png");
      written.add(key);
    }
    store.write("dwd2/1700000000.png", new byte[] {1}, "image/png");
    store.write("shmu/1700000000.png", new byte[] {1}, "image/png");
    proxy.resetCounts();

    assertEquals(written, store.listKeys("dwd/", 2));
    assertEquals(4, proxy.count("GET"), "7 keys in pages of 2: 4 LIST requests " + proxy.counts());
    assertEquals(Set.of(), store.listKeys("arso/"));
    assertEquals(9, store.listKeys("").size());

    List<String> uris = S3Archive.listUris(S3.settings(), S3Location.of(BUCKET, prefix), "dwd/");
    assertEquals(7, uris.size());
    assertEquals("s3://" + BUCKET + "/" + prefix + "/dwd/1700000000.png", uris.get(0));
    assertArrayEquals(new byte[] {0}, S3Archive.readUri(S3.settings(), uris.get(0), ReusableBuffer.MAX_INPUT_BYTES));
  }

  @Test
  void existingListsOnlyTheWindowOfKeys() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = throughProxy(prefix);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String key = "dwd/" + (1_700_000_000 + 300 * i) + ".png";
      store.write(key, new byte[] {(byte) i}, "image/png");
      all.add(key);
    }
    proxy.resetCounts();

    Set<String> window = new TreeSet<>(all.subList(10, 14));
    window.add("dwd/1700004050.png"); // not written
    assertEquals(new TreeSet<>(all.subList(10, 14)), store.existing("dwd/170000", window));
    assertEquals(1, proxy.count("GET"), "one LIST for the window: " + proxy.counts());
    assertEquals(0, proxy.count("HEAD"), proxy.counts().toString());

    proxy.resetCounts();
    assertEquals(new TreeSet<>(all.subList(10, 14)),
        store.listKeysBetween("dwd/", all.get(10), all.get(13), 2));
    assertEquals(3, proxy.count("GET"), "starts at the window and stops after it: " + proxy.counts());

    assertEquals(Set.of(all.get(29)), store.existing(all.get(29), Set.of(all.get(29))));
    // an empty object (another tool's: ours are whole) counts as missing in listings, as in exists
    store.write(all.get(12), new byte[0], "image/png");
    assertFalse(store.exists(all.get(12)));
    assertEquals(new TreeSet<>(List.of(all.get(10), all.get(11), all.get(13))), store.existing("dwd/170000", window));
    java.util.Set<String> listed = new java.util.TreeSet<>();
    store.forEachKeyBetween("dwd", all.get(10), all.get(13), listed::add);
    assertFalse(listed.contains(all.get(12)));
    assertEquals(Set.of(), store.existing("shmu/", Set.of("shmu/1700000000.png")));
    assertEquals(Set.of(), store.existing("dwd/", Set.of()));
  }

  @Test
  void rerunWritesNothing() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = throughProxy(prefix);
    List<String> planned = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      planned.add("shmu/" + (1_700_000_000 + 300 * i) + ".png");
    }

    assertEquals(5, runOnce(store, planned));
    assertEquals(5, proxy.count("PUT"));

    proxy.resetCounts();
    assertEquals(0, runOnce(store, planned));
    assertEquals(0, proxy.count("PUT"), "a rerun sends no PUT: " + proxy.counts());
    assertEquals(1, proxy.count("GET"), "one LIST for the folder: " + proxy.counts());
    assertEquals(0, proxy.count("HEAD"), "no HEAD per key: " + proxy.counts());
  }

  /** What the pipeline does per folder: one LIST, then writes only what is missing. */
  private static int runOnce(S3ObjectStore store, List<String> planned) throws IOException {
    Set<String> existing = store.listKeys("shmu/");
    int written = 0;
    for (String key : planned) {
      if (!existing.contains(key)) {
        store.write(key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "image/png");
        written++;
      }
    }
    return written;
  }

  @Test
  void overwriteReplacesTheObject() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3.settings(), S3WritePolicy.NONE);
    store.write("omsz/1700000000.png", randomBytes(5000, 3), "image/png");
    byte[] second = randomBytes(3000, 4);
    store.write("omsz/1700000000.png", second, "image/png");
    assertArrayEquals(second, store.read("omsz/1700000000.png"));
    assertEquals(Set.of("omsz/1700000000.png"), store.listKeys("omsz/"));
  }

  @Test
  void storeIsSerializableAndWorksAfterDeserialization() throws Exception {
    String prefix = freshPrefix();
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3.settings(), S3WritePolicy.NONE);
    store.write("arso/1.png", new byte[] {1}, "image/png");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(store);
    }
    ObjectStore copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ObjectStore) in.readObject();
    }
    assertTrue(copy.exists("arso/1.png"));
    assertSame(S3Clients.get(S3.settings()), S3Clients.get(S3ProxyServer.settingsFor(S3.endpoint())),
        "one client per JVM and settings");
  }

  // ---- preflight ----

  @Test
  void preflightPassesForAWritableBucket() throws IOException {
    new S3ObjectStore(S3Location.of(BUCKET, freshPrefix()), S3.settings(), S3WritePolicy.NONE).checkWritable();
  }

  @Test
  void preflightRejectsAWrongSecretQuicklyWithoutEchoingIt() {
    String secret = "wrong-secret-9f8e7d6c5b4a";
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, "x"), S3ProxyServer.settingsFor(proxy.endpoint()), S3WritePolicy.NONE);
    long t0 = System.nanoTime();
    IOException e;
    IOException put;
    try (SystemCredentials wrong = SystemCredentials.set(S3ProxyServer.ACCESS_KEY, secret)) {
      e = assertThrows(IOException.class, store::checkWritable);
      put = assertThrows(IOException.class, () -> store.write("dwd/1.png", new byte[] {1}, "image/png"));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 15_000, "took " + ms + " ms: not retried until a call timeout (60 s)");
    assertEquals("S3 credentials were rejected (403 SignatureDoesNotMatch) by " + proxy.endpoint()
        + " for LIST s3://" + BUCKET + "; check the AWS default credential chain (AWS_ACCESS_KEY_ID/"
        + "AWS_SECRET_ACCESS_KEY, aws.accessKeyId/aws.secretAccessKey, AWS_PROFILE, web identity)", e.getMessage());
    assertTrue(put.getMessage().startsWith("S3 credentials were rejected (403 SignatureDoesNotMatch)"),
        put.getMessage());
    assertEquals(1, proxy.count("GET"), "a 403 is never retried: " + proxy.counts());
    assertEquals(1, proxy.count("PUT"), "a 403 is never retried: " + proxy.counts());
    for (IOException x : List.of(e, put)) {
      assertFalse(stackTrace(x).contains(secret), "the secret must not appear anywhere in the failure");
    }
  }

  @Test
  void preflightRejectsAnUnknownAccessKey() {
    String secret = "another-secret-1234567";
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, "x"), S3.settings(), S3WritePolicy.NONE);
    IOException e;
    try (SystemCredentials wrong = SystemCredentials.set("nobody", secret)) {
      e = assertThrows(IOException.class, store::checkWritable);
    }
    assertTrue(e.getMessage().startsWith("S3 credentials were rejected (403 "), e.getMessage());
    assertFalse(stackTrace(e).contains(secret));
  }

  @Test
  void preflightReportsAMissingBucket() {
    S3ObjectStore store = S3ObjectStore.create("s3://no-such-bucket/composites",
        S3ProxyServer.settingsFor(proxy.endpoint()), S3WritePolicy.NONE);
    IOException e = assertThrows(IOException.class, store::checkWritable);
    assertEquals("S3 bucket 'no-such-bucket' does not exist at " + proxy.endpoint(), e.getMessage());
    IOException put = assertThrows(IOException.class, () -> store.write("a.png", new byte[] {1}, "image/png"));
    assertEquals("S3 bucket 'no-such-bucket' does not exist at " + proxy.endpoint(), put.getMessage());
    assertEquals(1, proxy.count("PUT"), "a 404 is never retried: " + proxy.counts());
  }

  @Test
  void preflightReportsARefusedConnectionWithinSeconds() throws IOException {
    String endpoint;
    IOException e;
    long ms;
    try (RefusedPort refusing = new RefusedPort()) {
      endpoint = "http://127.0.0.1:" + refusing.port();
      S3ObjectStore store = S3ObjectStore.create("s3://" + BUCKET, S3ProxyServer.settingsFor(endpoint), S3WritePolicy.NONE);
      long t0 = System.nanoTime();
      e = assertThrows(IOException.class, store::checkWritable);
      ms = (System.nanoTime() - t0) / 1_000_000;
    }
    assertTrue(ms < 15_000, "took " + ms + " ms: within the retry budget, not a call timeout (60 s)");
    assertTrue(e.getMessage().startsWith("cannot reach S3 endpoint " + endpoint + ": connection refused"),
        e.getMessage());
  }

  // ---- reliability ----

  @Test
  void serverErrorsAreRetriedWithTheDefaultBackoff() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3ProxyServer.settingsFor(proxy.endpoint()), S3WritePolicy.NONE);
    byte[] png = randomBytes(20_000, 5);
    proxy.failNext(3);
    store.write("dwd/1700002000.png", png, "image/png");
    assertEquals(4, proxy.count("PUT"), "3 answered 500, the 4th went through: " + proxy.counts());
    assertArrayEquals(png, store.read("dwd/1700002000.png"));
  }

  @Test
  void aStoreRefusingConnectionsForAWhileIsRetried() throws IOException {
    String prefix = freshPrefix();
    // a proxy of its own: no pooled keep-alive connection may slip past the refusal
    try (FaultyHttpProxy own = FaultyHttpProxy.inFrontOf(S3).start()) {
      S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), S3ProxyServer.settingsFor(own.endpoint()), S3WritePolicy.NONE);
      own.refuseFor(Duration.ofMillis(1200));
      long t0 = System.nanoTime();
      store.write("chmi/1700002300.png", new byte[] {7, 7}, "image/png");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 1000, "the write waited for the store to come back: " + ms + " ms\n" + own.events());
      assertEquals(1, own.count("PUT"), "refused attempts never reach the proxy: " + own.counts());
    }
    assertArrayEquals(new byte[] {7, 7}, S3.admin().getObjectAsBytes(
        b -> b.bucket(BUCKET).key(prefix + "/chmi/1700002300.png")).asByteArray());
  }

  @Test
  void anUploadCutMidBodyIsRetriedAndStoredWhole() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = throughProxy(prefix);
    byte[] png = randomBytes(400_000, 6);
    proxy.truncateNext(1);
    store.write("imgw/1700002600.png", png, "image/png");
    assertEquals(2, proxy.count("PUT"), proxy.counts().toString());
    assertArrayEquals(png, store.read("imgw/1700002600.png"));
  }

  /** A store that takes the connection and drops it every time is reached: the message says the connection failed. */
  @Test
  void aStoreThatDropsEveryConnectionIsNotCalledUnreachable() throws IOException {
    S3ObjectStore store = throughProxy(freshPrefix());
    proxy.dropNext(100);
    IOException e = assertThrows(IOException.class, () -> store.write("dwd/1700002900.png", new byte[] {1}, "image/png"));
    proxy.dropNext(0);
    assertTrue(e.getMessage().startsWith("the connection to S3 endpoint " + proxy.endpoint() + " failed: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("after 6 attempts)"), e.getMessage());
  }

  @Test
  void aConnectionDroppedBeforeAnyAnswerIsRetried() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = throughProxy(prefix);
    byte[] png = randomBytes(50_000, 11);
    // the HTTP client reports this upload as an UncheckedIOException ("Unexpected end of file from
    // server") while it waits for 100 Continue; it must be retried like any other lost connection
    proxy.dropNext(1);
    store.write("omsz/1700002700.png", png, "image/png");
    assertEquals(2, proxy.count("PUT"), proxy.events());
    assertArrayEquals(png, store.read("omsz/1700002700.png"));
    proxy.resetCounts();
    proxy.dropNext(1);
    assertArrayEquals(png, store.read("omsz/1700002700.png"));
    assertEquals(2, proxy.count("GET"), proxy.events());
  }

  @Test
  void aDownloadCutMidwayIsRetried() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = throughProxy(prefix);
    byte[] raw = randomBytes(300_000, 10);
    store.write("raw/dwd/composite.hd5", raw, "application/x-hdf5");
    proxy.resetCounts();
    proxy.cutResponseNext(1);
    assertArrayEquals(raw, store.read("raw/dwd/composite.hd5"));
    assertEquals(2, proxy.count("GET"), proxy.events());
  }

  @Test
  void aStoreThatStaysDownFailsClearlyWithinTheBudgetAndLeavesNothing() throws IOException {
    String prefix = freshPrefix();
    S3Connection settings = quickRetries(proxy.endpoint());
    S3ObjectStore store = new S3ObjectStore(S3Location.of(BUCKET, prefix), settings, S3WritePolicy.NONE);

    proxy.refuseConnections();
    long t0 = System.nanoTime();
    IOException refused = assertThrows(IOException.class,
        () -> store.write("dwd/1700002900.png", randomBytes(10_000, 7), "image/png"), () -> proxy.events());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < settings.maxTotalBackoff().toMillis() + 10_000, "took " + ms + " ms: the retry budget, not a call timeout");
    assertEquals("cannot reach S3 endpoint " + proxy.endpoint() + ": connection refused (PUT s3://" + BUCKET
        + "/" + prefix + "/dwd/1700002900.png after 6 attempts)", refused.getMessage());

    proxy.forward();
    proxy.failAll();
    IOException failing = assertThrows(IOException.class,
        () -> store.write("dwd/1700003200.png", randomBytes(10_000, 8), "image/png"));
    assertEquals(6, proxy.count("PUT"), proxy.counts().toString());
    assertEquals("S3 PUT s3://" + BUCKET + "/" + prefix + "/dwd/1700003200.png failed: HTTP 500 InternalError"
        + " after 6 attempts at " + proxy.endpoint(), failing.getMessage());

    proxy.forward();
    proxy.truncateNext(100);
    assertThrows(IOException.class,
        () -> store.write("dwd/1700003500.png", randomBytes(200_000, 9), "image/png"));

    proxy.forward();
    assertFalse(objectExists(prefix + "/dwd/1700002900.png"));
    assertFalse(objectExists(prefix + "/dwd/1700003200.png"));
    assertFalse(objectExists(prefix + "/dwd/1700003500.png"), "no partial object from cut uploads");
    assertEquals(Set.of(), store.listKeys(""));
  }

  @Test
  void aHeadThatFailsIsAFailureNotAMissingObject() throws IOException {
    String prefix = freshPrefix();
    S3ObjectStore store = throughProxy(prefix);
    proxy.failAll();
    IOException failing = assertThrows(IOException.class, () -> store.exists("dwd/1700003800.png"));
    assertEquals(6, proxy.count("HEAD"), "a 500 is retried: " + proxy.counts());
    // the SDK rebuilds the failure of a HEAD after its retries, without the earlier attempts: no count to name
    assertEquals("S3 HEAD s3://" + BUCKET + "/" + prefix + "/dwd/1700003800.png failed: HTTP 500 at "
        + proxy.endpoint(), failing.getMessage());

    proxy.forward();
    proxy.refuseConnections();
    IOException refused = assertThrows(IOException.class, () -> store.exists("dwd/1700003800.png"));
    proxy.forward();
    assertEquals("cannot reach S3 endpoint " + proxy.endpoint() + ": connection refused (HEAD s3://" + BUCKET + "/"
        + prefix + "/dwd/1700003800.png after 6 attempts)", refused.getMessage());
  }

  // ---- answers S3Proxy cannot give: a store on 127.0.0.1 that answers as AWS does ----

  /** A store on 127.0.0.1 whose every request (its body read) {@code handler} answers. */
  private static HttpServer aws(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        handler.handle(ex);
      }
    });
    server.start();
    return server;
  }

  private static String endpoint(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** An S3 error answer: its XML body, or none for a HEAD (AWS sends none). */
  private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>1</RequestId><HostId>h</HostId></Error>").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/xml");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      ex.getResponseBody().write(body);
    }
  }

  /** AWS answers a HEAD it refuses with 403 and no body, so no error code: said so, and not retried. */
  @Test
  void aHeadRefusedWithoutAnErrorCodeSaysTheCredentialsOrPermissionsAreWrong() throws IOException {
    AtomicInteger heads = new AtomicInteger();
    HttpServer server = aws(ex -> {
      heads.incrementAndGet();
      ex.sendResponseHeaders(403, -1);
    });
    try {
      S3ObjectStore store = new S3ObjectStore(S3Location.of("maps", "iradar"),
          S3ProxyServer.settingsFor(endpoint(server)), S3WritePolicy.NONE);
      IOException e = assertThrows(IOException.class, () -> store.exists("dwd/1700000000.png"));
      assertEquals("S3 refused HEAD s3://maps/iradar/dwd/1700000000.png (403) at " + endpoint(server)
          + ": the credentials were rejected or lack permission", e.getMessage());
      assertEquals(1, heads.get(), "a 403 is never retried");
    } finally {
      server.stop(0);
    }
  }

  /** A bucket in another region (AWS's 301 PermanentRedirect) names the option that sets the region, and is not retried. */
  @Test
  void aBucketInAnotherRegionNamesTheOptionThatSetsIt() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = aws(ex -> {
      requests.incrementAndGet();
      ex.getResponseHeaders().set("x-amz-bucket-region", "eu-central-1");
      error(ex, 301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the"
          + " specified endpoint. Please send all future requests to this endpoint.");
    });
    try {
      S3Connection settings = S3ProxyServer.settingsFor(endpoint(server));
      IOException get = assertThrows(IOException.class, () -> S3Archive.readUri(settings, "s3://maps/dwd/1.h5",
          ReusableBuffer.MAX_INPUT_BYTES));
      assertEquals("S3 bucket 'maps' is not in region us-east-1 (301 PermanentRedirect); set the bucket's region"
          + " with --s3Region or AWS_REGION", get.getMessage());
      S3ObjectStore store = new S3ObjectStore(S3Location.of("maps", "iradar"), settings, S3WritePolicy.NONE);
      IOException head = assertThrows(IOException.class, () -> store.exists("dwd/1.png"));
      assertEquals("S3 bucket 'maps' is not in region us-east-1 (301); set the bucket's region with --s3Region or"
          + " AWS_REGION", head.getMessage());
      assertEquals(2, requests.get(), "neither is retried");
    } finally {
      server.stop(0);
    }
  }

  /** A store that throttles with 429 (no error code, as S3-compatible stores send it) is asked again until it answers. */
  @Test
  void aStoreThrottlingWith429IsAskedAgain() throws IOException {
    AtomicInteger gets = new AtomicInteger();
    byte[] frame = randomBytes(1000, 12);
    HttpServer server = aws(ex -> {
      if (gets.incrementAndGet() <= 2) {
        ex.sendResponseHeaders(429, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.sendResponseHeaders(200, frame.length);
      ex.getResponseBody().write(frame);
    });
    try {
      assertArrayEquals(frame, S3Archive.readUri(quickRetries(endpoint(server)), "s3://maps/dwd/1.h5",
          ReusableBuffer.MAX_INPUT_BYTES));
      assertEquals(3, gets.get(), "two throttled attempts, then the answer");
    } finally {
      server.stop(0);
    }
  }

  /**
   * An object body that ends cleanly before the length its Content-Length announced is not taken as the object: each
   * attempt fails, and the failure says how much came, naming the key as it is.
   */
  @Test
  void aBodyShorterThanItsContentLengthIsNotTakenAsTheObject() throws IOException {
    AtomicInteger gets = new AtomicInteger();
    HttpServer server = aws(ex -> {
      gets.incrementAndGet();
      // chunked, so the body ends cleanly, with a Content-Length that announces more
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.getResponseHeaders().set("Content-Length", "100");
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().write(new byte[50]);
    });
    try {
      String uri = "s3://maps/shmu/T_PABV22_C_LZIB_20251117120000.hdf";
      IOException e = assertThrows(IOException.class, () -> S3Archive.readUri(quickRetries(endpoint(server)), uri,
          ReusableBuffer.MAX_INPUT_BYTES));
      assertEquals("the connection to S3 endpoint " + endpoint(server) + " failed: I/O error: " + uri
          + " ended after 50 of 100 bytes (GET " + uri + " after 6 attempts)", e.getMessage());
      assertEquals(6, gets.get());
    } finally {
      server.stop(0);
    }
  }

  /** A store that takes the request and never answers fails the call at its timeout, saying so in one line. */
  @Test
  void aStoreThatNeverAnswersFailsAtTheCallTimeout() throws IOException {
    try (org.radarbeam.source.RawProvider hole = org.radarbeam.source.RawProvider.blackHole()) {
      String endpoint = hole.url("");
      S3Connection settings = S3ProxyServer.settingsFor(endpoint).toBuilder().callTimeout(Duration.ofSeconds(1)).build();
      long t0 = System.nanoTime();
      IOException e = assertThrows(IOException.class, () -> S3Archive.readUri(settings, "s3://maps/dwd/1.h5",
          ReusableBuffer.MAX_INPUT_BYTES));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 10_000, "took " + ms + " ms");
      assertEquals("S3 GET s3://maps/dwd/1.h5 did not complete within 1 s at " + endpoint, e.getMessage());
      assertEquals(1, hole.connections());
    }
  }

  /** Each attempt's wait for an answer is bounded by the socket timeout: the attempts are retried, then said so. */
  @Test
  void aStoreThatNeverAnswersTimesOutEachAttempt() throws IOException {
    try (org.radarbeam.source.RawProvider hole = org.radarbeam.source.RawProvider.blackHole()) {
      String endpoint = hole.url("");
      S3Connection settings = quickRetries(endpoint).toBuilder().maxAttempts(2)
          .socketTimeout(Duration.ofMillis(500)).build();
      IOException e = assertThrows(IOException.class, () -> S3Archive.readUri(settings, "s3://maps/dwd/1.h5",
          ReusableBuffer.MAX_INPUT_BYTES));
      assertEquals("the connection to S3 endpoint " + endpoint + " failed: timed out waiting for an answer"
          + " (GET s3://maps/dwd/1.h5 after 2 attempts)", e.getMessage());
      assertEquals(2, hole.connections());
    }
  }

  @Test
  void defaultRetryBudgetIsBounded() {
    S3Connection d = S3Connection.defaults();
    assertEquals(6, d.maxAttempts());
    assertTrue(d.maxTotalBackoff().compareTo(Duration.ofSeconds(30)) <= 0, d.maxTotalBackoff().toString());
    assertTrue(d.maxTotalBackoff().compareTo(Duration.ofSeconds(5)) >= 0, d.maxTotalBackoff().toString());
  }
}
