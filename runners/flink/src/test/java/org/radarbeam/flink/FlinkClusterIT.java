package org.radarbeam.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.radarbeam.codec.odim.OdimFixtures;
import org.radarbeam.pipeline.RadarCommand;
import org.radarbeam.store.S3ProxyServer;
import org.radarbeam.testing.RealData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real standalone Flink session cluster (bin/local-cluster: one JobManager and two TaskManager JVMs on
 * free ports of 127.0.0.1) runs radar-flink.jar submitted through the REST API (bin/submit):
 *
 * <ol>
 *   <li>a backfill of {@value #FRAMES} frames: every key and byte equals a Direct-runner run of the same
 *       inputs and options, and the frames were spread over all four slots of both TaskManagers;
 *   <li>the same backfill with a TaskManager killed (SIGKILL) once some frames are written, and a new one
 *       added: the job restarts and finishes; every expected object exists exactly once with the right
 *       bytes, no temporary file is left, and the frames written before the failure are skipped, not
 *       rendered again (counters, and their files are untouched).
 * </ol>
 *
 * <p>Inputs: the real DWD composite (4400x4800) under {@value #FRAMES} DWD names (one per 5-minute slot) when
 * ../shared/testdata/real is present, else a synthetic 2400x2400 ODIM composite under the same names. By
 * default they are read from an S3 archive and the PNGs written to S3 (S3Proxy as its own process, {@link
 * S3Store}); {@code -Dradarbeam.flink.it.store=local} uses local directories instead ({@link LocalStore}).
 * Everything started here is stopped in {@link #stopEverything()}, also when a test fails (and by a shutdown
 * hook should the JVM end first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {
  static final int FRAMES = 36;
  static final int TASK_MANAGERS = 2;
  static final int SLOTS = TASK_MANAGERS * 2;
  static final Instant FIRST = Instant.parse("2025-11-17T12:00:00Z");
  static final Path MODULE = Paths.get(System.getProperty("radarbeam.flink.module", ".")).toAbsolutePath().normalize();
  /** The real DWD file (see RealData); a synthetic composite stands in where it is absent. */
  static final Path DWD = RealData.path("dwd/composite_hx_test.hd5");
  static final Pattern JOB_ID = Pattern.compile("job id: ([0-9a-f]{32})");
  static final Pattern COUNTER = Pattern.compile("^  (\\S+)\\s+(\\d+)$", Pattern.MULTILINE);
  /** Beside the images, for web clients: manifests and the viewer page (whose legend link names the run's folder). */
  static final Pattern WEB_FILES =
      Pattern.compile("(?!(.*/)?\\.)((germany|composite)/frames\\.json|index\\.html|viewer/.+)");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> submits = new ArrayList<>();
  private Path work;
  private Path in;
  private Map<String, String> env;
  private String rest;
  private Store store;
  /** output key (folder/unix_seconds.png) -> bytes of the Direct runner's run */
  private final Map<String, byte[]> reference = new TreeMap<>();
  private Thread shutdownHook;
  private boolean clusterStarted;

  // ---------------------------------------------------------------------------------------------
  // setup and teardown

  @BeforeAll
  void startCluster() throws Exception {
    Files.createDirectories(MODULE.resolve("target"));
    try (Stream<Path> old = Files.list(MODULE.resolve("target"))) { // earlier runs' logs
      old.filter(p -> p.getFileName().toString().startsWith("flink-it-")).forEach(FlinkClusterIT::deleteTree);
    }
    work = Files.createTempDirectory(MODULE.resolve("target"), "flink-it-");
    shutdownHook = new Thread(this::stopEverything, "flink-it-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    in = inputs(Files.createDirectories(work.resolve("in")));
    store = "local".equals(System.getProperty("radarbeam.flink.it.store", "s3"))
        ? new LocalStore(work.resolve("out"))
        : new S3Store(in);
    System.out.println("store: " + store);

    env = new HashMap<>();
    env.put("RADARBEAM_FLINK_HOME", work.resolve("cluster").toString());
    int[] ports = freePorts(3);
    int restPort = ports[0];
    env.put("RADARBEAM_FLINK_REST_PORT", Integer.toString(restPort));
    env.put("RADARBEAM_FLINK_RPC_PORT", Integer.toString(ports[1]));
    env.put("RADARBEAM_FLINK_BLOB_PORT", Integer.toString(ports[2]));
    env.put("RADARBEAM_FLINK_RESTART_DELAY", "1 s");
    env.put("RADARBEAM_FLINK_START_TIMEOUT", "240"); // three JVMs and the reference run share the cores
    env.put("JAVA_HOME", System.getProperty("java.home"));
    rest = "http://127.0.0.1:" + restPort;

    // the cluster's JVMs start while the Direct runner renders the reference
    Process start = script("local-cluster", "start", Integer.toString(TASK_MANAGERS));
    clusterStarted = true;
    renderReference();
    Result started = finish(start, 4, "local-cluster start");
    assertEquals(0, started.status, started.output);
    JsonNode overview = getJson("/overview");
    assertEquals(TASK_MANAGERS, overview.path("taskmanagers").asInt(), overview.toString());
    assertEquals(SLOTS, overview.path("slots-total").asInt(), overview.toString());
  }

  @AfterAll
  void stopEverything() {
    synchronized (this) {
      for (Process p : submits) {
        if (p.isAlive()) {
          p.destroy(); // submit cancels its job on SIGTERM
          try {
            p.waitFor(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          p.destroyForcibly();
        }
      }
      submits.clear();
      if (clusterStarted) {
        clusterStarted = false;
        try {
          finish(script("local-cluster", "stop"), 2, "local-cluster stop");
        } catch (IOException | RuntimeException e) {
          System.err.println("local-cluster stop failed: " + e);
        }
        // whatever the script could not stop: every pid it recorded
        try (Stream<Path> pids = Files.list(work.resolve("cluster").resolve("pids"))) {
          pids.forEach(f -> {
            try {
              long pid = Long.parseLong(Files.readString(f).trim());
              ProcessHandle.of(pid).filter(ph -> ph.info().commandLine().orElse("").contains(work.toString()))
                  .ifPresent(ph -> {
                    System.err.println("killing leftover cluster process " + pid);
                    ph.destroyForcibly();
                  });
            } catch (IOException | NumberFormatException e) {
              // gone
            }
          });
        } catch (IOException e) {
          // no pids dir: nothing started
        }
      }
      if (store != null) {
        store.close();
      }
      // the rendered PNGs (~80 MB); the cluster's logs and config stay in the work directory
      for (String dir : new String[] {"out", "reference", "reference-composite", "reference-composite-data"}) {
        deleteTree(work == null ? null : work.resolve(dir));
      }
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // shutting down
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the tests

  @Test
  @Order(1)
  void backfillOnTheClusterEqualsTheDirectRunnerByteForByte() throws Exception {
    Result r = finish(submit("run1"), 6, "submit");
    assertEquals(0, r.status, r.output);
    assertTrue(r.output.contains("final state: FINISHED"), r.output);
    Map<String, Long> c = counters(r.output);
    assertEquals(FRAMES, c.get("frames_listed"), r.output);
    assertEquals(FRAMES, c.get("frames_rendered"), r.output);
    assertEquals(0, c.get("frames_skipped"), r.output);
    assertEquals(0, c.get("frames_failed"), r.output);
    assertEquals(FRAMES, c.get("objects_written"), r.output);
    assertEquals(reference.values().stream().mapToLong(b -> b.length).sum(), c.get("bytes_written"), r.output);
    assertSameObjects("run1");

    // every slot of both TaskManagers rendered frames
    String jobId = jobId(r.output);
    JsonNode render = null;
    for (JsonNode v : getJson("/jobs/" + jobId).path("vertices")) {
      if (v.path("name").asText().contains("RenderFrames/Render.out0")) {
        render = getJson("/jobs/" + jobId + "/vertices/" + v.path("id").asText());
      }
    }
    assertTrue(render != null, "no RenderFrames vertex in job " + jobId);
    TreeSet<String> taskManagers = new TreeSet<>();
    long total = 0;
    for (JsonNode s : render.path("subtasks")) {
      long frames = s.path("metrics").path("read-records").asLong();
      assertTrue(frames > 0, "slot " + s.path("subtask").asInt() + " rendered nothing: " + render);
      taskManagers.add(s.path("taskmanager-id").asText());
      total += frames;
    }
    assertEquals(SLOTS, render.path("subtasks").size(), render.toString());
    assertEquals(TASK_MANAGERS, taskManagers.size(), render.toString());
    assertEquals(FRAMES, total, render.toString());

    // the HDF5 library's own lines for each file it opened are kept out of the TaskManagers' logs
    try (Stream<Path> tmLogs = Files.list(work.resolve("cluster/log"))) {
      for (Path log : tmLogs.filter(l -> l.getFileName().toString().startsWith("taskmanager-")).toList()) {
        String text = Files.readString(log);
        assertTrue(text.contains("org.apache.flink.runtime.taskexecutor"), log + " is not a TaskManager's log");
        assertFalse(Pattern.compile("(TRACE|DEBUG|INFO|WARN) io\\.jhdf\\.").matcher(text).find(),
            log + " holds the HDF5 library's lines");
      }
    }
  }

  @Test
  @Order(3)
  void compositeBackfillOnTheClusterEqualsTheDirectRunnerByteForByte() throws Exception {
    List<String> composite = List.of("--composite=true", "--minSources=1", "--compositeResolution=2000");
    Map<String, byte[]> expected = direct("reference-composite", composite);
    assertEquals(2 * FRAMES, expected.size(), "reference images: " + expected.keySet());
    Result r = finish(submit("run3", composite), 6, "submit composite");
    assertEquals(0, r.status, r.output);
    Map<String, Long> c = counters(r.output);
    assertEquals(FRAMES, c.get("composites_written"), r.output);
    assertEquals(FRAMES, c.get("frames_rendered"), r.output);
    assertSameObjects("run3", expected);
  }

  @Test
  @Order(2)
  void taskManagerKilledMidRunTheJobRestartsAndCompletes() throws Exception {
    Process submit = submit("run2");
    // wait until some frames are written, then kill a TaskManager the hard way
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (store.keys("run2").size() < 2) {
      assertTrue(submit.isAlive(), "the job ended before a TaskManager could be killed: "
          + Files.readString(logOf(submit)));
      assertTrue(System.nanoTime() < deadline, "no frame written within 4 minutes");
      Thread.sleep(20);
    }
    long pid = Long.parseLong(Files.readString(work.resolve("cluster/pids/taskmanager-1.pid")).trim());
    ProcessHandle tm = ProcessHandle.of(pid).orElseThrow();
    assertTrue(tm.destroyForcibly(), "SIGKILL to TaskManager tm-1 (pid " + pid + ")");
    tm.onExit().get(30, TimeUnit.SECONDS);
    // an upload the kill cut off can show in S3Proxy for a moment (its file store writes in place, where S3
    // shows an object only once whole): the frames written before the kill are those still there, unchanged,
    // a moment later
    Map<String, Object> first = store.snapshot("run2");
    Thread.sleep(2000);
    Map<String, Object> settled = store.snapshot("run2");
    Map<String, Object> before = new TreeMap<>(first);
    before.entrySet().removeIf(e -> !e.getValue().equals(settled.get(e.getKey())));
    assertTrue(before.size() < FRAMES, "all frames were written before the kill landed: make the frames larger");
    System.out.println("killed TaskManager tm-1 (pid " + pid + ") with " + before.size() + " of " + FRAMES
        + " frames written");

    Result added = finish(script("local-cluster", "add-taskmanager"), 3, "local-cluster add-taskmanager");
    assertEquals(0, added.status, added.output);

    Result r = finish(submit, 8, "submit");
    assertEquals(0, r.status, r.output);
    assertTrue(r.output.contains("final state: FINISHED"), r.output);
    if (longestRunning(r.output) >= 30) {
      // the task managers report the counters with their heartbeats (10 s): submit shows them while an
      // attempt of the job runs long enough (a restart starts its counters again)
      assertTrue(Pattern.compile("progress: rendered \\d+/\\d+ frames \\(\\d+ failed, \\d+ skipped\\)")
          .matcher(r.output).find(), r.output);
    }
    Matcher m = Pattern.compile("failures recovered: (\\d+)").matcher(r.output);
    assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 1, "the job did not restart: " + r.output);
    assertTrue(r.output.contains("RESTARTING"), r.output);

    // every object exactly once with the right bytes, nothing else (no temporary files)
    assertSameObjects("run2");
    // the frames written before the failure were skipped by the restarted job, not rendered again; but the
    // killed attempt wrote no manifest, so the newest of them is rendered again (the same bytes) to write it
    Map<String, Long> c = counters(r.output);
    assertEquals(FRAMES, c.get("frames_listed"), r.output);
    assertEquals(0, c.get("frames_failed"), r.output);
    assertTrue(c.get("frames_skipped") >= before.size() - 1,
        "skipped " + c.get("frames_skipped") + " < " + before.size() + " - 1 written before the kill: " + r.output);
    assertEquals(FRAMES, c.get("frames_skipped") + c.get("frames_rendered"), r.output);
    assertEquals(c.get("frames_rendered"), c.get("objects_written"), r.output);
    Map<String, Object> after = store.snapshot("run2");
    String newest = new TreeMap<>(before).lastKey();
    for (Map.Entry<String, Object> e : before.entrySet()) {
      if (!e.getKey().equals(newest)) {
        assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was written again after the restart");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // inputs, the reference, comparisons

  /** {@value #FRAMES} inputs under DWD names, one per 5-minute slot from {@link #FIRST}. */
  private Path inputs(Path dir) throws IOException {
    Path file;
    if (Files.isRegularFile(DWD)) {
      file = DWD.toAbsolutePath();
      System.out.println("inputs: the real DWD composite " + file);
    } else {
      // without the real file a synthetic composite keeps the cluster test meaningful; CI requires the real one
      RealData.requireThat(!RealData.required(), DWD);
      byte[][] raster = new byte[2400][2400];
      Random rnd = new Random(20251117);
      for (int y = 0; y < raster.length; y++) {
        for (int x = 0; x < raster[y].length; x++) {
          double v = 60 + 50 * Math.sin(x / 37.0) * Math.cos(y / 53.0) + rnd.nextInt(20);
          raster[y][x] = (byte) Math.max(0, Math.min(254, (int) v));
        }
      }
      file = OdimFixtures.comp().date("20251117").time("120000").field(1, 1, "DBZH", raster)
          .scaling(0.5, -32, 255, 0).chunks(64, 64).done().write(Files.createDirectories(work.resolve("synthetic")));
      System.out.println("inputs: a synthetic 2400x2400 ODIM composite (" + DWD + " is absent)");
    }
    DateTimeFormatter name = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);
    for (int i = 0; i < FRAMES; i++) {
      Files.createSymbolicLink(dir.resolve("composite_dmax_" + name.format(FIRST.plusSeconds(300L * i)) + "-hd5"), file);
    }
    return dir;
  }

  /** The window of the {@value #FRAMES} frames (the S3 archive template lists only the prefixes inside it). */
  static List<String> window() {
    return List.of("--from=" + FIRST, "--to=" + FIRST.plusSeconds(300L * (FRAMES - 1)));
  }

  /** The Direct runner's run: the same options, local input and output, in this JVM. */
  private void renderReference() throws IOException {
    reference.putAll(direct("reference", List.of()));
    assertEquals(FRAMES, reference.size(), "reference images: " + reference.keySet());
  }

  /** The Direct runner's images (every folder) for the frames with {@code extra} options, run in this JVM. */
  private Map<String, byte[]> direct(String dir, List<String> extra) throws IOException {
    Path out = work.resolve(dir);
    List<String> args = new ArrayList<>(List.of("--sources=dwd", "--input=" + in, "--output=" + out));
    args.addAll(window());
    args.addAll(extra);
    args.add("--runner=DirectRunner");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int status = RadarCommand.run(args.toArray(new String[0]), ps, ps, options -> 0);
    String text = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text);
    Map<String, byte[]> images = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        if (!WEB_FILES.matcher(out.relativize(p).toString()).matches()) {
          images.put(out.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return images;
  }

  private void assertSameObjects(String run) throws IOException {
    assertSameObjects(run, reference);
  }

  private void assertSameObjects(String run, Map<String, byte[]> expected) throws IOException {
    Map<String, byte[]> got = store.objects(run);
    assertEquals(expected.keySet(), got.keySet(), "keys of " + run);
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), got.get(e.getKey()), "bytes of " + run + "/" + e.getKey());
    }
  }

  /**
   * The longest time in seconds one attempt of the job stayed RUNNING, from the states submit
   * printed (RUNNING twice in a row is a restart between two polls: a new attempt).
   */
  static long longestRunning(String output) {
    Matcher m = Pattern.compile("^(\\d\\d):(\\d\\d):(\\d\\d) job (\\w+)$", Pattern.MULTILINE).matcher(output);
    long longest = 0;
    Long runningSince = null;
    while (m.find()) {
      long t = Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
      if (runningSince != null) {
        longest = Math.max(longest, t - runningSince);
      }
      runningSince = m.group(4).equals("RUNNING") ? Long.valueOf(t) : null;
    }
    return longest;
  }

  static Map<String, Long> counters(String output) {
    Map<String, Long> c = new HashMap<>();
    for (String n : ClusterCounters.MAIN) {
      c.put(n, 0L);
    }
    Matcher m = COUNTER.matcher(output);
    while (m.find()) {
      c.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return c;
  }

  static String jobId(String output) {
    Matcher m = JOB_ID.matcher(output);
    assertTrue(m.find(), "no job id in " + output);
    return m.group(1);
  }

  // ---------------------------------------------------------------------------------------------
  // processes and REST

  static final class Result {
    int status;
    String output;
  }

  private Process script(String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(MODULE.resolve("bin").resolve(name).toString());
    cmd.addAll(List.of(args));
    Path log = work.resolve(name + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().putAll(store == null ? Map.of() : store.environment());
    Process p = pb.start();
    logs.put(p, log);
    return p;
  }

  private final Map<Process, Path> logs = new HashMap<>();

  private Path logOf(Process p) {
    return logs.get(p);
  }

  private synchronized Process submit(String run) throws IOException {
    return submit(run, List.of());
  }

  private synchronized Process submit(String run, List<String> extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("--sources=dwd"));
    args.addAll(store.options(run));
    args.addAll(window());
    args.addAll(extra);
    args.add("--rest=" + rest);
    Process p = script("submit", args.toArray(new String[0]));
    submits.add(p);
    return p;
  }

  private Result finish(Process p, int minutes, String what) throws IOException {
    try {
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.destroy();
        fail(what + " did not finish within " + minutes + " min: " + Files.readString(logOf(p)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    Result r = new Result();
    r.status = p.exitValue();
    r.output = Files.readString(logOf(p), StandardCharsets.UTF_8);
    System.out.println("---- " + what + " (exit " + r.status + ")\n" + r.output);
    return r;
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rest + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return json.readTree(r.body());
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // leave it
        }
      });
    } catch (IOException e) {
      // leave it
    }
  }

  /** {@code n} different free ports: each held until all are chosen, so none is chosen twice. */
  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        s.setReuseAddress(true);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // where outputs go

  /** The output store of the runs: an --output value per run, and what was written there. */
  interface Store extends AutoCloseable {
    /** --input, --output and the store's own options of a run. */
    List<String> options(String run);

    /** Keys of the finished PNGs written so far (while a job runs). */
    List<String> keys(String run) throws IOException;

    /** Every object under the run's output (PNG keys relative to the output), failing on anything else. */
    Map<String, byte[]> objects(String run) throws IOException;

    /** Key -> an identity of the stored object (changes when it is written again). */
    Map<String, Object> snapshot(String run) throws IOException;

    /** Environment of the cluster's processes (e.g. credentials). */
    default Map<String, String> environment() {
      return Map.of();
    }

    @Override
    default void close() {}
  }

  /** Local directories: every JVM of the local cluster shares this file system. */
  final class LocalStore implements Store {
    private final Path root;

    LocalStore(Path root) {
      this.root = root;
    }

    @Override
    public List<String> options(String run) {
      return List.of("--input=" + in, "--output=" + root.resolve(run));
    }

    @Override
    public String toString() {
      return "local directories (input " + in + ", outputs in " + root + ")";
    }

    @Override
    public List<String> keys(String run) throws IOException {
      Path dir = root.resolve(run).resolve("germany");
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> s = Files.list(dir)) {
        return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.png")).toList();
      }
    }

    @Override
    public Map<String, byte[]> objects(String run) throws IOException {
      Path out = root.resolve(run);
      Map<String, byte[]> got = new TreeMap<>();
      try (Stream<Path> s = Files.walk(out)) {
        for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
          String key = out.relativize(p).toString();
          if (WEB_FILES.matcher(key).matches()) {
            continue;
          }
          assertTrue(key.matches("(germany|composite)/\\d+\\.png"), "unexpected file (temporary or stray) " + p);
          got.put(key, Files.readAllBytes(p));
        }
      }
      return got;
    }

    @Override
    public Map<String, Object> snapshot(String run) throws IOException {
      Map<String, Object> snap = new TreeMap<>();
      for (String k : keys(run)) {
        Path p = root.resolve(run).resolve("germany").resolve(k);
        try {
          var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
          snap.put("germany/" + k, a.fileKey() + "@" + a.lastModifiedTime().toMillis());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return snap;
    }
  }

  /**
   * S3: S3Proxy 4.1.0 as its own process (filesystem-backed), the inputs uploaded to an archive bucket under
   * {@code dwd/yyyy/MM/dd/<DWD name>} and read back with the template {@code s3://archive/{source}/{yyyy}/{MM}/{dd}/*},
   * the outputs written to {@code s3://tiles/<run>}. The cluster's JVMs take the test credentials from the AWS
   * default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in their environment).
   */
  static final class S3Store implements Store {
    static final String ARCHIVE = "archive";
    static final String TILES = "tiles";
    private final S3ProxyServer s3 = new S3ProxyServer();

    S3Store(Path localInputs) throws IOException {
      s3.start();
      s3.createBucket(ARCHIVE);
      s3.createBucket(TILES);
      DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
      DateTimeFormatter name = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);
      for (int i = 0; i < FRAMES; i++) {
        Instant t = FIRST.plusSeconds(300L * i);
        String file = "composite_dmax_" + name.format(t) + "-hd5";
        s3.admin().putObject(b -> b.bucket(ARCHIVE).key("dwd/" + day.format(t) + "/" + file),
            RequestBody.fromFile(localInputs.resolve(file).toRealPath()));
      }
    }

    @Override
    public List<String> options(String run) {
      return List.of("--input=s3://" + ARCHIVE + "/{source}/{yyyy}/{MM}/{dd}/*", "--output=s3://" + TILES + "/" + run,
          "--s3Endpoint=" + s3.endpoint(), "--s3PathStyle=true");
    }

    @Override
    public Map<String, String> environment() {
      return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
          "AWS_REGION", S3ProxyServer.REGION);
    }

    private List<S3Object> list(String prefix) {
      List<S3Object> objects = new ArrayList<>();
      s3.admin().listObjectsV2Paginator(b -> b.bucket(TILES).prefix(prefix)).contents().forEach(objects::add);
      return objects;
    }

    @Override
    public List<String> keys(String run) {
      List<String> keys = new ArrayList<>();
      for (S3Object o : list(run + "/germany/")) {
        keys.add(o.key().substring(run.length() + 1));
      }
      return keys;
    }

    @Override
    public Map<String, byte[]> objects(String run) {
      Map<String, byte[]> got = new TreeMap<>();
      for (S3Object o : list(run + "/")) {
        String key = o.key().substring(run.length() + 1);
        if (WEB_FILES.matcher(key).matches()) {
          continue;
        }
        assertTrue(key.matches("(germany|composite)/\\d+\\.png"), "unexpected object " + o.key());
        got.put(key, s3.admin().getObjectAsBytes(b -> b.bucket(TILES).key(o.key())).asByteArray());
      }
      // beside the PNGs only extents, masks and the legend (no failure report: nothing failed)
      for (S3Object o : list(run + "-")) {
        assertTrue(o.key().matches(run + "-data/(extent/(dwd|composite)/extent_index\\.json|mask/(dwd|composite)"
            + "/coverage_mask\\.png|legend/(reflectivity\\.json|legend\\.png))"), "unexpected object " + o.key());
      }
      return got;
    }

    @Override
    public Map<String, Object> snapshot(String run) {
      Map<String, Object> snap = new TreeMap<>();
      for (S3Object o : list(run + "/germany/")) {
        if (o.size() == 0) {
          continue; // not written, for the job as for S3: an upload begun in S3Proxy's file store
        }
        snap.put(o.key().substring(run.length() + 1), o.eTag() + "@" + o.lastModified());
      }
      return snap;
    }

    @Override
    public void close() {
      s3.close();
    }

    @Override
    public String toString() {
      return "S3Proxy at " + s3.endpoint() + " (s3://" + ARCHIVE + " in, s3://" + TILES + " out)";
    }
  }
}
