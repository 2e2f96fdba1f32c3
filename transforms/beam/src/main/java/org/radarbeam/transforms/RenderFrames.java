package org.radarbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.radarbeam.input.InputReader;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.RadarSource;

/**
 * Renders frames: PNGs on {@link #RENDERED}, and a failure record with a one-line reason on
 * {@link #FAILED} for every input that cannot be rendered (the failsafe shape: nothing is dropped
 * and nothing fails the bundle).
 */
public final class RenderFrames extends PTransform<PCollection<FrameRef>, PCollectionTuple> {
  public static final TupleTag<RenderedFrame> RENDERED = new TupleTag<RenderedFrame>() {};
  public static final TupleTag<FailedFrame> FAILED = new TupleTag<FailedFrame>() {};

  private final Map<String, RadarSource> sources;
  private final RenderSettings settings;
  private final InputReader inputs;

  public RenderFrames(Map<String, RadarSource> sources, RenderSettings settings, InputReader inputs) {
    this.sources = sources;
    this.settings = settings;
    this.inputs = inputs;
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameRef> input) {
    return input.apply("Render", ParDo.of(new RenderFrameFn(sources, settings, inputs))
        .withOutputTags(RENDERED, TupleTagList.of(FAILED)));
  }
}
