package org.radarbeam.pipeline;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.radarbeam.beam.ListFrames;
import org.radarbeam.beam.PlanFramesFn;
import org.radarbeam.beam.RenderFrameFn;
import org.radarbeam.beam.RenderFrames;
import org.radarbeam.beam.SkipExistingFn;
import org.radarbeam.beam.WriteFailureReport;
import org.radarbeam.beam.WriteObjectsFn;
import org.radarbeam.model.FrameRef;

/**
 * The radarbeam graph: list frames, spread them over workers, skip those already written, render,
 * write each PNG atomically, and gather failures into a report.
 */
public final class RadarPipeline {
  private RadarPipeline() {}

  public static void build(Pipeline p, RunConfig c) {
    PCollection<FrameRef> frames = p
        .apply("ListFrames", ListFrames.fromFiles(c.input, c.profiles))
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("SkipExisting", ParDo.of(new SkipExistingFn(c.profiles, c.store, c.overwrite)));
    if (c.dryRun) {
      frames.apply("Plan", ParDo.of(new PlanFramesFn(c.profiles, c.store)));
      return;
    }
    PCollectionTuple rendered = frames.apply("RenderFrames", new RenderFrames(c.profiles, c.settings));
    rendered.get(RenderFrameFn.RENDERED).apply("WriteObjects", ParDo.of(new WriteObjectsFn(c.store)));
    rendered.get(RenderFrameFn.FAILED).apply("FailureReport", new WriteFailureReport(c.failuresPath));
  }
}
