package org.radarbeam.beam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.model.FrameRef;
import org.radarbeam.model.SourceProfile;

/** Lists the frames to render: every file matching each source's input pattern. */
public final class ListFrames extends PTransform<PBegin, PCollection<FrameRef>> {
  private final List<KV<String, String>> patterns;
  private final Map<String, SourceProfile> profiles;

  private ListFrames(List<KV<String, String>> patterns, Map<String, SourceProfile> profiles) {
    this.patterns = patterns;
    this.profiles = profiles;
  }

  /**
   * @param patterns (source id, file pattern) pairs: local paths or globs, or anything Beam's
   *     FileSystems match
   */
  public static ListFrames of(List<KV<String, String>> patterns, Map<String, SourceProfile> profiles) {
    return new ListFrames(new ArrayList<>(patterns), profiles);
  }

  @Override
  public PCollection<FrameRef> expand(PBegin input) {
    return input
        .apply("Patterns", Create.of(patterns).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("Expand", ParDo.of(new ExpandInputFn(profiles)));
  }
}
