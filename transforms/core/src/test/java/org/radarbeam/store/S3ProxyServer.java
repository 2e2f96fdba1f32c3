package org.radarbeam.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.radarbeam.http.ExtraCaTrust;
import org.radarbeam.http.TestPki;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 4.1.0 as its own process on 127.0.0.1, for tests: {@code java -jar target/s3proxy.jar
 * --properties <tmp>/s3proxy.conf} with AWS v2/v4 authorisation and the fixed test credentials
 * {@link #ACCESS_KEY}/{@link #SECRET_KEY}, storing into a temporary directory (filesystem-nio2) or
 * memory (transient-nio2). {@link #overTls()} serves HTTPS only, with a server certificate of a test CA
 * made at start ({@link #caCertsPem()}), which no default trust store holds.
 *
 * <p>Use it as a JUnit 5 extension ({@code @RegisterExtension static final S3ProxyServer S3 = new
 * S3ProxyServer();} starts it before all tests of the class and stops it after them, also when
 * tests fail), or call {@link #start()} / {@link #close()} from {@code @BeforeAll}/{@code @AfterAll}.
 * A shutdown hook stops the process should the test JVM exit without closing it.
 *
 * <p>The jar is {@code -Dradarbeam.s3proxy.jar=...} if set, else {@code target/s3proxy.jar} below
 * the working directory (surefire runs in the module directory; each module copies its own jar
 * there in process-test-resources).
 */
public final class S3ProxyServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  public static final String ACCESS_KEY = "radarbeam-test";
  public static final String SECRET_KEY = "radarbeam-test-secret";
  public static final String REGION = "us-east-1";
  public static final String JAR_PROPERTY = "radarbeam.s3proxy.jar";

  private static final long START_TIMEOUT_MS = 60_000;

  private final boolean inMemory;
  private final boolean tls;
  /** The test CA that signed the server's certificate (PEM), when over TLS. */
  private String caCertsPem = "";
  private Process process;
  private Path workDir;
  private Path log;
  private int port;
  private S3Client admin;
  private Thread shutdownHook;

  /** A server that stores objects in a temporary directory (filesystem-nio2). */
  public S3ProxyServer() {
    this(false);
  }

  /** @param inMemory store objects in memory (transient-nio2) instead of a temporary directory */
  public S3ProxyServer(boolean inMemory) {
    this(inMemory, false);
  }

  private S3ProxyServer(boolean inMemory, boolean tls) {
    this.inMemory = inMemory;
    this.tls = tls;
  }

  /** A server in memory that answers HTTPS only, its certificate signed by a CA of the test's own. */
  public static S3ProxyServer overTls() {
    return new S3ProxyServer(true, true);
  }

  /** The jar to run: the system property {@value #JAR_PROPERTY}, else target/s3proxy.jar. */
  public static Path jar() {
    String p = System.getProperty(JAR_PROPERTY);
    List<Path> candidates = new ArrayList<>();
    if (p != null && !p.isBlank()) {
      candidates.add(Paths.get(p));
    }
    candidates.add(Paths.get("target", "s3proxy.jar"));
    candidates.add(Paths.get("transforms", "core", "target", "s3proxy.jar"));
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return c.toAbsolutePath();
      }
    }
    throw new IllegalStateException("s3proxy.jar not found (looked at " + candidates + " from "
        + Paths.get("").toAbsolutePath() + "); run 'mvn process-test-resources' or set -D" + JAR_PROPERTY);
  }

  /** Starts the server unless it runs already; returns this. */
  public synchronized S3ProxyServer start() throws IOException {
    if (process != null) {
      return this;
    }
    Path jar = jar();
    workDir = Files.createTempDirectory("s3proxy-");
    Path data = Files.createDirectories(workDir.resolve("data"));
    log = workDir.resolve("s3proxy.log");
    String listen = tls ? serverCertificate() : "";
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      Path conf = workDir.resolve("s3proxy.conf");
      String props = (tls ? "s3proxy.secure-endpoint=" : "s3proxy.endpoint=") + endpoint() + "\n" + listen
          + "s3proxy.authorization=aws-v2-or-v4\n"
          + "s3proxy.identity=" + ACCESS_KEY + "\n"
          + "s3proxy.credential=" + SECRET_KEY + "\n"
          + (inMemory
              ? "jclouds.provider=transient-nio2\n"
              : "jclouds.provider=filesystem-nio2\njclouds.filesystem.basedir=" + data + "\n");
      Files.writeString(conf, props, StandardCharsets.UTF_8);
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-jar", jar.toString(), "--properties", conf.toString())
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = pb.start();
      shutdownHook = new Thread(this::stopProcess, "s3proxy-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      try {
        awaitReady();
        return this;
      } catch (IOException e) {
        last = e;
        stopProcess();
        removeHook();
        process = null;
      }
    }
    deleteWorkDir();
    throw last;
  }

  /**
   * Makes a test CA and a server certificate for 127.0.0.1 it signs, writes the server's key store into
   * the work directory under a password made here, and returns the properties that name it.
   */
  private String serverCertificate() throws IOException {
    try {
      TestPki.Issued ca = TestPki.rootCa("radarbeam test S3 CA");
      TestPki.Issued server = TestPki.server(ca);
      String password = UUID.randomUUID().toString();
      Path keyStore = workDir.resolve("keystore.p12");
      try (OutputStream out = Files.newOutputStream(keyStore)) {
        TestPki.keyStore(server, password.toCharArray(), ca.cert()).store(out, password.toCharArray());
      }
      caCertsPem = TestPki.pem(ca.cert());
      return "s3proxy.keystore-path=" + keyStore + "\ns3proxy.keystore-password=" + password + "\n";
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot make the test certificates: " + e, e);
    }
  }

  /** The test CA's certificate (PEM) of a server {@link #overTls()}; "" for one over HTTP. */
  public String caCertsPem() {
    return caCertsPem;
  }

  private void awaitReady() throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("S3Proxy exited with status " + process.exitValue() + " while starting; log:\n" + logTail());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/").openConnection();
        if (c instanceof HttpsURLConnection https) {
          https.setSSLSocketFactory(trustingTheTestCa());
        }
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        int status = c.getResponseCode();
        c.disconnect();
        if (status > 0) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for S3Proxy", e);
      }
    }
    throw new IOException("S3Proxy did not answer on " + endpoint() + " within " + START_TIMEOUT_MS
        + " ms; log:\n" + logTail());
  }

  private SSLSocketFactory trustingTheTestCa() throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {ExtraCaTrust.trustManager(caCertsPem)}, null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** The last lines of the server's log, for failure messages. */
  public String logTail() {
    try {
      if (log == null || !Files.exists(log)) {
        return "(no log)";
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public int port() {
    requireStarted();
    return port;
  }

  /** {@code http://127.0.0.1:<port>}, or https:// over TLS. */
  public String endpoint() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port;
  }

  public URI endpointUri() {
    return URI.create(endpoint());
  }

  /** Settings that reach this server directly: path style, us-east-1, trusting the test CA over TLS. */
  public S3Connection settings() {
    return settingsFor(endpoint()).toBuilder().caCerts(caCertsPem).build();
  }

  /** Settings for another endpoint in front of this server (e.g. a {@link FaultyHttpProxy}). */
  public static S3Connection settingsFor(String endpoint) {
    return S3Connection.builder()
        .endpoint(endpoint)
        .region(REGION)
        .pathStyle(true)
        .build();
  }

  /** A client with the fixed test credentials, independent of the default chain, for assertions. */
  public synchronized S3Client admin() {
    requireStarted();
    if (admin == null) {
      // configured as radarbeam's own clients (retries included), with the fixed test credentials
      admin = S3Clients.builder(settings())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
          .build();
    }
    return admin;
  }

  /** Creates {@code bucket} (ignoring that it exists already); returns its name. */
  public String createBucket(String bucket) {
    try {
      admin().createBucket(b -> b.bucket(bucket));
    } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException
        | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException e) {
      // fine
    }
    return bucket;
  }

  /** The keys in {@code bucket}, via the admin client. */
  public List<String> keys(String bucket) {
    List<String> keys = new ArrayList<>();
    admin().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
    return keys;
  }

  /**
   * Puts the test credentials into the AWS default chain (system properties aws.accessKeyId and
   * aws.secretAccessKey) until the returned handle is closed, which restores the previous values.
   */
  public static SystemCredentials useTestCredentials() {
    return SystemCredentials.set(ACCESS_KEY, SECRET_KEY);
  }

  private void requireStarted() {
    if (process == null) {
      throw new IllegalStateException("S3ProxyServer is not started");
    }
  }

  /** Stops the process (destroy, wait, destroyForcibly) and removes its data. Idempotent. */
  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (process != null) {
      stopProcess();
      removeHook();
      process = null;
    }
    deleteWorkDir();
  }

  private void stopProcess() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void removeHook() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs already
      }
      shutdownHook = null;
    }
  }

  private void deleteWorkDir() {
    if (workDir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(workDir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temp dir left behind is harmless
    }
    workDir = null;
  }

  /** Whether the server process runs. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The process id, for diagnostics. */
  public synchronized long pid() {
    requireStarted();
    return process.pid();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }
}
