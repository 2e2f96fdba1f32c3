package org.radarbeam.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Flink TaskManager runs job after job in one JVM, each job's classes in a class loader of its own. Once a
 * job that fetched from a provider and asked S3 has ended, nothing of the core may keep its loader for good:
 * not the deadline timer or the S3 clients' timeout timer (their threads end when idle), nor the HTTP
 * client's selector thread (the client is held softly, and its thread ends with it). Here the core's
 * classes are loaded by a loader of their own, as a job's would be, run one HTTP GET and one S3 HEAD
 * against a local server, and are dropped; the loader must then be collected.
 */
class JobClassLoaderTest {
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        byte[] body = ex.getRequestMethod().equals("HEAD") ? new byte[0] : "radar".getBytes();
        ex.sendResponseHeaders(ex.getRequestURI().getPath().startsWith("/bucket/") ? 404 : 200,
            ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
        ex.getResponseBody().write(body);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    System.setProperty("aws.accessKeyId", "job-loader-test");
    System.setProperty("aws.secretAccessKey", "job-loader-test");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void aJobsClassLoaderIsReleasedOnceItsFetchesAndS3CallsEnd() throws Exception {
    WeakReference<ClassLoader> loader = runJob();
    long until = System.nanoTime() + 60_000_000_000L;
    for (int round = 0; loader.get() != null && System.nanoTime() < until; round++) {
      if (round % 20 == 10) {
        clearSoftReferences();
      }
      System.gc();
      Thread.sleep(250);
    }
    List<String> live = new ArrayList<>();
    Thread.getAllStackTraces().keySet().forEach(t -> live.add(t.getName()));
    assertNull(loader.get(), "the job's class loader is still reachable; live threads: " + live);
  }

  /**
   * What a JVM short of memory does: soft references are cleared before an OutOfMemoryError (the HTTP
   * clients are held softly, so that a finished job's are let go).
   */
  private static void clearSoftReferences() {
    List<byte[]> fill = new ArrayList<>();
    try {
      while (true) {
        fill.add(new byte[16 << 20]);
      }
    } catch (OutOfMemoryError e) {
      fill.clear();
    }
  }

  /** Loads the core in a loader of its own, on a thread whose context loader it is, and runs its calls. */
  private WeakReference<ClassLoader> runJob() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(p).toURI().toURL());
    }
    URLClassLoader job = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    AtomicReference<Object> fetched = new AtomicReference<>();
    AtomicReference<Object> exists = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread task = new Thread(() -> {
      try {
        Class<?> settings = job.loadClass("org.radarbeam.http.FetchSettings");
        Class<?> fetcher = job.loadClass("org.radarbeam.http.HttpFetcher");
        Object f = fetcher.getMethod("shared", settings).invoke(null, settings.getMethod("defaults").invoke(null));
        Object result = fetcher.getMethod("get", String.class).invoke(f, base + "/frame.h5");
        fetched.set(result.getClass().getMethod("status").invoke(result));

        Class<?> connection = job.loadClass("org.radarbeam.store.S3Connection");
        Object b = connection.getMethod("builder").invoke(null);
        b.getClass().getMethod("endpoint", String.class).invoke(b, base);
        b.getClass().getMethod("pathStyle", boolean.class).invoke(b, true);
        Object conn = b.getClass().getMethod("build").invoke(b);
        Class<?> policy = job.loadClass("org.radarbeam.store.S3WritePolicy");
        Class<?> store = job.loadClass("org.radarbeam.store.S3ObjectStore");
        Object s = store.getMethod("create", String.class, connection, policy)
            .invoke(null, "s3://bucket/tiles", conn, policy.getField("NONE").get(null));
        exists.set(store.getMethod("exists", String.class).invoke(s, "dwd/1763391600.png"));
      } catch (Throwable e) {
        failed.set(e);
      }
    }, "job-task");
    task.setContextClassLoader(job);
    task.start();
    task.join();
    job.close();
    if (failed.get() != null) {
      throw new AssertionError("the job's calls failed", failed.get());
    }
    assertEquals(200, fetched.get());
    assertEquals(false, exists.get());
    return new WeakReference<>(job);
  }
}
