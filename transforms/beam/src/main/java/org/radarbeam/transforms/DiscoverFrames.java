package org.radarbeam.transforms;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.http.Redaction;
import org.radarbeam.source.ProviderDiscovery;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the frames each source's provider has for the window, one source per element, so a
 * provider that is down, slow or answers HTML costs only its own frames.
 *
 * <p>The sources of a bundle are discovered at once, each on its own thread, and their frames
 * output when the bundle finishes: a hung provider never queues the discovery of another behind
 * its own. A batch runner still passes frames on only when every discovery has ended (the next
 * step groups them), so a hung provider's discovery is bounded instead: each request has a deadline,
 * and a provider whose request timed out after its retries is given up for the run, so its
 * discovery ends after about one request's attempts ({@link org.radarbeam.http.HttpFetcher}).
 */
public final class DiscoverFrames extends PTransform<PBegin, PCollection<FrameRef>> {
  private final Map<String, RadarSource> sources;
  private final TimeWindow window;
  private final FetchSettings fetch;
  private final int maxProbes;
  private final Duration budget;

  public DiscoverFrames(Map<String, RadarSource> sources, TimeWindow window, FetchSettings fetch) {
    this(sources, window, fetch, ProviderDiscovery.DEFAULT_MAX_PROBES, ProviderDiscovery.PROBING_BUDGET);
  }

  /**
   * @param maxProbes the most HEAD probes one source's discovery may send
   * @param budget the most time one source's discovery may take ({@link ProviderDiscovery#budgetFor})
   */
  public DiscoverFrames(Map<String, RadarSource> sources, TimeWindow window, FetchSettings fetch, int maxProbes,
      Duration budget) {
    this.sources = sources;
    this.window = window;
    this.fetch = fetch;
    this.maxProbes = maxProbes;
    this.budget = budget;
  }

  @Override
  public PCollection<FrameRef> expand(PBegin input) {
    return input
        .apply("Sources", OneBundle.of(List.copyOf(sources.keySet()), StringUtf8Coder.of()))
        .apply("Discover", ParDo.of(new DiscoverFn(sources, window, fetch, maxProbes, budget)));
  }

  static final class DiscoverFn extends DoFn<String, FrameRef> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoverFrames.class);
    /** What a discovery may take past its budget (half of it, at most 10 s): time to hand over what it found. */
    static Duration overrun(Duration budget) {
      Duration half = budget.dividedBy(2);
      return half.compareTo(Duration.ofSeconds(10)) < 0 ? half : Duration.ofSeconds(10);
    }
    private final Map<String, RadarSource> sources;
    private final TimeWindow window;
    private final FetchSettings fetch;
    private final int maxProbes;
    private final Duration budget;
    private final Counter listed = RadarMetrics.counter(RadarMetrics.LISTED);
    private final Counter unavailable = RadarMetrics.counter(RadarMetrics.SOURCES_UNAVAILABLE);
    /** Runs each source's discovery, and its probes: threads only wait on the network here. */
    private transient ExecutorService threads;
    /** The discoveries of the bundle under way, by source. */
    private transient Map<String, Pending> pending;
    /** When the bundle under way started ({@link System#nanoTime}). */
    private transient long started;

    DiscoverFn(Map<String, RadarSource> sources, TimeWindow window, FetchSettings fetch, int maxProbes,
        Duration budget) {
      this.sources = sources;
      this.window = window;
      this.fetch = fetch;
      this.maxProbes = maxProbes;
      this.budget = budget;
    }

    @Setup
    public void setup() {
      // unbounded, but used by at most one discovery per source and its batch of probes (requests
      // per host are bounded by the fetcher): a hung provider never holds another's threads
      threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "radarbeam-discover");
        t.setDaemon(true);
        return t;
      });
    }

    @StartBundle
    public void startBundle() {
      pending = new LinkedHashMap<>();
      started = System.nanoTime();
    }

    @ProcessElement
    public void process(@Element String source) {
      RadarSource radarSource = sources.get(source);
      Instant now = Instant.now();
      ProviderDiscovery discovery = new ProviderDiscovery(HttpFetcher.shared(fetch), threads, maxProbes, budget);
      pending.put(source, new Pending(discovery, threads.submit(() -> discovery.discover(radarSource, window, now))));
    }

    /** Outputs the frames of the bundle's sources once each discovery has ended; counted here, on the bundle's thread. */
    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws InterruptedException {
      // the budget is checked between requests: one still unanswered when it has passed is not waited for
      Duration limit = budget.plus(overrun(budget));
      long ends = started + limit.toNanos();
      for (Map.Entry<String, Pending> e : pending.entrySet()) {
        String source = e.getKey();
        Future<List<ProviderDiscovery.Found>> result = e.getValue().result();
        try {
          List<ProviderDiscovery.Found> found;
          try {
            found = result.get(Math.max(0, ends - System.nanoTime()), TimeUnit.NANOSECONDS);
          } catch (TimeoutException late) {
            result.cancel(true);
            found = e.getValue().discovery().foundSoFar();
            if (found.isEmpty()) {
              throw new ExecutionException(new IOException("discovery stopped after " + limit
                  + " with a request still unanswered"));
            }
            LOG.warn("{}: discovery stopped after {} with a request still unanswered; the {} frame(s) found by then"
                + " are listed", source, limit, found.size());
          }
          for (ProviderDiscovery.Found f : found) {
            c.output(new FrameRef(source, f.url(), f.time().getEpochSecond()), BoundedWindow.TIMESTAMP_MIN_VALUE,
                GlobalWindow.INSTANCE);
            listed.inc();
          }
          LOG.info("{}: {} frame(s) found at {} for {}", source, found.size(),
              Redaction.redact(sources.get(source).provider().base()), window);
        } catch (ExecutionException ex) {
          unavailable.inc();
          RadarMetrics.counter(RadarMetrics.SOURCES_UNAVAILABLE, source).inc();
          LOG.atWarn().addKeyValue("source", source).log("{}: provider unavailable, its frames are left for the next run:"
              + " {}", source, Redaction.redact(String.valueOf(ex.getCause().getMessage())));
        }
      }
      pending.clear();
    }

    /** A source's discovery under way: its result, and what it found so far if that is not waited for. */
    private record Pending(ProviderDiscovery discovery, Future<List<ProviderDiscovery.Found>> result) {}

    @Teardown
    public void teardown() {
      if (threads != null) {
        threads.shutdownNow();
      }
    }
  }
}
