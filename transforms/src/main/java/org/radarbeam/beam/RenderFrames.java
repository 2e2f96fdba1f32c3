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

/**
 * Renders frames: outputs tagged {@link RenderFrameFn#RENDERED} (PNGs) and
 * {@link RenderFrameFn#FAILED} (failure records).
 */
public final class RenderFrames extends PTransform<PCollection<FrameRef>, PCollectionTuple> {
  private final Map<String, SourceProfile> profiles;
  private final RenderSettings settings;

  public RenderFrames(Map<String, SourceProfile> profiles, RenderSettings settings) {
    this.profiles = profiles;
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameRef> input) {
    return input.apply("Render", ParDo.of(new RenderFrameFn(profiles, settings))
        .withOutputTags(RenderFrameFn.RENDERED, TupleTagList.of(RenderFrameFn.FAILED)));
  }
}
