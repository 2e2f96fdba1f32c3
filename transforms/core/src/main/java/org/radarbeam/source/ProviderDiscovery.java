package org.radarbeam.source;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.srd.SrdHeader;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.http.HttpResult;
import org.radarbeam.http.Redaction;
import org.radarbeam.io.ReusableBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the frames a provider has for a time window: one index page per directory where the
 * provider has one, HEAD probes of candidate slots where it has none (or its index fails), and
 * the header of the single file of a latest-only provider.
 */
public final class ProviderDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);
  /** How far back --latest looks: candidate slots per wanted frame. */
  static final int CANDIDATES_PER_FRAME = 6;
  static final int MIN_CANDIDATES = 24;

  /** A discovered file and its nominal time. */
  public record Found(String url, Instant time) {
    @Override
    public String toString() {
      return url + "@" + time;
    }
  }

  private final HttpFetcher http;
  private final ExecutorService probes;

  public ProviderDiscovery(HttpFetcher http, ExecutorService probes) {
    this.http = http;
    this.probes = probes;
  }

  /** Frames of {@code source}'s provider in {@code window} (newest first); {@code now} anchors --latest. */
  public List<Found> discover(RadarSource source, TimeWindow window, Instant now) throws IOException {
    ProviderSpec spec = source.provider();
    String id = source.id();
    return switch (spec.discovery()) {
      case LISTING -> listing(id, spec, window, now);
      case PROBE -> probe(id, spec, candidates(spec, window, now), wanted(window));
      case LATEST_ONLY -> latestOnly(id, spec, window);
    };
  }

  private static int wanted(TimeWindow window) {
    return window.isLatest() ? window.latestCount() : Integer.MAX_VALUE;
  }

  private List<Instant> candidates(ProviderSpec spec, TimeWindow window, Instant now) {
    if (window.isRange()) {
      return window.slotsNewestFirst();
    }
    long newest = TimeWindow.floorSlot(now.getEpochSecond() - 60L * spec.delayMinutes());
    int n = Math.max(MIN_CANDIDATES, CANDIDATES_PER_FRAME * window.latestCount());
    List<Instant> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Instant.ofEpochSecond(newest - i * TimeWindow.SLOT_SECONDS));
    }
    return out;
  }

  private List<Found> listing(String source, ProviderSpec spec, TimeWindow window, Instant now) throws IOException {
    // the directories that can hold frames of the window, newest first
    Map<String, List<Instant>> dirs = new LinkedHashMap<>();
    List<Instant> slots = window.isRange() ? window.slotsNewestFirst()
        : List.of(now, now.minusSeconds(86_400)); // a date-folder provider: today and yesterday
    for (Instant t : slots) {
      dirs.computeIfAbsent(spec.dirUrl(t), d -> new ArrayList<>()).add(t);
    }
    TreeMap<Instant, String> found = new TreeMap<>(Comparator.reverseOrder());
    for (Map.Entry<String, List<Instant>> dir : dirs.entrySet()) {
      HttpResult index;
      try {
        index = http.get(dir.getKey());
      } catch (IOException e) {
        index = null;
        LOG.warn("{}: index {} failed ({}); probing its slots instead", source, Redaction.redact(dir.getKey()),
            Redaction.redact(e.getMessage()));
      }
      if (index == null || !index.ok()) {
        if (index != null && index.status() == 404) {
          LOG.info("{}: no index at {} (HTTP 404): no frames there", source, Redaction.redact(dir.getKey()));
          continue;
        }
        if (index != null) {
          LOG.warn("{}: index {} answered HTTP {}; probing its slots instead", source, Redaction.redact(dir.getKey()),
              index.status());
        }
        List<Instant> probeSlots = window.isRange() ? dir.getValue() : candidates(spec, window, now);
        for (Found f : probe(source, spec, probeSlots, wanted(window))) {
          found.put(f.time(), f.url());
        }
        continue;
      }
      String html = index.text();
      int n = 0;
      for (String name : spec.fileNamesIn(html)) {
        Instant t = spec.timeOf(name);
        if (t != null && window.contains(t.getEpochSecond())) {
          found.putIfAbsent(t, dir.getKey() + name);
          n++;
        }
      }
      LOG.info("{}: index {} lists {} frame(s) in the window", source, Redaction.redact(dir.getKey()), n);
    }
    List<Found> out = new ArrayList<>();
    for (Map.Entry<Instant, String> e : found.entrySet()) {
      if (window.isLatest() && out.size() >= window.latestCount()) {
        break;
      }
      out.add(new Found(e.getValue(), e.getKey()));
    }
    return out;
  }

  /** HEAD-probes candidate slots (newest first, a few at a time) until {@code wanted} are found. */
  private List<Found> probe(String source, ProviderSpec spec, List<Instant> slots, int wanted) throws IOException {
    List<Found> out = new ArrayList<>();
    int batch = 8;
    IOException lastError = null;
    int errors = 0;
    for (int i = 0; i < slots.size() && out.size() < wanted; i += batch) {
      List<Instant> part = slots.subList(i, Math.min(slots.size(), i + batch));
      List<Future<HttpResult>> heads = new ArrayList<>();
      for (Instant t : part) {
        heads.add(probes.submit(() -> http.head(spec.fileUrl(t))));
      }
      for (int k = 0; k < part.size(); k++) {
        try {
          HttpResult r = heads.get(k).get();
          if (r.status() == 200 && !(spec.rejectHtml() && r.isHtml())) {
            if (out.size() < wanted) {
              out.add(new Found(spec.fileUrl(part.get(k)), part.get(k)));
            }
          }
        } catch (ExecutionException e) {
          errors++;
          lastError = e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while probing " + source, e);
        }
      }
      if (errors > 0 && out.isEmpty() && errors == i + part.size()) {
        throw new IOException(source + " is unreachable: " + Redaction.redact(lastError.getMessage()), lastError);
      }
    }
    return out;
  }

  private List<Found> latestOnly(String source, ProviderSpec spec, TimeWindow window) throws IOException {
    String url = spec.fileUrl(Instant.EPOCH);
    HttpResult r = http.getRange(url, 2048);
    if (!r.ok()) {
      throw new IOException("GET " + Redaction.redact(url) + " answered HTTP " + r.status());
    }
    Instant t;
    try {
      t = SrdHeader.timeOf(ReusableBuffer.array(r.body()), r.body().limit());
    } catch (BadInputException e) {
      throw new IOException(Redaction.redact(url) + " names no time in its header (" + e.getMessage() + ")");
    }
    if (!window.contains(t.getEpochSecond())) {
      LOG.info("{}: its only file ({}) is outside the window", source, t);
      return List.of();
    }
    return List.of(new Found(url, t));
  }

}
