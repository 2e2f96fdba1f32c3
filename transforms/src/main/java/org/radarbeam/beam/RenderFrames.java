package org.radarbeam.beam;

import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.radarbeam.model.FrameRef;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.store.InputReader;

/**
 * Renders frames: outputs tagged {@link RenderFrameFn#RENDERED} (PNGs) and
 * {@link RenderFrameFn#FAILED} (failure records).
 */
public final class RenderFrames extends PTransform<PCollection<FrameRef>, PCollectionTuple> {
  private final Map<String, SourceProfile> profiles;
  private final RenderSettings settings;
  private final InputReader inputs;

  public RenderFrames(Map<String, SourceProfile> profiles, RenderSettings settings, InputReader inputs) {
    this.profiles = profiles;
    this.settings = settings;
    this.inputs = inputs;
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameRef> input) {
    return input.apply("Render", ParDo.of(new RenderFrameFn(profiles, settings, inputs))
        .withOutputTags(RenderFrameFn.RENDERED, TupleTagList.of(RenderFrameFn.FAILED)));
  }
}
