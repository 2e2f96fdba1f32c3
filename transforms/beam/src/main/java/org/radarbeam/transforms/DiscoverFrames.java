package org.radarbeam.transforms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.http.Redaction;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.source.ProviderDiscovery;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the frames each source's provider has for the window, one source per element, so a
 * provider that is down, slow or answers HTML costs only its own frames.
 */
public final class DiscoverFrames extends PTransform<PBegin, PCollection<FrameRef>> {
  private final Map<String, RadarSource> sources;
  private final TimeWindow window;
  private final FetchSettings fetch;

  public DiscoverFrames(Map<String, RadarSource> sources, TimeWindow window, FetchSettings fetch) {
    this.sources = sources;
    this.window = window;
    this.fetch = fetch;
  }

  @Override
  public PCollection<FrameRef> expand(PBegin input) {
    return input
        .apply("Sources", Create.of(List.copyOf(sources.keySet())).withCoder(StringUtf8Coder.of()))
        .apply("Discover", ParDo.of(new DiscoverFn(sources, window, fetch)));
  }

  static final class DiscoverFn extends DoFn<String, FrameRef> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoverFrames.class);
    private final Map<String, RadarSource> sources;
    private final TimeWindow window;
    private final FetchSettings fetch;
    private final Counter listed = RadarMetrics.counter(RadarMetrics.LISTED);
    private final Counter unavailable = RadarMetrics.counter(RadarMetrics.SOURCES_UNAVAILABLE);
    private transient ExecutorService probes;

    DiscoverFn(Map<String, RadarSource> sources, TimeWindow window, FetchSettings fetch) {
      this.sources = sources;
      this.window = window;
      this.fetch = fetch;
    }

    @Setup
    public void setup() {
      probes = Executors.newFixedThreadPool(Math.max(1, fetch.maxRequestsPerHost()), r -> {
        Thread t = new Thread(r, "radarbeam-probe");
        t.setDaemon(true);
        return t;
      });
    }

    @ProcessElement
    public void process(@Element String source, OutputReceiver<FrameRef> out) {
      RadarSource radarSource = sources.get(source);
      try {
        List<ProviderDiscovery.Found> found = new ProviderDiscovery(HttpFetcher.shared(fetch), probes)
            .discover(radarSource, window, Instant.now());
        for (ProviderDiscovery.Found f : found) {
          out.output(new FrameRef(source, f.url(), f.time().getEpochSecond()));
          listed.inc();
        }
        LOG.info("{}: {} frame(s) found at {} for {}", source, found.size(),
            Redaction.redact(radarSource.provider().base()), window);
      } catch (Exception e) {
        unavailable.inc();
        RadarMetrics.counter(RadarMetrics.SOURCES_UNAVAILABLE, source).inc();
        LOG.warn("{}: provider unavailable, its frames are left for the next run: {}", source,
            Redaction.redact(e.getMessage()));
      }
    }

    @Teardown
    public void teardown() {
      if (probes != null) {
        probes.shutdownNow();
      }
    }
  }
}
