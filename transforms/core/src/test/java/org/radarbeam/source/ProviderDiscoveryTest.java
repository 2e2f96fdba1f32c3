package org.radarbeam.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.http.ProviderUnavailableException;
import org.radarbeam.http.TimeUpException;
import org.radarbeam.palette.Scaling;

/**
 * Discovery against providers on 127.0.0.1: probing is bounded and stops at a provider given up
 * on, and an index page of any size is read in one pass.
 */
class ProviderDiscoveryTest {
  private static final String DWD_NAME = "composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5";
  private static final String CHMI_NAME = "T_PABV23_C_OKPR_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf";
  private static final Instant T0 = Instant.parse("2025-11-17T15:00:00Z");

  private final ExecutorService probes = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    probes.shutdownNow();
  }

  /** One attempt of {@code timeout}, four requests per host, in a run of its own. */
  private static HttpFetcher http(Duration timeout) {
    return HttpFetcher.shared(new FetchSettings(4, Duration.ofSeconds(1), timeout, 1, Duration.ofMillis(10),
        Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString()));
  }

  private static RadarSource source(String id, String base, String dir, String file, Discovery discovery) {
    return new RadarSource(id, id, InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS, null,
        new ProviderSpec(base, dir, file, discovery, 0));
  }

  /** The hour of slots 14:00 .. 15:00. */
  private static TimeWindow anHour() {
    return TimeWindow.between(T0.minusSeconds(3600), T0);
  }

  @Test
  void aDiscoveryPastTheRunsTimeForRequestsSendsNothing() throws Exception {
    try (RawProvider hole = RawProvider.blackHole()) {
      HttpFetcher ended = HttpFetcher.shared(new FetchSettings(4, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
          Duration.ofMillis(10), Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString())
          .requestsUntil(Instant.now().minusSeconds(1)));
      ProviderDiscovery d = new ProviderDiscovery(ended, probes, 2016);
      RadarSource chmi = source("chmi", hole.url(""), "{base}/", CHMI_NAME, Discovery.PROBE);
      RadarSource dwd = source("dwd", hole.url(""), "{base}/", DWD_NAME, Discovery.LISTING);
      // nothing found by then: unavailable for this run, as a discovery not waited for (frames found would be listed)
      assertThrows(TimeUpException.class, () -> d.discover(chmi, anHour(), T0));
      assertThrows(TimeUpException.class, () -> d.discover(dwd, anHour(), T0));
      assertEquals(0, hole.connections(), "nothing sent");
    }
  }

  @Test
  void probingStopsAtAProviderGivenUpOn() throws Exception {
    try (RawProvider hole = RawProvider.blackHole()) {
      ProviderDiscovery d = new ProviderDiscovery(http(Duration.ofSeconds(1)), probes, 2016);
      RadarSource chmi = source("chmi", hole.url(""), "{base}/", CHMI_NAME, Discovery.PROBE);
      assertThrows(ProviderUnavailableException.class, () -> d.discover(chmi, anHour(), T0));
      // four probes held the host's four slots and timed out; the other 9 slots were never asked
      assertEquals(4, hole.connections());
    }
  }

  /**
   * Only 404, 410 or a page in a file's place say a slot has no frame: a refusal or a server error is a
   * failed probe, and a source whose probes found nothing but failures is unavailable, not empty.
   */
  @Test
  void aProbeThatFailsIsNotAMissingFrame(@TempDir Path root) throws Exception {
    Files.write(root.resolve(TimeTemplate.expand(CHMI_NAME, T0.minusSeconds(600))), new byte[] {1, 2, 3});
    try (ProviderServer server = new ProviderServer(root)) {
      ProviderDiscovery d = new ProviderDiscovery(http(Duration.ofSeconds(5)), probes, 2016);
      RadarSource chmi = source("chmi", server.url(""), "{base}/", CHMI_NAME, Discovery.PROBE);
      server.status("/" + TimeTemplate.expand(CHMI_NAME, T0), 503);
      // the newest slot failed: the newest frame found is listed, and the failure logged
      assertEquals(List.of(T0.minusSeconds(600)),
          d.discover(chmi, TimeWindow.latest(1), T0).stream().map(ProviderDiscovery.Found::time).toList());

      Files.delete(root.resolve(TimeTemplate.expand(CHMI_NAME, T0.minusSeconds(600))));
      for (int i = 2; i <= 12; i++) { // 14:55 is missing
        server.status("/" + TimeTemplate.expand(CHMI_NAME, T0.minusSeconds(300L * i)), i % 2 == 0 ? 403 : 405);
      }
      // 12 of the hour's 13 slots failed, one is missing: nothing found, which is not "no frames"
      IOException e = assertThrows(IOException.class, () -> d.discover(chmi, anHour(), T0));
      assertTrue(e.getMessage().startsWith("chmi: no frame found, and 12 of 13 probes failed (last: HEAD "
          + server.url("/T_PABV23_C_OKPR_")), e.getMessage());
    }
  }

  /** A probe that fell back to a ranged GET is named so in the failure, not as the HEAD it began with. */
  @Test
  void aFailedFallbackProbeIsNamedAsTheGetItWas(@TempDir Path root) throws Exception {
    try (ProviderServer server = new ProviderServer(root)) {
      ProviderDiscovery d = new ProviderDiscovery(http(Duration.ofSeconds(5)), probes, 2016);
      RadarSource chmi = source("chmi", server.url(""), "{base}/", CHMI_NAME, Discovery.PROBE);
      server.status("/" + TimeTemplate.expand(CHMI_NAME, T0), 405); // no HEAD, and no GET either
      IOException e = assertThrows(IOException.class, () -> d.discover(chmi, TimeWindow.latest(1), T0));
      assertTrue(e.getMessage().contains("(last: GET (first 1024 bytes) " + server.url("/T_PABV23_C_OKPR_")),
          e.getMessage());
    }
  }

  @Test
  void anIndexThatTimesOutIsNotProbedSlotBySlot() throws Exception {
    try (RawProvider hole = RawProvider.blackHole()) {
      ProviderDiscovery d = new ProviderDiscovery(http(Duration.ofSeconds(1)), probes, 2016);
      RadarSource dwd = source("dwd", hole.url(""), "{base}/dmax/", DWD_NAME, Discovery.LISTING);
      ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
          () -> d.discover(dwd, TimeWindow.latest(6), T0));
      assertTrue(e.getMessage().startsWith("GET " + hole.url("/dmax/") + " failed: timed out"), e.getMessage());
      assertEquals(1, hole.connections(), "the index page only");
    }
  }

  @Test
  void aWindowNeedingMoreProbesThanAllowedIsRefusedBeforeAnyRequest() throws Exception {
    try (RawProvider hole = RawProvider.blackHole()) {
      ProviderDiscovery d = new ProviderDiscovery(http(Duration.ofSeconds(1)), probes, 12);
      RadarSource chmi = source("chmi", hole.url(""), "{base}/", CHMI_NAME, Discovery.PROBE);
      IOException e = assertThrows(IOException.class, () -> d.discover(chmi, anHour(), T0));
      assertEquals("chmi: 13 slots to probe, more than the 12 probes allowed: read long ranges from archives instead",
          e.getMessage());
      assertEquals(0, hole.connections());
    }
  }

  /**
   * ARSO's one file, asked for its first 2 KB: an error answer, or a page with no SRD time in it, is a failed
   * discovery that names the URL and why, in one line; nothing is guessed.
   */
  @Test
  void aLatestOnlyFileThatFailsOrNamesNoTimeIsAFailedDiscovery(@TempDir Path root) throws Exception {
    try (ProviderServer server = new ProviderServer(root)) {
      ProviderDiscovery d = new ProviderDiscovery(http(Duration.ofSeconds(5)), probes, 2016);
      RadarSource arso = source("arso", server.url("/uploads/probase/www/observ/radar"), "{base}/", "si0-zm.srd",
          Discovery.LATEST_ONLY);
      String url = server.url("/uploads/probase/www/observ/radar/si0-zm.srd");
      IOException missing = assertThrows(IOException.class, () -> d.discover(arso, TimeWindow.latest(1), T0));
      assertEquals("GET " + url + " answered HTTP 404", missing.getMessage());

      server.mode(ProviderServer.Mode.HTML_EVERYWHERE);
      IOException page = assertThrows(IOException.class, () -> d.discover(arso, TimeWindow.latest(1), T0));
      assertEquals(url + " names no time in its header (SRD header has no time (Y M D h m); refusing to guess the"
          + " nominal time)", page.getMessage());

      server.mode(ProviderServer.Mode.NORMAL);
      Path file = root.resolve("uploads/probase/www/observ/radar/si0-zm.srd");
      Files.createDirectories(file.getParent());
      Files.write(file, "time 2025 11 17 14 55\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals(List.of(new ProviderDiscovery.Found(url, T0.minusSeconds(300))),
          d.discover(arso, TimeWindow.latest(1), T0), "the same file once it names its time");
      assertEquals(3, server.requests("GET"), "one ranged GET per discovery");
    }
  }

  @Test
  void plannedProbesCountTheSlotsOfAProbedProviderOnly() {
    ProviderSpec chmi = new ProviderSpec("http://x", "{base}/", CHMI_NAME, Discovery.PROBE, 0);
    ProviderSpec dwd = new ProviderSpec("http://x", "{base}/dmax/", DWD_NAME, Discovery.LISTING, 0);
    TimeWindow decade = TimeWindow.between(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
    assertEquals(3653 * 288 + 1, ProviderDiscovery.plannedProbes(chmi, decade));
    assertEquals(decade.slotsNewestFirst().size(), ProviderDiscovery.plannedProbes(chmi, decade));
    assertEquals(13, ProviderDiscovery.plannedProbes(chmi, anHour()));
    assertEquals(36, ProviderDiscovery.plannedProbes(chmi, TimeWindow.latest(6)));
    assertEquals(0, ProviderDiscovery.plannedProbes(dwd, decade));
    assertEquals(2016, ProviderDiscovery.DEFAULT_MAX_PROBES);
  }

  /** An index page like DWD's with {@code n} frames, 5 minutes apart from {@link #T0} back. */
  private static String index(int n) {
    StringBuilder b = new StringBuilder("<html><head><title>Index of /dmax/</title></head><body><pre>\n");
    for (int i = 0; i < n; i++) {
      String name = TimeTemplate.expand(DWD_NAME, T0.minusSeconds(300L * i));
      b.append("<a href=\"").append(name).append("\">").append(name).append("</a>          17-Nov-2025 15:04   2617345\n");
    }
    return b.append("</pre></body></html>\n").toString();
  }

  @Test
  void anIndexIsScannedInOnePass() {
    TimeTemplate dwd = TimeTemplate.literal(DWD_NAME);
    for (int n : new int[] {20_000, 200_000}) {
      CountingText page = new CountingText(index(n));
      assertEquals(n, dwd.namesIn(page, n).size());
      // each character looked at a bounded number of times, however long the page
      assertTrue(page.reads <= 4L * page.length(), n + " links: " + page.reads + " reads of " + page.length() + " chars");
    }
    // near misses everywhere: a name cut short before its digits end, again and again
    CountingText misses = new CountingText("composite_dmax_2025111".repeat(100_000));
    assertEquals(0, dwd.namesIn(misses, 10).size());
    assertTrue(misses.reads <= 4L * misses.length(), misses.reads + " reads of " + misses.length() + " chars");
  }

  @Test
  @Timeout(60) // a scan that is not linear takes minutes here (200 000 links took 178 s)
  void anIndexOf200000LinksListsEveryFrameOfTheWindow() throws Exception {
    int n = 200_000;
    try (RawProvider provider = RawProvider.dripping(Map.of("/dmax/", index(n).getBytes(StandardCharsets.UTF_8)))) {
      RadarSource dwd = source("dwd", provider.url(""), "{base}/dmax/", DWD_NAME, Discovery.LISTING);
      TimeWindow window = TimeWindow.between(T0.minusSeconds(300L * (n - 1)), T0);
      List<ProviderDiscovery.Found> found =
          new ProviderDiscovery(http(Duration.ofSeconds(30)), probes, 2016).discover(dwd, window, T0);
      assertEquals(n, found.size());
      assertEquals(T0, found.get(0).time());
      assertEquals(T0.minusSeconds(300L * (n - 1)), found.get(n - 1).time());
      assertEquals(1, provider.connections());
    }
  }

  /** A text that counts the characters read from it. */
  private static final class CountingText implements CharSequence {
    private final String text;
    long reads;

    CountingText(String text) {
      this.text = text;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      reads += end - start;
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
