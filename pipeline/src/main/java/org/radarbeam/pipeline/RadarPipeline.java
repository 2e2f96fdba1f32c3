package org.radarbeam.pipeline;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.radarbeam.beam.ListFrames;
import org.radarbeam.beam.PlanFramesFn;
import org.radarbeam.beam.RenderFrameFn;
import org.radarbeam.beam.RenderFrames;
import org.radarbeam.beam.ResolveTimeFn;
import org.radarbeam.beam.SkipExisting;
import org.radarbeam.beam.WriteExtentIndex;
import org.radarbeam.beam.WriteFailureReport;
import org.radarbeam.beam.WriteObjectsFn;
import org.radarbeam.model.FrameRef;
import org.radarbeam.pipeline.listing.DiscoverFrames;
import org.radarbeam.store.InputReader;

/**
 * The radarbeam graph: list frames (from the providers or from files), spread them over workers,
 * keep those inside the window whose output is missing, render, write each PNG atomically, and
 * gather failures into a report.
 */
public final class RadarPipeline {
  private RadarPipeline() {}

  public static void build(Pipeline p, RunConfig c) {
    PCollection<FrameRef> listed = c.input != null
        ? p.apply("ListFiles", ListFrames.of(ArchiveTemplate.patterns(c.input, c.profiles.keySet(), c.window), c.profiles, c.s3))
        : p.apply("DiscoverFrames", new DiscoverFrames(c.providers, c.window, c.fetch));
    TimeWindow window = c.window;
    PCollection<FrameRef> frames = listed
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("ResolveTime", ParDo.of(new ResolveTimeFn()))
        .apply("InWindow", Filter.by(f -> f.nominalEpochSeconds() == null || window.contains(f.nominalEpochSeconds())))
        .apply("SkipExisting", new SkipExisting(c.profiles, c.store, c.overwrite))
        .apply("SpreadWork", Reshuffle.viaRandomKey());
    if (c.dryRun) {
      frames.apply("Plan", ParDo.of(new PlanFramesFn(c.profiles, c.store)));
      return;
    }
    PCollectionTuple rendered = frames.apply("RenderFrames", new RenderFrames(c.profiles, c.settings, new InputReader(c.fetch, c.s3)));
    rendered.get(RenderFrameFn.RENDERED).apply("WriteObjects", ParDo.of(new WriteObjectsFn(c.store)));
    rendered.get(RenderFrameFn.RENDERED).apply("ExtentIndex", new WriteExtentIndex(c.dataStore));
    rendered.get(RenderFrameFn.FAILED).apply("FailureReport", new WriteFailureReport(c.failureStore, c.failureKey));
  }
}
