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
 * job that read and wrote S3 has ended, nothing of the core may keep its loader: the S3 clients' timeout
 * timer ends when idle. Here the core's classes are loaded by a loader of their own, as a job's would be,
 * ask a local server (answering as S3 does to a HEAD of a missing key) whether a key exists, and are
 * dropped; the loader must then be collected. (java.net.http's clients, for providers, are not covered:
 * see docs/flink.md, "Class loaders".)
 */
class JobClassLoaderTest {
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        ex.sendResponseHeaders(404, -1);
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
  void aJobsClassLoaderIsReleasedOnceItsS3CallsEnd() throws Exception {
    WeakReference<ClassLoader> loader = runJob();
    long until = System.nanoTime() + 60_000_000_000L;
    while (loader.get() != null && System.nanoTime() < until) {
      System.gc();
      Thread.sleep(250);
    }
    List<String> live = new ArrayList<>();
    Thread.getAllStackTraces().keySet().forEach(t -> live.add(t.getName()));
    assertNull(loader.get(), "the job's class loader is still reachable; live threads: " + live);
  }

  /** Loads the core in a loader of its own, on a thread whose context loader it is, and runs its call. */
  private WeakReference<ClassLoader> runJob() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(p).toURI().toURL());
    }
    URLClassLoader job = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    AtomicReference<Object> exists = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread task = new Thread(() -> {
      try {
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
    assertEquals(false, exists.get());
    return new WeakReference<>(job);
  }
}
