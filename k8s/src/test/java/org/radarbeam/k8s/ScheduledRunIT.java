package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.store.S3ProxyServer;
import org.radarbeam.testing.RealData;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The CronJob's exact arguments (k8s/cronjob.yaml with k8s/configmap.yaml), run as the image runs them
 * (java -jar radar.jar with the Dockerfile's JAVA_TOOL_OPTIONS, the CronJob's limits as -XX:MaxRAM and
 * -XX:ActiveProcessorCount, S3 credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY as the Secret provides
 * them). Only the endpoints differ: --s3Endpoint is S3Proxy on 127.0.0.1 (with --s3PathStyle=true, which
 * S3Proxy needs) and --providerUrl points every source at a local provider; the DWD one serves copies of the real
 * DWD composite named for the newest slots, the other five have no files.
 */
class ScheduledRunIT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer(true);
  private static final Path JAR = Manifests.repo().resolve("runners/direct/target/radar.jar");
  private static final Path DWD = RealData.path("dwd/composite_hx_test.hd5");
  private static final DateTimeFormatter DWD_NAME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);

  @TempDir Path tmp;

  LocalProvider provider;
  String bucket;
  String prefix;

  @BeforeEach
  void setUp() throws IOException {
    RealData.require("dwd/composite_hx_test.hd5");
    assertTrue(Files.isRegularFile(JAR), JAR + " is not built (mvn -B install -DskipTests)");
    Path dmax = Files.createDirectories(tmp.resolve("www/weather/radar/composite/dmax"));
    long newest = (Instant.now().getEpochSecond() / 300) * 300 - 900;
    for (int i = 0; i < 8; i++) {
      Files.copy(DWD, dmax.resolve("composite_dmax_" + DWD_NAME.format(Instant.ofEpochSecond(newest - 300L * i)) + "-hd5"));
    }
    provider = new LocalProvider(tmp.resolve("www"));
    String output = ContainerArgs.value(ContainerArgs.cronJobArgs(), "output");
    assertTrue(output.startsWith("s3://"), output);
    bucket = output.substring(5).split("/", 2)[0];
    prefix = output.substring(5 + bucket.length()).replaceAll("^/+|/+$", "");
    if (!S3.admin().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
      S3.createBucket(bucket);
    }
    for (String key : S3.keys(bucket)) {
      S3.admin().deleteObject(b -> b.bucket(bucket).key(key));
    }
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
  }

  /** The CronJob's arguments with the endpoints (and {@code replace}d options) swapped for local ones. */
  private List<String> args(String... replace) throws IOException {
    List<String> overrides = new ArrayList<>(List.of("--s3Endpoint=" + S3.endpoint(), "--s3PathStyle=true",
        "--providerUrl=dwd=" + provider.url("/weather/radar/composite") + ",shmu=" + provider.url("/shmu") + ",chmi="
            + provider.url("/chmi") + ",imgw=" + provider.url("/imgw") + ",omsz=" + provider.url("/omsz") + ",arso="
            + provider.url("/arso")));
    overrides.addAll(List.of(replace));
    List<String> names = overrides.stream().map(ContainerArgs::name).collect(Collectors.toList());
    List<String> args = ContainerArgs.cronJobArgs().stream().filter(a -> !names.contains(ContainerArgs.name(a)))
        .collect(Collectors.toCollection(ArrayList::new));
    args.addAll(overrides);
    return args;
  }

  record Run(int status, String output, double seconds) {}

  private Run radar(List<String> args) throws Exception {
    var resources = ContainerArgs.cronJobContainer().getResources();
    String maxRam = resources.getLimits().get("memory").getAmount()
        + resources.getLimits().get("memory").getFormat().replace("Mi", "m").replace("Gi", "g");
    String env = DockerfileTest.instruction(Manifests.repo().resolve("src/main/docker/radar/Dockerfile"), "ENV");
    String imageFlags = env.replaceFirst("^ENV JAVA_TOOL_OPTIONS=\"(.*)\"$", "$1");
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(args);
    Path log = tmp.resolve("run-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("JDK_JAVA_OPTIONS"));
    e.put("JAVA_TOOL_OPTIONS", imageFlags + " -XX:MaxRAM=" + maxRam + " -XX:ActiveProcessorCount="
        + CronJobTest.cores(resources.getLimits().get("cpu")));
    e.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
    e.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
    long start = System.nanoTime();
    System.out.println("ScheduledRunIT: start " + Instant.now());
    Process p = pb.start();
    boolean done = p.waitFor(6, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, "radar.jar did not end within 6 minutes:\n" + out);
    System.out.printf("ScheduledRunIT: exit %d after %.1f s%n%s%n", p.exitValue(), seconds, out.lines()
        .filter(l -> System.getProperty("radarbeam.it.verbose") != null || l.contains("summary:") || l.startsWith("  dwd:") || l.startsWith("timed out")).collect(Collectors.joining("\n")));
    return new Run(p.exitValue(), out, seconds);
  }

  /** The run's summary: the one JSON object on stdout that has a "summary" field. */
  private static JsonNode summary(Run r) throws IOException {
    for (String line : r.output().split("\n")) {
      if (line.startsWith("{\"summary\"")) {
        return new ObjectMapper().readTree(line);
      }
    }
    throw new AssertionError("no JSON summary in: " + r.output());
  }

  /** The radar images below the output prefix (not the viewer page's nor the legend's). */
  private List<String> pngs() {
    return S3.keys(bucket).stream().filter(k -> k.startsWith(prefix + "/") && k.endsWith(".png")
        && !k.startsWith(prefix + "/viewer/")).sorted().collect(Collectors.toList());
  }

  @Test
  void theFirstRunRendersTheNewestFramesAndTheSecondWritesNothing() throws Exception {
    Run first = radar(args());
    assertEquals(0, first.status(), first.output());
    assertTrue(first.output().contains("Picked up JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage="), first.output());
    // the CronJob logs JSON: the summary is one object
    JsonNode summary = summary(first);
    System.out.println("first run's summary: " + summary);
    // the composite's matching asks for two frames more per source; with DWD alone no slot has 3 core sources
    assertEquals(8, summary.path("listed").asLong(), first.output());
    assertEquals(2, summary.path("outsideWindow").asLong(), first.output());
    assertEquals(1, summary.path("slotsSkipped").path("too-few-sources").asLong(), first.output());
    assertEquals(6, summary.path("objectsWritten").asLong(), first.output());
    JsonNode sources = summary.path("sources");
    assertEquals(6, sources.path("dwd").path("rendered").asLong(), first.output());
    assertEquals(0, sources.path("dwd").path("failed").asLong(), first.output());
    assertTrue(sources.path("dwd").path("newestFrame").isTextual(), first.output());
    for (String other : List.of("shmu", "chmi", "imgw", "omsz", "arso")) {
      assertEquals(0, sources.path(other).path("rendered").asLong(), other + ": " + first.output());
      assertTrue(sources.path(other).path("newestFrame").isNull(), other + ": " + first.output());
    }
    List<String> written = pngs();
    assertEquals(6, written.size(), written.toString());
    for (String key : written) {
      assertTrue(key.startsWith(prefix + "/germany/"), key);
    }
    HeadObjectResponse head = S3.admin().headObject(b -> b.bucket(bucket).key(written.get(0)));
    assertEquals("image/png", head.contentType());
    assertEquals(ContainerArgs.value(ContainerArgs.cronJobArgs(), "cacheControl"), head.cacheControl());
    Map<String, Instant> modified = written.stream().collect(Collectors.toMap(k -> k,
        k -> S3.admin().headObject(b -> b.bucket(bucket).key(k)).lastModified()));

    int requestsBefore = provider.requests().size();
    Run second = radar(args());
    assertEquals(0, second.status(), second.output());
    JsonNode again = summary(second);
    assertEquals(0, again.path("sources").path("dwd").path("rendered").asLong(), second.output());
    assertEquals(6, again.path("sources").path("dwd").path("skipped").asLong(), second.output());
    assertEquals(0, again.path("bytesWritten").asLong(), second.output());
    assertEquals(written, pngs());
    for (String k : written) {
      assertEquals(modified.get(k), S3.admin().headObject(b -> b.bucket(bucket).key(k)).lastModified(), k + " rewritten");
    }
    // the second run read DWD's index page, and not one of the files it skipped
    List<String> dwd = provider.requests().subList(requestsBefore, provider.requests().size()).stream()
        .filter(r -> r.contains("/weather/radar/composite/")).collect(Collectors.toList());
    assertEquals(List.of("GET /weather/radar/composite/dmax/"), dwd);
  }

  @Test
  void aHangingProviderIsGivenUpBeforeTheRunsTimeout() throws Exception {
    // the CronJob's PT4M shortened so the test does not wait four minutes: the only option changed
    Duration timeout = Duration.ofSeconds(15);
    provider.hang(true);
    Run r = radar(args("--timeout=" + timeout));
    // each source's discovery is not waited for past a third of --timeout and half of that again (7.5 s): every
    // source here hangs, so nothing is found, exit status 1, as when every provider is down
    assertEquals(1, r.status(), r.output());
    JsonNode s = summary(r);
    assertTrue(s.path("timedOut").isMissingNode(), r.output());
    assertEquals(6, s.path("sourcesUnavailable").asInt(), r.output());
    double pipeline = s.path("seconds").asDouble();
    assertTrue(pipeline < timeout.getSeconds(), "the pipeline ran " + pipeline + " s with --timeout=" + timeout);
    // the process adds JVM start and the S3 check: well inside activeDeadlineSeconds' margin (45 s)
    assertTrue(r.seconds() < timeout.getSeconds() + 40, "took " + r.seconds() + " s with --timeout=" + timeout);
    assertEquals(List.of(), pngs());
  }
}
