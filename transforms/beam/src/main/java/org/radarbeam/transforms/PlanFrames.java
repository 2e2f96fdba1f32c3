package org.radarbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.http.Redaction;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dry run: logs the key each frame would be written to ("plan SOURCE URI -> KEY") and counts it;
 * reads no raster and touches nothing. Outputs the plan lines.
 */
public final class PlanFrames extends PTransform<PCollection<FrameRef>, PCollection<String>> {
  private final Map<String, RadarSource> sources;
  private final ObjectStore store;

  public PlanFrames(Map<String, RadarSource> sources, ObjectStore store) {
    this.sources = sources;
    this.store = store;
  }

  @Override
  public PCollection<String> expand(PCollection<FrameRef> frames) {
    return frames.apply("Plan", ParDo.of(new PlanFn(sources, store)));
  }

  private static final class PlanFn extends DoFn<FrameRef, String> {
    private static final Logger LOG = LoggerFactory.getLogger(PlanFrames.class);
    private final Map<String, RadarSource> sources;
    private final ObjectStore store;
    private final Counter planned = RadarMetrics.counter(RadarMetrics.PLANNED);
    private final Counter duplicates = RadarMetrics.counter(RadarMetrics.DUPLICATES);

    PlanFn(Map<String, RadarSource> sources, ObjectStore store) {
      this.sources = sources;
      this.store = store;
    }

    @ProcessElement
    public void process(@Element FrameRef ref, OutputReceiver<String> out) {
      RadarSource source = sources.get(ref.source());
      String target = ref.nominalEpochSeconds() == null
          ? "(key unknown: the file names no time and its metadata is unreadable)"
          : source.keysByGrid()
              // the grid is known only once the raster's header is read, which a dry run does not do
              ? store.describe(OutputKeys.png(source.folder(), "{grid}", ref.nominalEpochSeconds()))
                  + " (its grid is known once it is read; existing images are not looked for)"
              : store.describe(OutputKeys.png(source.folder(), ref.nominalEpochSeconds()));
      // files that share the key: a run renders the first of them that can be read, the others are duplicates
      int others = ref.candidates().size() - 1;
      String line = "plan " + ref.source() + " " + Redaction.redact(ref.uri()) + " -> " + target
          + (others == 0 ? "" : " (or, where it cannot be read, one of its " + others + " same-key duplicate(s))");
      LOG.info(line);
      planned.inc();
      duplicates.inc(others);
      out.output(line);
    }
  }
}
