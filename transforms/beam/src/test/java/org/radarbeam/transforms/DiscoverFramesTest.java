package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.counter;
import static org.radarbeam.transforms.TransformTests.dwdName;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.source.ProviderServer;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.RawProvider;
import org.radarbeam.source.TimeWindow;

/**
 * DiscoverFrames: the frames a provider's index lists for the window; a provider that is down or
 * hangs costs only its own, and hung ones are waited for together.
 */
class DiscoverFramesTest {
  /** One attempt, short timeouts: a refused connection fails at once. */
  private static final FetchSettings FETCH =
      new FetchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(10), 1, Duration.ofMillis(10), Duration.ofMillis(10),
          "");
  /** 14:55 .. 15:10 UTC on 2025-11-17. */
  private static final TimeWindow WINDOW =
      TimeWindow.between(Instant.parse("2025-11-17T14:55:00Z"), Instant.parse("2025-11-17T15:10:00Z"));

  @TempDir Path root;
  private ProviderServer server;
  private String base;

  /** The provider's dmax/ folder: two frames in the window, one after it, and a file of another name. */
  @BeforeEach
  void provider() throws IOException {
    Path dmax = root.resolve("weather/radar/composite/dmax");
    write(dmax, dwdName("1500"), new byte[] {1});
    write(dmax, dwdName("1505"), new byte[] {1});
    write(dmax, dwdName("1600"), new byte[] {1});
    write(dmax, "composite_dmax_LATEST-hd5", new byte[] {1});
    server = new ProviderServer(root);
    base = server.url("/weather/radar/composite");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsTheFramesInTheWindowWithTheirProviderUrls() {
    Pipeline p = pipeline();
    PCollection<FrameRef> frames = p.apply(new DiscoverFrames(Map.of("dwd", TestSources.dwd(base)), WINDOW, FETCH));
    PAssert.that(frames).containsInAnyOrder(
        new FrameRef("dwd", base + "/dmax/" + dwdName("1500"), T1500),
        new FrameRef("dwd", base + "/dmax/" + dwdName("1505"), T1505));
    PipelineResult result = run(p);
    assertEquals(2, counter(result, RadarMetrics.LISTED));
    assertEquals(0, counter(result, RadarMetrics.SOURCES_UNAVAILABLE));
    assertEquals(1, server.requests("GET"), "one index page, no probes");
  }

  @Test
  void providerThatIsDownYieldsNoFramesAndDoesNotFailThePipeline() {
    Map<String, RadarSource> sources = Map.of(
        "dwd", TestSources.dwd(base),
        "offline", TestSources.dwd("http://127.0.0.1:1/weather/radar/composite"));
    Pipeline p = pipeline();
    PCollection<FrameRef> frames = p.apply(new DiscoverFrames(sources, WINDOW, FETCH));
    PAssert.that(frames).containsInAnyOrder(
        new FrameRef("dwd", base + "/dmax/" + dwdName("1500"), T1500),
        new FrameRef("dwd", base + "/dmax/" + dwdName("1505"), T1505));
    PipelineResult result = run(p);
    assertEquals(2, counter(result, RadarMetrics.LISTED));
    assertEquals(1, counter(result, RadarMetrics.SOURCES_UNAVAILABLE + ".offline"));
    assertEquals(0, counter(result, RadarMetrics.SOURCES_UNAVAILABLE + ".dwd"));
  }

  /**
   * A discovery's budget is checked between requests; one request still unanswered when the budget
   * (and half of it again) has passed is not waited for: the source is unavailable, the others listed.
   */
  @Test
  void aRequestStillUnansweredPastTheBudgetIsNotWaitedFor() throws IOException {
    // one attempt of 60 s against a black hole, in a discovery of 1 s
    FetchSettings fetch = new FetchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(60), 1, Duration.ofMillis(10),
        Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString());
    try (RawProvider hole = RawProvider.blackHole()) {
      Map<String, RadarSource> sources = new LinkedHashMap<>();
      sources.put("hung", TestSources.dwd(hole.url("/weather/radar/composite")));
      sources.put("dwd", TestSources.dwd(base));
      Pipeline p = pipeline();
      PCollection<FrameRef> frames = p.apply(new DiscoverFrames(sources, WINDOW, fetch,
          org.radarbeam.source.ProviderDiscovery.DEFAULT_MAX_PROBES, Duration.ofSeconds(1)));
      PAssert.that(frames).containsInAnyOrder(
          new FrameRef("dwd", base + "/dmax/" + dwdName("1500"), T1500),
          new FrameRef("dwd", base + "/dmax/" + dwdName("1505"), T1505));
      long t0 = System.nanoTime();
      PipelineResult result = run(p);
      assertEquals(1, counter(result, RadarMetrics.SOURCES_UNAVAILABLE + ".hung"));
      assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "waited for the request's 60 s deadline");
    }
  }

  /**
   * A dated provider whose next folder's index is still unanswered when the budget (and half of it again) has
   * passed: the frames the folders before it listed are listed, and the source is not counted unavailable.
   */
  @Test
  void whatWasFoundBeforeARequestLeftUnansweredIsListed() throws Exception {
    FetchSettings fetch = new FetchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(60), 1, Duration.ofMillis(10),
        Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString());
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    com.sun.net.httpserver.HttpServer dated = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    dated.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    dated.createContext("/", ex -> {
      try (ex) {
        if (ex.getRequestURI().getPath().equals("/zmax/20251117/")) {
          org.radarbeam.testing.HttpAnswers.send(ex, 200, "text/html", ("<title>Index of /zmax/20251117/</title>"
              + "<a href=\"T_PABV22_C_LZIB_20251117150000.hdf\">x</a>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
          release.await(20, java.util.concurrent.TimeUnit.SECONDS); // yesterday's folder: no answer
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    dated.start();
    try {
      String url = "http://127.0.0.1:" + dated.getAddress().getPort();
      RadarSource shmu = new RadarSource("shmu", "slovakia", org.radarbeam.codec.InputFormat.ODIM_H5,
          TestSources.DWD.scaling(), null, new org.radarbeam.source.ProviderSpec(url, "{base}/zmax/{yyyy}{MM}{dd}/",
              "T_PABV22_C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf", org.radarbeam.source.Discovery.LISTING, 0));
      Pipeline p = pipeline();
      PCollection<FrameRef> frames = p.apply(new DiscoverFrames(Map.of("shmu", shmu),
          TimeWindow.between(Instant.parse("2025-11-16T15:00:00Z"), Instant.parse("2025-11-17T15:10:00Z")), fetch,
          org.radarbeam.source.ProviderDiscovery.DEFAULT_MAX_PROBES, Duration.ofSeconds(1)));
      PAssert.that(frames).containsInAnyOrder(
          new FrameRef("shmu", url + "/zmax/20251117/T_PABV22_C_LZIB_20251117150000.hdf", T1500));
      long t0 = System.nanoTime();
      PipelineResult result = run(p);
      assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "waited for the unanswered request");
      assertEquals(1, counter(result, RadarMetrics.LISTED));
      assertEquals(0, counter(result, RadarMetrics.SOURCES_UNAVAILABLE));
    } finally {
      release.countDown();
      dated.stop(0);
      ((java.util.concurrent.ExecutorService) dated.getExecutor()).shutdownNow();
    }
  }

  @Test
  void blackHoledProvidersAreDiscoveredAtOnceAndCostOneRequestEach() throws IOException {
    // one attempt of 2 s: each black hole costs its index request's deadline, and all of them at once
    FetchSettings fetch = new FetchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ofMillis(10),
        Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString());
    List<RawProvider> holes = new ArrayList<>();
    try {
      Map<String, RadarSource> sources = new LinkedHashMap<>();
      for (int i = 0; i < 4; i++) {
        RawProvider hole = RawProvider.blackHole();
        holes.add(hole);
        sources.put("hung" + i, TestSources.dwd(hole.url("/weather/radar/composite")));
      }
      sources.put("dwd", TestSources.dwd(base));
      Pipeline p = pipeline();
      PCollection<FrameRef> frames = p.apply(new DiscoverFrames(sources, WINDOW, fetch));
      PAssert.that(frames).containsInAnyOrder(
          new FrameRef("dwd", base + "/dmax/" + dwdName("1500"), T1500),
          new FrameRef("dwd", base + "/dmax/" + dwdName("1505"), T1505));
      PipelineResult result = run(p);
      assertEquals(4, counter(result, RadarMetrics.SOURCES_UNAVAILABLE));
      for (RawProvider hole : holes) {
        assertEquals(1, hole.connections(), "the index page, once: no probe of its slots after it timed out");
      }
      // one after the other, each request would start only after the one before had timed out (2 s)
      LongSummaryStatistics asked = holes.stream().mapToLong(RawProvider::firstAcceptedNanos).summaryStatistics();
      assertTrue(asked.getMax() - asked.getMin() < 2_000_000_000L,
          "the black holes were asked " + (asked.getMax() - asked.getMin()) / 1e9 + " s apart, not side by side");
    } finally {
      for (RawProvider hole : holes) {
        hole.close();
      }
    }
  }

  @Test
  void onlyProviderDownGivesAnEmptyCollection() {
    Pipeline p = pipeline();
    PCollection<FrameRef> frames = p.apply(new DiscoverFrames(
        Map.of("dwd", TestSources.dwd("http://127.0.0.1:1/weather/radar/composite")), WINDOW, FETCH));
    PAssert.that(frames).empty();
    assertEquals(1, counter(run(p), RadarMetrics.SOURCES_UNAVAILABLE));
  }

  @Test
  void providerAnsweringHtmlEverywhereListsNothing() {
    server.mode(ProviderServer.Mode.HTML_EVERYWHERE);
    Pipeline p = pipeline();
    PCollection<FrameRef> frames = p.apply(new DiscoverFrames(Map.of("dwd", TestSources.dwd(base)), WINDOW, FETCH));
    PAssert.that(frames).empty();
    PipelineResult result = run(p);
    assertEquals(0, counter(result, RadarMetrics.LISTED));
  }
}
