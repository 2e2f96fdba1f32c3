package org.radarbeam.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.palette.Scaling;

/**
 * Listing providers on 127.0.0.1 as their indexes fail: DWD's one directory probed when its index is
 * missing or empty, a dated provider's folders each probed for their own slots only, and as many
 * folders read as --latest needs.
 */
class ProviderListingTest {
  private static final String DWD_NAME = "composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5";
  private static final String SHMU_NAME = "T_PABV22_C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHMU_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final ExecutorService probes = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    probes.shutdownNow();
    if (server != null) {
      server.stop(0);
    }
  }

  /** A server answering "METHOD path" with the status and body {@code answer} gives (null body: none). */
  private String serve(Function<String, Answer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> respond(ex, answer.apply(ex.getRequestMethod() + " " + ex.getRequestURI().getPath())));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private record Answer(int status, String body) {}

  private void respond(HttpExchange ex, Answer a) throws IOException {
    requests.computeIfAbsent(ex.getRequestMethod() + " " + ex.getRequestURI().getPath(), k -> new AtomicInteger())
        .incrementAndGet();
    byte[] body = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", ex.getRequestURI().getPath().endsWith("/") ? "text/html"
        : "application/octet-stream");
    ex.sendResponseHeaders(a.status(), ex.getRequestMethod().equals("HEAD") || body.length == 0 ? -1 : body.length);
    if (body.length > 0 && !ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  /** A fetcher of one attempt, in a run of its own. */
  private static HttpFetcher http() {
    return HttpFetcher.shared(new FetchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(5), 1,
        Duration.ofMillis(10), Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString()));
  }

  private ProviderDiscovery discovery() {
    return new ProviderDiscovery(http(), probes, 2016);
  }

  /** {@code answer}, each after 0.3 s. */
  private static Function<String, Answer> slowly(Function<String, Answer> answer) {
    return r -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer.apply(r);
    };
  }

  private static RadarSource source(String base, String dir, String file) {
    return new RadarSource("x", "x", InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS, null,
        new ProviderSpec(base, dir, file, Discovery.LISTING, 0));
  }

  /** An index listing more names than a discovery keeps is read as a failed listing: its slots are probed. */
  @Test
  void anIndexOfTooManyNamesIsProbedInstead() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    StringBuilder page = new StringBuilder("<h1>Index of /dmax</h1>\n");
    for (int i = 0; i < 40; i++) {
      String name = TimeTemplate.expand(DWD_NAME, now.minusSeconds(300L * i));
      page.append("<a href=\"").append(name).append("\">").append(name).append("</a>\n");
    }
    String base = serve(r -> r.equals("GET /dmax/") ? new Answer(200, page.toString())
        : r.startsWith("HEAD /dmax/composite_dmax_") ? new Answer(200, null) : new Answer(404, null));
    HttpFetcher http = http();
    List<ProviderDiscovery.Found> found = new ProviderDiscovery(http, probes, 2016, ProviderDiscovery.PROBING_BUDGET,
        39).discover(source(base, "{base}/dmax/", DWD_NAME), TimeWindow.latest(2), now);
    assertEquals(List.of(now, now.minusSeconds(300)), found.stream().map(ProviderDiscovery.Found::time).toList());
    assertTrue(requests.keySet().stream().anyMatch(k -> k.startsWith("HEAD /dmax/")), "its slots were probed");
    // 40 names, a discovery that keeps 40: read from the index, nothing probed
    requests.clear();
    assertEquals(2, new ProviderDiscovery(http, probes, 2016, ProviderDiscovery.PROBING_BUDGET, 40)
        .discover(source(base, "{base}/dmax/", DWD_NAME), TimeWindow.latest(2), now).size());
    assertEquals(List.of("GET /dmax/"), List.copyOf(requests.keySet()));
  }

  /**
   * Names later than the run's clock (by more than an hour) or before 1970 are no frames: they would
   * stand first among the newest frames, and in the manifest, for good.
   */
  @Test
  void framesNamedInTheFutureOrBefore1970AreLeftOut() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    StringBuilder page = new StringBuilder("<h1>Index of /dmax</h1>\n");
    for (Instant t : List.of(Instant.parse("2099-12-31T23:55:00Z"), now.plusSeconds(7200), now.plusSeconds(1800),
        now, now.minusSeconds(300), Instant.parse("1002-01-01T00:00:00Z"))) {
      String name = TimeTemplate.expand(DWD_NAME, t);
      page.append("<a href=\"").append(name).append("\">").append(name).append("</a>\n");
    }
    String base = serve(r -> r.equals("GET /dmax/") ? new Answer(200, page.toString()) : new Answer(404, null));
    List<ProviderDiscovery.Found> found = discovery().discover(source(base, "{base}/dmax/", DWD_NAME),
        TimeWindow.latest(6), now);
    assertEquals(List.of(now.plusSeconds(1800), now, now.minusSeconds(300)),
        found.stream().map(ProviderDiscovery.Found::time).toList(), "within an hour of the clock: kept");
  }

  @Test
  void dwdsIndexMissingOrEmptyIsProbedInstead() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    for (Answer index : List.of(new Answer(404, null), new Answer(200, "<h1>Index of /dmax</h1>"))) {
      requests.clear();
      String base = serve(r -> r.startsWith("GET /dmax/") && r.endsWith("/") ? index
          : r.startsWith("HEAD /dmax/composite_dmax_") ? new Answer(200, null) : new Answer(404, null));
      List<ProviderDiscovery.Found> found = discovery().discover(source(base, "{base}/dmax/", DWD_NAME),
          TimeWindow.latest(3), now);
      assertEquals(List.of(now, now.minusSeconds(300), now.minusSeconds(600)),
          found.stream().map(ProviderDiscovery.Found::time).toList(), "index answered " + index);
      server.stop(0);
    }
  }

  @Test
  void aDatedProvidersFailedFoldersAreEachProbedForTheirOwnSlotsOnce() throws Exception {
    Instant now = Instant.parse("2025-11-17T00:30:00Z");
    String base = serve(r -> r.startsWith("GET ") ? new Answer(403, "forbidden")
        : r.startsWith("HEAD") && r.contains("20251117") ? new Answer(200, null) : new Answer(404, null));
    List<ProviderDiscovery.Found> found = discovery().discover(
        source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME), TimeWindow.latest(3), now);
    assertEquals(List.of(now, now.minusSeconds(300), now.minusSeconds(600)),
        found.stream().map(ProviderDiscovery.Found::time).toList());
    requests.forEach((r, n) -> assertEquals(1, n.get(), r + " asked " + n + " times"));
    assertTrue(requests.keySet().stream().noneMatch(r -> r.startsWith("HEAD /zmax/20251117/") && r.contains("20251116")),
        "each folder probed for its own slots: " + requests.keySet());
  }

  /**
   * A dated folder answering 200 with a page that is no directory listing (a maintenance page) says
   * nothing of its frames: its slots are probed, as for a folder whose listing failed. An empty listing
   * is a folder without frames.
   */
  @Test
  void aDatedFolderWhosePageIsNoListingIsProbed() throws Exception {
    Instant now = Instant.parse("2025-11-17T12:00:00Z");
    for (String page : List.of("<html><body><h1>Down for maintenance</h1></body></html>",
        "<html><head><title>Index of /zmax/20251117/</title></head><body><a href=\"../\">../</a></body></html>")) {
      requests.clear();
      String base = serve(r -> r.startsWith("GET ") ? new Answer(200, page)
          : r.startsWith("HEAD") ? new Answer(200, null) : new Answer(404, null));
      List<ProviderDiscovery.Found> found = discovery().discover(
          source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME), TimeWindow.latest(2), now);
      boolean listing = page.contains("Index of");
      assertEquals(listing ? List.of() : List.of(now, now.minusSeconds(300)),
          found.stream().map(ProviderDiscovery.Found::time).toList(), page);
      assertEquals(!listing, requests.keySet().stream().anyMatch(r -> r.startsWith("HEAD")), requests.keySet().toString());
      server.stop(0);
    }
  }

  /**
   * A provider that answers each probe slowly, just inside the request timeout, is probed for a bounded
   * time: what was found by then is listed, the rest is left for a later run.
   */
  @Test
  void probingStopsAtItsTimeBudget() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    String base = serve(slowly(r -> r.contains("145500") ? new Answer(200, null) : new Answer(404, null)));
    HttpFetcher http = http();
    RadarSource chmi = new RadarSource("chmi", "chmi", InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS, null,
        new ProviderSpec(base, "{base}/", SHMU_NAME, Discovery.PROBE, 0));
    List<ProviderDiscovery.Found> found = new ProviderDiscovery(http, probes, 2016, Duration.ofMillis(400))
        .discover(chmi, TimeWindow.between(now.minusSeconds(3600), now), now);
    // the first 8 probes (4 at a time, 0.3 s each) outlast the budget; the hour's other 5 slots are not asked
    assertEquals(List.of(now.minusSeconds(300)), found.stream().map(ProviderDiscovery.Found::time).toList());
    assertEquals(8, requests.keySet().stream().filter(r -> r.startsWith("HEAD")).count(), requests.keySet().toString());
  }

  /**
   * A dated provider whose every folder's index answers slowly is listed for a bounded time too: the
   * folders read by then give their frames, the rest are left for a later run (years of daily folders
   * would take hours).
   */
  @Test
  void listingStopsAtItsTimeBudget() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    String base = serve(slowly(r -> {
      String day = r.replaceAll(".*/zmax/(\\d{8})/$", "$1");
      return r.startsWith("GET") && !day.equals(r) ? new Answer(200, "<a href=\"T_PABV22_C_LZIB_" + day
          + "120000.hdf\">x</a>") : new Answer(404, null);
    }));
    HttpFetcher http = http();
    List<ProviderDiscovery.Found> found = new ProviderDiscovery(http, probes, 100_000, Duration.ofMillis(500))
        .discover(source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME),
            TimeWindow.between(now.minus(Duration.ofDays(30)), now), now);
    // folders of 0.3 s each outlast the budget of 0.5 s after a few (how many depends on this machine's
    // load): the folders read give their frames, newest first, and most of the 31 days are not asked
    long read = requests.keySet().stream().filter(r -> r.startsWith("GET")).count();
    assertTrue(read < 5, read + " folders read: " + requests.keySet());
    List<Instant> days = new java.util.ArrayList<>();
    for (int i = 0; i < read; i++) {
      days.add(Instant.parse("2025-11-17T12:00:00Z").minus(Duration.ofDays(i)));
    }
    assertEquals(days, found.stream().map(ProviderDiscovery.Found::time).toList());
  }

  /**
   * While a folder's index is still unanswered, the frames the folders before it listed are there to
   * be had (what a run that stops waiting for the discovery lists).
   */
  @Test
  void whatAListingFoundIsThereWhileItsNextRequestWaits() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    String base = serve(r -> {
      if (r.equals("GET /zmax/20251117/")) {
        return new Answer(200, "<a href=\"T_PABV22_C_LZIB_20251117120000.hdf\">x</a>");
      }
      if (r.equals("GET /zmax/20251116/")) {
        try {
          release.await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Answer(404, null);
    });
    ProviderDiscovery d = new ProviderDiscovery(http(), probes, 100_000, Duration.ofMinutes(1));
    java.util.concurrent.Future<List<ProviderDiscovery.Found>> running = probes.submit(() -> d.discover(
        source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME), TimeWindow.between(now.minus(Duration.ofDays(1)), now),
        now));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (d.foundSoFar().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of(Instant.parse("2025-11-17T12:00:00Z")),
        d.foundSoFar().stream().map(ProviderDiscovery.Found::time).toList());
    release.countDown();
    assertEquals(1, running.get().size());
  }

  /**
   * A listing whose run's time for requests runs out between two folders lists the frames the folders read
   * by then gave: the next folder is not asked.
   */
  @Test
  void theRunsTimeRunningOutMidListingListsWhatWasFound() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    String base = serve(r -> {
      try {
        Thread.sleep(1500); // the first folder's answer comes after the run's time for requests is up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String day = r.replaceAll(".*/zmax/(\\d{8})/$", "$1");
      return r.startsWith("GET") && !day.equals(r) ? new Answer(200, "<a href=\"T_PABV22_C_LZIB_" + day
          + "120000.hdf\">x</a>") : new Answer(404, null);
    });
    HttpFetcher ending = HttpFetcher.shared(new FetchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(5), 1,
        Duration.ofMillis(10), Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString())
        .requestsUntil(Instant.now().plusMillis(1000)));
    List<ProviderDiscovery.Found> found = new ProviderDiscovery(ending, probes, 2016).discover(
        source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME), TimeWindow.between(now.minus(Duration.ofDays(2)), now),
        now);
    assertEquals(List.of(Instant.parse("2025-11-17T12:00:00Z")),
        found.stream().map(ProviderDiscovery.Found::time).toList());
    assertEquals(List.of("GET /zmax/20251117/"), List.copyOf(requests.keySet()), "the next folder is not asked");
  }

  /**
   * A folder whose listing fails and whose slots would take more probes than --maxProbes leaves its frames out
   * and is not probed at all; with the probes to spare, the same folder is probed.
   */
  @Test
  void aFailedFolderWhoseSlotsPassMaxProbesIsLeftOut() throws Exception {
    Instant now = Instant.parse("2025-11-17T00:30:00Z");
    String base = serve(r -> r.startsWith("GET ") ? new Answer(403, "forbidden")
        : r.startsWith("HEAD /zmax/20251116/") ? new Answer(200, null) : new Answer(404, null));
    RadarSource shmu = source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME);
    // --latest 3 looks at 24 slots: 7 in today's folder (none there), 17 in yesterday's
    assertEquals(List.of(), new ProviderDiscovery(http(), probes, 23).discover(shmu, TimeWindow.latest(3), now));
    assertEquals(7, requests.keySet().stream().filter(r -> r.startsWith("HEAD /zmax/20251117/")).count());
    assertTrue(requests.keySet().stream().noneMatch(r -> r.startsWith("HEAD /zmax/20251116/")), requests.keySet()
        .toString());

    requests.clear();
    assertEquals(List.of(Instant.parse("2025-11-16T23:55:00Z"), Instant.parse("2025-11-16T23:50:00Z"),
            Instant.parse("2025-11-16T23:45:00Z")),
        new ProviderDiscovery(http(), probes, 24).discover(shmu, TimeWindow.latest(3), now).stream()
            .map(ProviderDiscovery.Found::time).toList());
  }

  /** A run's discovery takes a third of its --timeout at most, so the others' frames and indexes get the rest. */
  @Test
  void aRunsTimeoutSetsItsDiscoveryBudget() {
    assertEquals(ProviderDiscovery.PROBING_BUDGET, ProviderDiscovery.budgetFor(null));
    assertEquals(Duration.ofSeconds(80), ProviderDiscovery.budgetFor(Duration.ofMinutes(4)));
    assertEquals(ProviderDiscovery.PROBING_BUDGET, ProviderDiscovery.budgetFor(Duration.ofHours(6)));
  }

  /** A folder whose listing and probes are all refused costs its own frames, not those another folder lists. */
  @Test
  void aFolderThatRefusesEverythingCostsOnlyItsOwnFrames() throws Exception {
    Instant now = Instant.parse("2025-11-17T00:30:00Z");
    String base = serve(r -> {
      if (r.contains("/20251116/")) {
        return new Answer(403, "forbidden");
      }
      StringBuilder html = new StringBuilder("<title>Index of /zmax/20251117/</title>\n");
      for (Instant t = Instant.parse("2025-11-17T00:00:00Z"); !t.isAfter(now); t = t.plusSeconds(300)) {
        String name = "T_PABV22_C_LZIB_" + SHMU_TIME.format(t) + ".hdf";
        html.append("<a href=\"").append(name).append("\">").append(name).append("</a>\n");
      }
      return new Answer(200, html.toString());
    });
    List<ProviderDiscovery.Found> found = discovery().discover(source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME),
        TimeWindow.between(now.minusSeconds(7200), now), now);
    assertEquals(7, found.size(), found.toString());
    assertEquals(now, found.get(0).time());
    assertTrue(requests.keySet().stream().anyMatch(r -> r.startsWith("HEAD /zmax/20251116/")), "yesterday was probed");
  }

  /** A server that does not do HEAD is asked for each file's first kilobyte instead (200 or 206 means there). */
  @Test
  void aServerWithoutHeadIsProbedWithARangedGet() throws Exception {
    Instant now = Instant.parse("2025-11-17T15:00:00Z");
    String base = serve(r -> r.startsWith("HEAD") ? new Answer(405, null)
        : r.contains("145500") || r.contains("150000") ? new Answer(206, "HDF") : new Answer(404, null));
    RadarSource chmi = new RadarSource("chmi", "chmi", InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS, null,
        new ProviderSpec(base, "{base}/", SHMU_NAME, Discovery.PROBE, 0));
    List<ProviderDiscovery.Found> found = discovery().discover(chmi, TimeWindow.latest(2), now);
    assertEquals(List.of(now, now.minusSeconds(300)), found.stream().map(ProviderDiscovery.Found::time).toList());
  }

  @Test
  void latestReadsAsManyDatedFoldersAsItNeeds() throws Exception {
    Instant now = Instant.parse("2025-11-17T00:32:00Z");
    String base = serve(r -> {
      if (!r.startsWith("GET /zmax/")) {
        return new Answer(404, null);
      }
      String day = r.substring("GET /zmax/".length(), "GET /zmax/".length() + 8);
      StringBuilder html = new StringBuilder();
      Instant start = DAY.parse(day, LocalDate::from).atStartOfDay(ZoneOffset.UTC).toInstant();
      for (Instant t = start; t.isBefore(start.plusSeconds(86_400)) && !t.isAfter(now); t = t.plusSeconds(300)) {
        String name = "T_PABV22_C_LZIB_" + SHMU_TIME.format(t) + ".hdf";
        html.append("<a href=\"").append(name).append("\">").append(name).append("</a>\n");
      }
      return new Answer(200, html.toString());
    });
    List<ProviderDiscovery.Found> found = discovery().discover(
        source(base, "{base}/zmax/{yyyy}{MM}{dd}/", SHMU_NAME), TimeWindow.latest(400), now);
    assertEquals(400, found.size());
    assertEquals(Instant.parse("2025-11-17T00:30:00Z"), found.get(0).time());
    assertEquals(Instant.parse("2025-11-17T00:30:00Z").minusSeconds(399L * 300), found.get(399).time());
    assertEquals(1, requests.get("GET /zmax/20251115/").get(), "the third day's folder is read");
  }
}
