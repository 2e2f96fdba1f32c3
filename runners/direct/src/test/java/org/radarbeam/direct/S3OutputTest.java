package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.store.FaultyHttpProxy;
import org.radarbeam.store.S3ProxyServer;
import org.radarbeam.store.SystemCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * A backfill from an S3 archive into S3 object storage, against S3Proxy running as its own
 * process on 127.0.0.1, reached through a proxy that can fail on demand.
 */
class S3OutputTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer(true);
  static SystemCredentials credentials;
  FaultyHttpProxy proxy;
  String raw;
  String maps;

  @BeforeAll
  static void credentials() {
    credentials = S3ProxyServer.useTestCredentials();
  }

  @AfterAll
  static void restore() {
    credentials.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    proxy = FaultyHttpProxy.inFrontOf(S3).start();
    raw = S3.createBucket("raw-" + System.nanoTime());
    maps = S3.createBucket("maps-" + System.nanoTime());
    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1500-hd5", TestComposites.uint8Composite("20251117", "150000"));
    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1505-hd5", TestComposites.uint8Composite("20251117", "150500"));
    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1400-hd5", TestComposites.uint8Composite("20251117", "140000"));
    put(raw, "dwd/2025/11/18/composite_dmax_20251118_1500-hd5", TestComposites.uint8Composite("20251118", "150000"));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  private void put(String bucket, String key, byte[] data) {
    S3.admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
  }

  private String[] backfill(String endpoint, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--sources=dwd",
        "--input=s3://" + raw + "/{source}/{yyyy}/{MM}/{dd}/*", "--from=2025-11-17T14:30Z", "--to=2025-11-17T15:30Z",
        "--output=s3://" + maps + "/iradar", "--s3Endpoint=" + endpoint, "--s3PathStyle=true",
        "--cacheControl=public, max-age=300", "--acl=public-read", "--runId=s3run"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void theFailureReportStaysPrivateWhateverAclTheImagesGet() {
    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1510-hd5", new byte[] {1, 2, 3});
    RadarMainTest.Run r = RadarMainTest.run(backfill(proxy.endpoint()));
    assertEquals(3, r.status, r.stdout + r.stderr);
    String report = "iradar/_failures/s3run.jsonl";
    assertTrue(S3.keys(maps).contains(report), S3.keys(maps).toString());
    assertTrue(publicRead("iradar/germany/1763391600.png"), "the images get --acl");
    assertFalse(publicRead(report), "the report names inputs and errors: never public");
  }

  @Test
  void s3GlobsExpandLikeLocalOnes() {
    // a class and alternatives: 15:00 and 15:05 of the 17th, not 14:00
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd",
        "--input=s3://" + raw + "/dwd/2025/11/1[7]/composite_dmax_20251117_{1500,1505}-hd5",
        "--output=s3://" + maps + "/globbed", "--s3Endpoint=" + proxy.endpoint(), "--s3PathStyle=true");
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("frames listed 2,"), r.stdout);
    assertEquals(List.of("globbed/germany/1763391600.png", "globbed/germany/1763391900.png"),
        S3.keys(maps).stream().filter(k -> k.startsWith("globbed/") && RadarMainTest.isImage(k.substring(8))).sorted()
            .collect(Collectors.toList()));
    RadarMainTest.Run open = RadarMainTest.run("--sources=dwd", "--input=s3://" + raw + "/dwd/{1500-hd5",
        "--output=s3://" + maps + "/globbed", "--s3Endpoint=" + proxy.endpoint(), "--s3PathStyle=true");
    assertEquals(2, open.status, open.stdout + open.stderr);
    assertTrue(open.stderr.contains("unclosed {"), open.stderr);
  }

  private boolean publicRead(String key) {
    return S3.admin().getObjectAcl(b -> b.bucket(maps).key(key)).grants().stream()
        .anyMatch(g -> g.grantee().type() == Type.GROUP && String.valueOf(g.grantee().uri()).endsWith("/AllUsers"));
  }

  /** Files whose names carry no time (ARSO's) take the time in their header from S3 too: window and skip apply. */
  @Test
  void untimedNamesInAnArchiveAreTimedByTheirHeaders() {
    for (String[] f : new String[][] {{"a", "14 0"}, {"b", "15 0"}, {"c", "15 5"}}) {
      put(raw, "arso/2025/11/17/si0-zm-" + f[0] + ".srd", ("time 2025 11 17 " + f[1] + "\nncell 4 2\nDATA\n@ABD\nJZ@A\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    String[] args = {"--sources=arso", "--input=s3://" + raw + "/{source}/{yyyy}/{MM}/{dd}/*",
        "--from=2025-11-17T14:30Z", "--to=2025-11-17T15:30Z", "--output=s3://" + maps + "/iradar",
        "--s3Endpoint=" + S3.endpoint(), "--s3PathStyle=true"};
    RadarMainTest.Run r = RadarMainTest.run(args);
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("frames listed 3, skipped 0, rendered 2, failed 0, outside the window 1"), r.stdout);
    assertEquals(List.of("iradar/slovenia/1763391600.png", "iradar/slovenia/1763391900.png"), S3.keys(maps).stream()
        .filter(k -> k.startsWith("iradar/slovenia/") && k.endsWith(".png")).sorted().toList());
    RadarMainTest.Run again = RadarMainTest.run(args);
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stdout.contains("frames listed 3, skipped 2, rendered 0, failed 0, outside the window 1"),
        again.stdout);
  }

  @Test
  void writesTheWindowsFramesUnderTheirKeysAndARerunPutsNothing() {
    RadarMainTest.Run r = RadarMainTest.run(backfill(proxy.endpoint()));
    assertEquals(0, r.status, r.stdout + r.stderr);
    List<String> keys = S3.keys(maps).stream().sorted().collect(Collectors.toList());
    assertEquals(List.of("iradar/germany/1763391600.png", "iradar/germany/1763391900.png"), keys.stream()
        .filter(k -> k.startsWith("iradar/") && RadarMainTest.isImage(k.substring("iradar/".length()))).toList());
    assertTrue(keys.contains("iradar-data/extent/dwd/extent_index.json"), keys.toString());
    // the viewer page: its objects typed for a browser, the legend reached in the sibling prefix
    for (String[] typed : new String[][] {{"index.html", "text/html"}, {"viewer/viewer.js", "application/javascript"},
        {"viewer/leaflet/leaflet.css", "text/css"}, {"viewer/leaflet/images/layers.png", "image/png"},
        {"viewer/folders.json", "application/json"}, {"germany/frames.json", "application/json"}}) {
      assertEquals(typed[1], S3.admin().headObject(b -> b.bucket(maps).key("iradar/" + typed[0])).contentType(),
          typed[0]);
    }
    String page = S3.admin().getObjectAsBytes(b -> b.bucket(maps).key("iradar/index.html")).asUtf8String();
    assertTrue(page.contains("data-legend=\"../iradar-data/legend/legend.png\""), page);
    HeadObjectResponse head = S3.admin().headObject(b -> b.bucket(maps).key("iradar/germany/1763391600.png"));
    assertEquals("image/png", head.contentType());
    assertEquals("public, max-age=300", head.cacheControl());
    byte[] png = S3.admin().getObjectAsBytes(b -> b.bucket(maps).key("iradar/germany/1763391600.png")).asByteArray();
    assertEquals((byte) 0x89, png[0]);

    // a skipped frame is never downloaded: garbage inputs would otherwise fail
    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1500-hd5", new byte[] {1, 2, 3});
    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1505-hd5", new byte[] {1, 2, 3});
    proxy.resetCounts();
    RadarMainTest.Run again = RadarMainTest.run(backfill(proxy.endpoint()));
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stdout.contains("skipped 2, rendered 0, failed 0"), again.stdout);
    assertEquals(0, proxy.count("PUT"), proxy.counts().toString());

    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1500-hd5", TestComposites.uint8Composite("20251117", "150000"));
    put(raw, "dwd/2025/11/17/composite_dmax_20251117_1505-hd5", TestComposites.uint8Composite("20251117", "150500"));
    proxy.resetCounts();
    RadarMainTest.Run overwrite = RadarMainTest.run(backfill(proxy.endpoint(), "--overwrite"));
    assertEquals(0, overwrite.status, overwrite.stdout + overwrite.stderr);
    assertEquals(3, proxy.count("PUT"), "two images and frames.json: " + proxy.counts());
  }

  @Test
  void providersIntoS3GiveTheSameBytesAsALocalRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("www/dwd/dmax"));
    java.nio.file.Files.write(dir.resolve("composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    java.nio.file.Files.write(dir.resolve("composite_dmax_20251117_1505-hd5"), TestComposites.uint8Composite("20251117", "150500"));
    try (org.radarbeam.source.ProviderServer dwd = new org.radarbeam.source.ProviderServer(tmp.resolve("www"))) {
      String[] common = {"--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:05Z",
          "--providerUrl=dwd=" + dwd.url("/dwd")};
      RadarMainTest.Run local = RadarMainTest.run(concat(common, "--output=" + tmp.resolve("local")));
      assertEquals(0, local.status, local.stdout + local.stderr);
      RadarMainTest.Run s3 = RadarMainTest.run(concat(common, "--output=s3://" + maps + "/iradar",
          "--s3Endpoint=" + proxy.endpoint(), "--s3PathStyle=true"));
      assertEquals(0, s3.status, s3.stdout + s3.stderr);
      for (String key : List.of("germany/1763391600.png", "germany/1763391900.png")) {
        byte[] expected = java.nio.file.Files.readAllBytes(tmp.resolve("local").resolve(key));
        byte[] actual = S3.admin().getObjectAsBytes(b -> b.bucket(maps).key("iradar/" + key)).asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, key);
      }
      proxy.resetCounts();
      RadarMainTest.Run again = RadarMainTest.run(concat(common, "--output=s3://" + maps + "/iradar",
          "--s3Endpoint=" + proxy.endpoint(), "--s3PathStyle=true"));
      assertEquals(0, again.status, again.stdout + again.stderr);
      assertEquals(0, proxy.count("PUT"), proxy.counts().toString());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aStoreAnswering500ForAWhileIsRetriedAndNothingIsLost() {
    proxy.failNext(4);
    RadarMainTest.Run r = RadarMainTest.run(backfill(proxy.endpoint()));
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(S3.keys(maps).containsAll(List.of("iradar/germany/1763391600.png", "iradar/germany/1763391900.png")));
  }

  @Test
  void aStoreThatIsDownFailsBeforeAnyWorkWithAClearMessage() throws IOException {
    proxy.refuseConnections();
    long start = System.nanoTime();
    RadarMainTest.Run r = RadarMainTest.run(backfill(proxy.endpoint()));
    assertEquals(1, r.status, r.stdout + r.stderr);
    assertTrue(r.stderr.contains("cannot reach S3 endpoint"), r.stderr);
    assertFalse(r.stdout.contains("summary"), r.stdout);
    assertTrue((System.nanoTime() - start) / 1e9 < 30);
    assertTrue(S3.keys(maps).isEmpty());
  }

  @Test
  void wrongCredentialsAndMissingBucketsFailInSecondsBeforeRendering() {
    try (SystemCredentials wrong = SystemCredentials.set(S3ProxyServer.ACCESS_KEY, "not-the-secret")) {
      long start = System.nanoTime();
      RadarMainTest.Run r = RadarMainTest.run(backfill(proxy.endpoint()));
      assertEquals(1, r.status, r.stdout + r.stderr);
      assertTrue(r.stderr.contains("credentials were rejected"), r.stderr);
      assertFalse(r.stderr.contains("not-the-secret") || r.stdout.contains("not-the-secret"));
      assertTrue((System.nanoTime() - start) / 1e9 < 10);
    }
    RadarMainTest.Run missing = RadarMainTest.run("--sources=dwd", "--input=s3://" + raw + "/{source}/*",
        "--output=s3://no-such-bucket-here/iradar", "--s3Endpoint=" + S3.endpoint(), "--s3PathStyle=true");
    assertEquals(1, missing.status, missing.stdout + missing.stderr);
    assertTrue(missing.stderr.contains("does not exist"), missing.stderr);
  }

  /** An archive that cannot be read for want of credentials says so in radarbeam's words, not the SDK's chain. */
  @Test
  void anArchiveWithoutCredentialsNamesWhatIsMissing() throws Exception {
    Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        RadarMain.class.getName(), "--sources=dwd", "--input=s3://" + raw + "/{source}/{yyyy}/{MM}/{dd}/*",
        "--from=2025-11-17T14:30Z", "--to=2025-11-17T15:30Z", "--output=" + java.nio.file.Files.createTempDirectory("out"),
        "--s3Endpoint=" + S3.endpoint(), "--s3PathStyle=true").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), output);
    // each pattern that cannot be listed is one warning with the reason; nothing else was there to render
    assertEquals(1, p.exitValue(), output);
    assertTrue(output.contains("dwd: s3://" + raw + "/dwd/2025/11/17/* cannot be listed, its frames are not rendered:"
        + " no S3 credentials found in the AWS default chain"), output);
    assertTrue(output.contains("inputs not listed 1") && output.contains("1 --input pattern(s) could not be listed"),
        output);
    assertFalse(output.contains("run failed") || output.contains("\tat ") || output.contains("none of the 0"), output);
  }

  private static String java() {
    return java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * At --logLevel=debug the AWS SDK's signer would log each canonical request, its session-token header
   * included (web-identity and instance-role credentials always carry one). radar.jar keeps the SDK at info.
   */
  @Test
  void aDebugRunLogsNoSessionToken() throws Exception {
    String token = "rvSESSIONTOKEN" + System.nanoTime();
    List<String> cmd = new java.util.ArrayList<>(List.of(
        java(),
        "-Daws.accessKeyId=" + System.getProperty("aws.accessKeyId"),
        "-Daws.secretAccessKey=" + System.getProperty("aws.secretAccessKey"), "-Daws.sessionToken=" + token,
        "-cp", System.getProperty("java.class.path"), RadarMain.class.getName()));
    cmd.addAll(List.of(backfill(S3.endpoint(), "--logLevel=debug")));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), output);
    // S3Proxy knows no session tokens: the signed requests are refused, after the signer has run
    assertTrue(output.contains("S3 LIST s3://" + maps), output);
    assertFalse(output.contains(token), output.lines().filter(l -> l.contains(token)).limit(3)
        .collect(Collectors.joining("\n")));
  }
}
