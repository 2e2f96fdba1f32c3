package org.radarbeam.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.output.TextMutations;
import org.radarbeam.palette.Scaling;

/**
 * Providers' index pages as a hostile or broken server may answer them: the autoindex pages of Apache and
 * nginx with the providers' names, mutated with fixed seeds, and generated pages (megabytes of one line or of
 * one link, deep nesting, NUL and non-UTF-8 bytes, names of impossible times, names glued together). Every
 * name read is one the template names whole, at the time it states, and every page is read in linear time.
 */
class HostileListingTest {
  private static final Instant NOW = Instant.parse("2025-11-17T15:00:00Z");
  /** The providers' file names (SourceCatalog). */
  private static final List<String> NAMES = List.of("composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5",
      "T_PABV22_C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf", "T_PABV23_C_OKPR_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf",
      "{yyyy}{MM}{dd}{HH}{mm}{ss}00dBZ.cmax.h5", "radar_composite-refl2D-{yyyy}{MM}{dd}_{HH}{mm}.nc.zip");

  private final ExecutorService probes = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    probes.shutdownNow();
  }

  private static List<String> names(String template, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TimeTemplate.expand(template, NOW.minusSeconds(300L * i)));
    }
    return out;
  }

  private static String apache(String dir, List<String> names) {
    StringBuilder b = new StringBuilder("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html>\n <head>\n"
        + "  <title>Index of " + dir + "</title>\n </head>\n <body>\n<h1>Index of " + dir + "</h1>\n  <table>\n"
        + "<tr><td valign=\"top\"><img src=\"/icons/back.gif\" alt=\"[PARENTDIR]\"></td><td><a href=\"../\">Parent"
        + " Directory</a></td><td>&nbsp;</td><td align=\"right\">  - </td></tr>\n");
    for (String n : names) {
      b.append("<tr><td valign=\"top\"><img src=\"/icons/unknown.gif\" alt=\"[   ]\"></td><td><a href=\"").append(n)
          .append("\">").append(n).append("</a></td><td align=\"right\">2025-11-17 15:05  </td><td align=\"right\">"
          + "1.2M</td></tr>\n");
    }
    return b.append("</table>\n</body></html>\n").toString();
  }

  private static String nginx(String dir, List<String> names) {
    StringBuilder b = new StringBuilder("<html>\r\n<head><title>Index of " + dir + "</title></head>\r\n<body>\r\n"
        + "<h1>Index of " + dir + "</h1><hr><pre><a href=\"../\">../</a>\n");
    for (String n : names) {
      b.append("<a href=\"").append(n).append("\">").append(n.length() > 50 ? n.substring(0, 47) + "..&gt;" : n)
          .append("</a>").append(" ".repeat(Math.max(1, 51 - n.length()))).append("17-Nov-2025 15:05    1234567\n");
    }
    return b.append("</pre><hr></body>\r\n</html>\r\n").toString();
  }

  /** Every name read from {@code page} is the template's for the time read from it (seconds are dropped). */
  private static void assertNamesAreTheTemplates(String template, String page) {
    TimeTemplate t = TimeTemplate.literal(template);
    int ss = template.indexOf("{ss}");
    for (String name : t.namesIn(page, 1000)) {
      Instant time = t.timeIn(name);
      if (time != null) {
        if (ss >= 0) { // the seconds the name states
          int at = TimeTemplate.expand(template.substring(0, ss), time).length();
          time = time.plusSeconds(Integer.parseInt(name.substring(at, at + 2)));
        }
        assertEquals(TimeTemplate.expand(template, time), name, "the name of the time read from it");
      }
    }
  }

  @Test
  void mutatedPagesNameOnlyTheTimesTheirNamesState() {
    Random r = new Random(1717L);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (String template : NAMES) {
        for (String seed : List.of(apache("/dmax/", names(template, 20)), nginx("/dmax/", names(template, 20)))) {
          assertEquals(20, TimeTemplate.literal(template).namesIn(seed, 1000).size());
          for (int i = 0; i < 150; i++) { // every tenth mutated much
            assertNamesAreTheTemplates(template, TextMutations.mutate(r, seed, 1 + r.nextInt(i % 10 == 0 ? 60 : 8)));
          }
        }
      }
    });
  }

  /**
   * Pages of megabytes, of one line or of one link, of names glued together or of deep nesting, are read
   * within seconds, as a scan that never goes back reads them.
   */
  @Test
  void hugeAndDeepPagesAreReadInLinearTime() {
    String template = NAMES.get(0);
    String name = TimeTemplate.expand(template, NOW);
    String link = "<a href=\"" + name + "\">" + name + "</a>";
    TimeTemplate t = TimeTemplate.literal(template);
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
      for (int size : new int[] {1 << 20, 10 << 20}) {
        assertEquals(0, t.namesIn("Index of /x " + "x".repeat(size), 10).size());
        assertEquals(1, t.namesIn("Index of /x " + link.repeat(size / link.length()), 10).size());
      }
      assertEquals(0, t.namesIn(name.replace("-hd5", "").repeat(50_000), 10).size());
      assertEquals(0, t.namesIn("1".repeat(1 << 20), 10).size());
      assertEquals(1, t.namesIn("<div>".repeat(1_000_000) + link + "</div>".repeat(1_000_000), 10).size());
      assertEquals(0, t.namesIn("<".repeat(2_000_000), 10).size());
    });
  }

  /** A fetcher of one attempt, in a run of its own. */
  private static HttpFetcher http() {
    return HttpFetcher.shared(new FetchSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(5), 1,
        Duration.ofMillis(10), Duration.ofMillis(10), "").forRun(UUID.randomUUID().toString()));
  }

  private static RadarSource source(String base, String dir, String file) {
    return new RadarSource("x", "x", InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS, null,
        new ProviderSpec(base, dir, file, Discovery.LISTING, 0));
  }

  /**
   * Names of impossible times (month 13, day 32, hour 25, minute 61, second 60), of years before 1970 or of
   * five digits, with their digits doubled, glued to another name or cut by a NUL, are no frames: only the
   * three real names are listed, and the page is not probed instead.
   */
  @Test
  void namesOfImpossibleTimesAreNoFrames() throws Exception {
    String template = NAMES.get(1);
    List<String> real = names(template, 3);
    String name = real.get(0); // T_PABV22_C_LZIB_20251117150000.hdf
    List<String> bad = List.of(name.replace("20251117", "20251317"), name.replace("20251117", "20251132"),
        name.replace("150000", "250000"), name.replace("150000", "156100"), name.replace("150000", "150060"),
        name.replace("2025", "0000"), name.replace("2025", "1969"), name.replace("2025", "99999"),
        name.replaceAll("(\\d)", "$1$1"), name + name, name.replace(".hdf", "\u0000.hdf"),
        name.replace("1500", "15\u00ff0"), "x" + name, name + ".tmp", "2" + name.substring(16));
    Map<String, byte[]> pages = Map.of("/zmax/20251117/",
        apache("/zmax/20251117/", concat(bad, real)).getBytes(StandardCharsets.ISO_8859_1));
    try (RawProvider provider = RawProvider.dripping(pages)) {
      List<ProviderDiscovery.Found> found = new ProviderDiscovery(http(), probes, 0)
          .discover(source(provider.url(""), "{base}/zmax/{yyyy}{MM}{dd}/", template), TimeWindow.latest(10), NOW);
      assertEquals(real.stream().map(n -> provider.url("/zmax/20251117/") + n).toList(),
          found.stream().map(ProviderDiscovery.Found::url).toList());
      assertEquals(List.of(NOW, NOW.minusSeconds(300), NOW.minusSeconds(600)),
          found.stream().map(ProviderDiscovery.Found::time).toList());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * Discovery end to end over mutated and generated pages: it lists, or fails with an IOException, within
   * seconds; each frame it lists is a file the template names in that folder, at the time its name states.
   */
  @Test
  void mutatedListingsAreDiscoveredOrFailClearly() throws Exception {
    Random r = new Random(99L);
    Map<String, byte[]> pages = new ConcurrentHashMap<>();
    try (RawProvider provider = RawProvider.dripping(pages)) {
      HttpFetcher http = http();
      for (String[] spec : new String[][] {{"/dmax/", "{base}/dmax/", NAMES.get(0)},
          {"/zmax/20251117/", "{base}/zmax/{yyyy}{MM}{dd}/", NAMES.get(1)}}) {
        RadarSource src = source(provider.url(""), spec[1], spec[2]);
        String name = TimeTemplate.expand(spec[2], NOW);
        String seed = nginx(spec[0], names(spec[2], 30));
        List<String> inputs = new ArrayList<>(List.of(seed, "Index of " + name.replaceAll("\\d", "9"),
            "Index of /x " + "x".repeat(1 << 20), "<a href=\"" + name + "\">\u0000\u00ff</a>".repeat(50_000),
            "Index of " + "<div>".repeat(200_000) + name, nginx(spec[0], List.of())));
        for (int i = 0; i < 60; i++) {
          inputs.add(TextMutations.mutate(r, seed, 1 + r.nextInt(10)));
        }
        for (String page : inputs) {
          pages.put(spec[0], page.getBytes(StandardCharsets.ISO_8859_1));
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            List<ProviderDiscovery.Found> found;
            try {
              found = new ProviderDiscovery(http, probes, 2016).discover(src, TimeWindow.latest(3), NOW);
            } catch (IOException e) {
              assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), e.getMessage());
              return;
            }
            for (ProviderDiscovery.Found f : found) {
              String file = f.url().substring(provider.url(spec[0]).length());
              assertEquals(provider.url(spec[0]) + file, f.url());
              assertNotNull(src.provider().timeOf(file), f.url());
              assertEquals(f.time(), src.provider().timeOf(file), f.url());
              assertEquals(null, FrameTimes.implausible(f.time(), NOW), f.url());
            }
          }, () -> "discovering " + page.substring(0, Math.min(200, page.length())));
        }
      }
    }
  }
}
