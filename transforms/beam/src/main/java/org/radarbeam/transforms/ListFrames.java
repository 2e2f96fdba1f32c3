package org.radarbeam.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.SourcePattern;
import org.radarbeam.store.S3Connection;

/** Lists the frames to render: every file matching each source's input pattern, timed by its name. */
public final class ListFrames extends PTransform<PBegin, PCollection<FrameRef>> {
  private final List<SourcePattern> patterns;
  private final Map<String, RadarSource> sources;
  private final S3Connection s3;
  private final int workers;

  /**
   * @param patterns local files or globs, or s3:// globs (listed through {@code s3}, which may be
   *     null when there are none); a directory is listed as such only once written as a glob
   *     ({@link org.radarbeam.source.ArchiveTemplate#patterns} does that for --input)
   */
  public ListFrames(List<SourcePattern> patterns, Map<String, RadarSource> sources, S3Connection s3) {
    this(patterns, sources, s3, 0);
  }

  private ListFrames(List<SourcePattern> patterns, Map<String, RadarSource> sources, S3Connection s3, int workers) {
    this.patterns = List.copyOf(patterns);
    this.sources = sources;
    this.s3 = s3;
    this.workers = workers;
  }

  /** The same listing with several patterns dealt among {@code workers} threads ({@link Spread#over}). */
  public ListFrames spreadOver(int workers) {
    return new ListFrames(patterns, sources, s3, workers);
  }

  @Override
  public PCollection<FrameRef> expand(PBegin input) {
    PCollection<SourcePattern> listed = input
        .apply("Patterns", OneBundle.of(patterns, new PatternCoder()));
    // an archive template over months makes a pattern per source and day: listing them (an S3 LIST
    // each) is spread over the workers; a single pattern has nothing to share
    if (patterns.size() > 1) {
      listed = listed.apply("SpreadPatterns", Spread.over(workers));
    }
    return listed.apply("Expand", ParDo.of(new ExpandInputFn(sources, s3)));
  }

  /** A pattern's two strings, where Java serialisation would write its class descriptor with each one. */
  static final class PatternCoder extends AtomicCoder<SourcePattern> {
    private static final Coder<String> TEXT = StringUtf8Coder.of();

    @Override
    public void encode(SourcePattern p, OutputStream out) throws IOException {
      TEXT.encode(p.source(), out);
      TEXT.encode(p.pattern(), out);
    }

    @Override
    public SourcePattern decode(InputStream in) throws IOException {
      return new SourcePattern(TEXT.decode(in), TEXT.decode(in));
    }
  }
}
