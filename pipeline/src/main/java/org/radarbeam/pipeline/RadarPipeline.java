package org.radarbeam.pipeline;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.radarbeam.input.InputReader;
import org.radarbeam.source.ArchiveTemplate;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.transforms.DiscoverFrames;
import org.radarbeam.transforms.FrameRef;
import org.radarbeam.transforms.ListFrames;
import org.radarbeam.transforms.PlanFrames;
import org.radarbeam.transforms.RenderFrames;
import org.radarbeam.transforms.ResolveTimeFn;
import org.radarbeam.transforms.SkipExisting;
import org.radarbeam.transforms.WriteExtentIndex;
import org.radarbeam.transforms.WriteFailureReport;

/**
 * The radarbeam graph: list frames (from the providers or from files), spread them over workers,
 * keep those inside the window whose output is missing, render each and write its PNG atomically
 * (on the worker that rendered it), write the extent index, and gather failures into a report.
 */
public final class RadarPipeline {
  private RadarPipeline() {}

  public static void build(Pipeline p, RunConfig c) {
    Outputs out = c.outputs();
    PCollection<FrameRef> listed = c.fromFiles()
        ? p.apply("ListFiles", new ListFrames(ArchiveTemplate.patterns(c.input(), c.sources().keySet(), c.window()),
            c.sources(), out.s3()))
        : p.apply("DiscoverFrames", new DiscoverFrames(c.sources(), c.window(), c.fetch()));
    TimeWindow window = c.window();
    PCollection<FrameRef> frames = listed
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("ResolveTime", ParDo.of(new ResolveTimeFn()))
        .apply("InWindow", Filter.by(f -> f.nominalEpochSeconds() == null || window.contains(f.nominalEpochSeconds())))
        .apply("SkipExisting", new SkipExisting(c.sources(), out.images(), c.overwrite()))
        .apply("SpreadWork", Reshuffle.viaRandomKey());
    if (c.dryRun()) {
      frames.apply("Plan", new PlanFrames(c.sources(), out.images()));
      return;
    }
    PCollectionTuple rendered = frames.apply("RenderFrames",
        new RenderFrames(c.sources(), c.settings(), new InputReader(c.fetch(), out.s3()), out.images()));
    rendered.get(RenderFrames.WRITTEN).apply("ExtentIndex", new WriteExtentIndex(out.data()));
    rendered.get(RenderFrames.FAILED).apply("FailureReport", new WriteFailureReport(out.failures(), out.failureKey()));
  }
}
