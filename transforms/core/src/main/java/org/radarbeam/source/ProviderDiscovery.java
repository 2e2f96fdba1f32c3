package org.radarbeam.source;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.srd.SrdHeader;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.http.HttpResult;
import org.radarbeam.http.ProviderUnavailableException;
import org.radarbeam.http.RequestsEndedException;
import org.radarbeam.http.TimeUpException;
import org.radarbeam.http.Redaction;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.ReusableBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the frames a provider has for a time window: one index page per directory where the
 * provider has one, HEAD probes of candidate slots where it has none (or its index fails), and
 * the header of the single file of a latest-only provider.
 *
 * <p>Probing is bounded: at most {@code maxProbes} HEAD requests per discovery (a window that needs
 * more is refused before any request, see {@link #plannedProbes}), with a progress line every 10 s
 * or 500 probes. A provider given up on for the run ({@link ProviderUnavailableException}) ends its
 * discovery at once instead of being probed slot by slot.
 */
public final class ProviderDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);
  /** How far back --latest looks: candidate slots per wanted frame. */
  static final int CANDIDATES_PER_FRAME = 6;
  static final int MIN_CANDIDATES = 24;
  /** The default bound on HEAD probes per source and run: a week of 5-minute slots. */
  public static final int DEFAULT_MAX_PROBES = 7 * 24 * 12;
  private static final int BATCH = 8;
  /**
   * Most time one source's discovery probes for: a healthy provider answers a week of probes in under
   * a minute, while one that answers each just inside --httpTimeout would take hours. Past it, the frames
   * found so far are listed, with a warning.
   */
  public static final Duration PROBING_BUDGET = Duration.ofMinutes(30);

  /**
   * The time a source's discovery may take in a run stopped after {@code runTimeout} (null: none): a
   * third of it, at most {@link #PROBING_BUDGET}, so a provider that answers slowly leaves the run the
   * time to render the frames of the others and write their indexes before it is stopped.
   */
  public static Duration budgetFor(Duration runTimeout) {
    return runTimeout == null || runTimeout.dividedBy(3).compareTo(PROBING_BUDGET) > 0 ? PROBING_BUDGET
        : runTimeout.dividedBy(3);
  }

  /** A discovered file and its nominal time. */
  public record Found(String url, Instant time) {
    @Override
    public String toString() {
      return url + "@" + time;
    }
  }

  private final HttpFetcher http;
  private final ExecutorService probes;
  private final int maxProbes;
  private final long budgetNanos;
  private final int maxNames;
  /** Probes sent so far by the discovery under way (one at a time per instance). */
  private int probed;
  /** When the discovery under way stops probing ({@link System#nanoTime}). */
  private long probingEnds;
  /** The frames the discovery under way has found so far, newest first: what is listed if it is not waited for. */
  private volatile List<Found> foundSoFar = List.of();

  /** @param maxProbes the most HEAD probes one discovery may send */
  public ProviderDiscovery(HttpFetcher http, ExecutorService probes, int maxProbes) {
    this(http, probes, maxProbes, PROBING_BUDGET);
  }

  /** @param budget the most time one discovery lists and probes for (see {@link #budgetFor}) */
  public ProviderDiscovery(HttpFetcher http, ExecutorService probes, int maxProbes, Duration budget) {
    this(http, probes, maxProbes, budget, HeapLimits.maxIndexNames());
  }

  /** @param maxNames the most frame names kept from one index page (see {@link HeapLimits#maxIndexNames}) */
  ProviderDiscovery(HttpFetcher http, ExecutorService probes, int maxProbes, Duration budget, int maxNames) {
    this.http = http;
    this.probes = probes;
    this.maxProbes = maxProbes;
    this.budgetNanos = budget.toNanos();
    this.maxNames = maxNames;
  }

  /**
   * The HEAD probes discovering {@code spec}'s frames in {@code window} plans: every slot of a range,
   * or the candidates of --latest, for a provider without an index; 0 for the others (they probe
   * only when an index fails, within the same bound).
   */
  public static long plannedProbes(ProviderSpec spec, TimeWindow window) {
    if (spec.discovery() != Discovery.PROBE) {
      return 0;
    }
    return window.isRange() ? window.slotCount() : candidateCount(window);
  }

  private static int candidateCount(TimeWindow window) {
    long n = Math.max(MIN_CANDIDATES, (long) CANDIDATES_PER_FRAME * window.latestCount());
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** Frames of {@code source}'s provider in {@code window} (newest first); {@code now} anchors --latest. */
  public List<Found> discover(RadarSource source, TimeWindow window, Instant now) throws IOException {
    ProviderSpec spec = source.provider();
    String id = source.id();
    probed = 0;
    probingEnds = System.nanoTime() + budgetNanos;
    foundSoFar = List.of();
    try {
      return switch (spec.discovery()) {
        case LISTING -> listing(id, spec, window, now);
        case PROBE -> {
          long planned = plannedProbes(spec, window);
          if (planned > maxProbes) {
            throw new IOException(id + ": " + planned + " slots to probe, more than the " + maxProbes
                + " probes allowed: read long ranges from archives instead");
          }
          yield probe(id, spec, candidates(spec, window, now), wanted(window), true);
        }
        case LATEST_ONLY -> latestOnly(spec);
      };
    } catch (TimeUpException e) {
      // as when the discovery budget runs out: what was found is listed, the rest is the next run's; a
      // source that found nothing is unavailable for this run, as one whose discovery is not waited for
      List<Found> found = foundSoFar;
      if (found.isEmpty()) {
        throw e;
      }
      LOG.warn("{}: discovery stopped, the run's time for requests is up: {} frame(s) found are listed, the rest are"
          + " left for the next run", id, found.size());
      return found;
    }
  }

  private static int wanted(TimeWindow window) {
    return window.isLatest() ? window.latestCount() : Integer.MAX_VALUE;
  }

  private List<Instant> candidates(ProviderSpec spec, TimeWindow window, Instant now) {
    if (window.isRange()) {
      return window.slotsNewestFirst();
    }
    long newest = TimeWindow.floorSlot(now.getEpochSecond() - 60L * spec.delayMinutes());
    int n = candidateCount(window);
    List<Instant> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Instant.ofEpochSecond(newest - i * TimeWindow.SLOT_SECONDS));
    }
    return out;
  }

  private List<Found> listing(String source, ProviderSpec spec, TimeWindow window, Instant now) throws IOException {
    // the directories that can hold frames of the window, newest first, each with the slots it holds
    // (what is probed if its index fails): a range's slots, or --latest's candidates, which reach as
    // many days back as N frames need; today's directory first in any case (it may hold frames newer
    // than the provider's usual delay)
    Map<String, List<Instant>> dirs = new LinkedHashMap<>();
    if (window.isLatest()) {
      dirs.put(spec.dirUrl(now), new ArrayList<>());
    }
    for (Instant t : window.isRange() ? window.slotsNewestFirst() : candidates(spec, window, now)) {
      dirs.computeIfAbsent(spec.dirUrl(t), d -> new ArrayList<>()).add(t);
    }
    // one fixed directory (DWD): a missing or empty index is a failed listing, as for imeteo-radar, and
    // its slots are probed; a dated one may simply be a day without frames
    boolean oneDirectory = spec.dirUrl(Instant.EPOCH).equals(spec.dirUrl(now));
    TreeMap<Instant, String> found = new TreeMap<>(Comparator.reverseOrder());
    IOException failedFolder = null;
    int listed = 0;
    for (Map.Entry<String, List<Instant>> dir : dirs.entrySet()) {
      if (window.isLatest() && found.size() >= window.latestCount()) {
        break; // the directories come newest first: older ones hold only older frames
      }
      if (System.nanoTime() - probingEnds > 0) {
        LOG.warn("{}: listing stopped after {}: {} of {} folders read, {} frame(s) found; the rest are left for a"
            + " later run", source, Duration.ofNanos(budgetNanos), listed, dirs.size(), found.size());
        break;
      }
      listed++;
      HttpResult index;
      try {
        index = http.getPage(dir.getKey());
      } catch (RequestsEndedException e) {
        throw e; // its slots would be as unavailable
      } catch (IOException e) {
        index = null;
        LOG.warn("{}: index {} failed ({}); probing its slots instead", source, Redaction.redact(dir.getKey()),
            Redaction.redact(e.getMessage()));
      }
      String page = index != null && index.ok() ? index.text() : null;
      // names are kept while the source is discovered, beside the frames other sources render: a page
      // that lists more than the heap allows for (hundreds in a real folder) is read as a failed listing
      Set<String> names = page != null ? spec.fileNamesIn(page, maxNames) : null;
      if (names != null && names.size() > maxNames) {
        LOG.warn("{}: index {} lists more than {} frame names; probing its slots instead", source,
            Redaction.redact(dir.getKey()), maxNames);
        names = null;
        index = null;
      }
      // a dated directory may hold no frames yet, but a page that is no directory listing at all (a
      // maintenance or error page answered with 200) says nothing of its frames
      boolean notAnIndex = names != null && names.isEmpty() && !looksLikeAnIndex(page);
      if (names == null || names.isEmpty() && (oneDirectory || notAnIndex)) {
        if (index != null && index.status() == 404 && !oneDirectory) {
          LOG.info("{}: no index at {} (HTTP 404): no frames there", source, Redaction.redact(dir.getKey()));
          continue;
        }
        if (index != null) {
          LOG.warn("{}: index {} {}; probing its slots instead", source, Redaction.redact(dir.getKey()),
              !index.ok() ? "answered HTTP " + index.status()
                  : notAnIndex ? "is not a directory listing" : "lists no frames");
        }
        List<Instant> probeSlots = dir.getValue();
        if (probed + probeSlots.size() > maxProbes) {
          LOG.warn("{}: probing the {} slots of {} would pass the {} probes allowed ({} sent); its frames are left out",
              source, probeSlots.size(), Redaction.redact(dir.getKey()), maxProbes, probed);
          continue;
        }
        try {
          for (Found f : probe(source, spec, probeSlots, wanted(window), false)) {
            found.put(f.time(), f.url());
          }
          foundSoFar = newest(found, window);
        } catch (RequestsEndedException e) {
          throw e;
        } catch (IOException e) {
          // one folder's failed probes cost that folder's frames, not those of the others
          failedFolder = e;
          LOG.warn("{}: the slots of {} could not be probed: {}", source, Redaction.redact(dir.getKey()),
              Redaction.redact(e.getMessage()));
        }
        continue;
      }
      int n = 0;
      int implausible = 0;
      for (String name : names) {
        Instant t = spec.timeOf(name);
        if (t == null || !window.contains(t.getEpochSecond())) {
          continue;
        }
        // left out here, before the newest are chosen: dropped only once listed, such names would still
        // have taken the places of real frames among --latest's newest
        if (FrameTimes.implausible(t, now) != null) {
          implausible++;
          continue;
        }
        found.putIfAbsent(t, dir.getKey() + name);
        n++;
      }
      if (implausible > 0) {
        LOG.warn("{}: index {} names {} frame(s) later than {} or before 1970: left out", source,
            Redaction.redact(dir.getKey()), implausible, now.plus(FrameTimes.SKEW));
      }
      LOG.info("{}: index {} lists {} frame(s) in the window", source, Redaction.redact(dir.getKey()), n);
      foundSoFar = newest(found, window);
    }
    if (found.isEmpty() && failedFolder != null) {
      throw failedFolder;
    }
    return newest(found, window);
  }

  /** The frames of {@code found} (newest first) that the window wants. */
  private static List<Found> newest(Map<Instant, String> found, TimeWindow window) {
    List<Found> out = new ArrayList<>();
    for (Map.Entry<Instant, String> e : found.entrySet()) {
      if (window.isLatest() && out.size() >= window.latestCount()) {
        break;
      }
      out.add(new Found(e.getValue(), e.getKey()));
    }
    return out;
  }

  /**
   * The frames found so far by the discovery under way on another thread: what a caller that stops
   * waiting for it (a request still unanswered past the budget) lists.
   */
  public List<Found> foundSoFar() {
    return foundSoFar;
  }

  /**
   * HEAD-probes candidate slots (newest first, a few at a time) until {@code wanted} are found; what
   * is found is also {@link #foundSoFar} if {@code publish} (the source's only way of discovery).
   */
  private List<Found> probe(String source, ProviderSpec spec, List<Instant> slots, int wanted, boolean publish)
      throws IOException {
    List<Found> out = new ArrayList<>();
    ProbeProgress progress = new ProbeProgress(source, slots.size());
    IOException lastError = null;
    int errors = 0;
    int sent = 0;
    for (int i = 0; i < slots.size() && out.size() < wanted; i += BATCH) {
      if (System.nanoTime() - probingEnds > 0) {
        LOG.warn("{}: probing stopped after {}: {} of {} slots probed, {} frame(s) found; the rest are left for a later"
            + " run", source, Duration.ofNanos(budgetNanos), sent, slots.size(), out.size());
        break;
      }
      List<Instant> part = slots.subList(i, Math.min(slots.size(), i + BATCH));
      List<Future<Probe>> heads = new ArrayList<>();
      for (Instant t : part) {
        heads.add(probes.submit(() -> probeOne(spec.fileUrl(t))));
      }
      sent += part.size();
      probed += part.size();
      try {
        for (int k = 0; k < part.size(); k++) {
          try {
            Probe probe = heads.get(k).get();
            HttpResult r = probe.answer();
            // a radar file is never an HTML page: one is a provider's "not there" (IMGW answers so) or a
            // server that answers everything with a page
            if (r.ok() && !r.isHtml()) {
              if (out.size() < wanted) {
                out.add(new Found(spec.fileUrl(part.get(k)), part.get(k)));
                if (publish) {
                  foundSoFar = List.copyOf(out);
                }
              }
            } else if (!absent(r)) {
              // a refusal or a server error says nothing of the slot: not "no frame"
              errors++;
              lastError = new IOException(probe.request() + " " + Redaction.redact(spec.fileUrl(part.get(k)))
                  + " answered HTTP " + r.status());
            }
          } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestsEndedException ended) {
              throw ended; // the rest would fail alike
            }
            errors++;
            lastError = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing " + source, e);
          }
        }
      } finally {
        heads.forEach(h -> h.cancel(true));
      }
      progress.probed(sent, out.size());
      if (errors > 0 && out.isEmpty() && errors == sent) {
        throw new IOException(source + " is unreachable: " + Redaction.redact(lastError.getMessage()), lastError);
      }
    }
    progress.done(sent, out.size());
    if (errors > 0 && out.isEmpty()) {
      throw new IOException(source + ": no frame found, and " + errors + " of " + sent + " probes failed (last: "
          + Redaction.redact(lastError.getMessage()) + ")", lastError);
    }
    if (errors > 0) {
      LOG.warn("{}: {} of {} probes failed, their slots are not listed (last: {})", source, errors, sent,
          Redaction.redact(lastError.getMessage()));
    }
    return out;
  }

  /**
   * Whether a page is a web server's directory listing: "Index of /dir/" near its top, as Apache, nginx
   * and lighttpd title theirs.
   */
  static boolean looksLikeAnIndex(String page) {
    return page.substring(0, Math.min(page.length(), 4096)).toLowerCase(Locale.ROOT).contains("index of");
  }

  /**
   * HEAD {@code url}; a server that does not do HEAD (405, 501) is asked for the file's first kilobyte
   * instead, as imeteo-radar asks DWD (200 or 206).
   */
  private Probe probeOne(String url) throws IOException {
    HttpResult r = http.head(url);
    return r.status() == 405 || r.status() == 501 ? new Probe("GET (first 1024 bytes)", http.getRange(url, 1024))
        : new Probe("HEAD", r);
  }

  /** A probe's answer, and the request that had it, for messages. */
  private record Probe(String request, HttpResult answer) {}

  /** Whether a probe's answer says there is no file: 404 or 410, or a page in its place. */
  private static boolean absent(HttpResult r) {
    return r.status() == 404 || r.status() == 410 || r.status() == 200 && r.isHtml();
  }

  /** The one file of a provider that keeps only its newest, named by the time in its header. */
  private List<Found> latestOnly(ProviderSpec spec) throws IOException {
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
    // judged as every listed frame is once listed: counted outside the window, or left out where no frame can
    // have its time; a single file takes no other frame's place among the newest
    return List.of(new Found(url, t));
  }

}
