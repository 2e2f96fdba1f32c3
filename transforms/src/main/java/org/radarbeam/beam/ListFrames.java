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
import org.radarbeam.store.S3Settings;

/** Lists the frames to render: every file matching each source's input pattern. */
public final class ListFrames extends PTransform<PBegin, PCollection<FrameRef>> {
  private final List<KV<String, String>> patterns;
  private final Map<String, SourceProfile> profiles;
  private final S3Settings s3;

  private ListFrames(List<KV<String, String>> patterns, Map<String, SourceProfile> profiles, S3Settings s3) {
    this.patterns = patterns;
    this.profiles = profiles;
    this.s3 = s3;
  }

  /**
   * @param patterns (source id, file pattern) pairs: local paths or globs, or anything Beam's
   *     FileSystems match
   */
  public static ListFrames of(List<KV<String, String>> patterns, Map<String, SourceProfile> profiles) {
    return new ListFrames(new ArrayList<>(patterns), profiles, null);
  }

  /** As {@link #of}, with s3:// patterns listed through {@code s3}. */
  public static ListFrames of(List<KV<String, String>> patterns, Map<String, SourceProfile> profiles, S3Settings s3) {
    return new ListFrames(new ArrayList<>(patterns), profiles, s3);
  }

  @Override
  public PCollection<FrameRef> expand(PBegin input) {
    return input
        .apply("Patterns", Create.of(patterns).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("Expand", ParDo.of(new ExpandInputFn(profiles, s3)));
  }
}
