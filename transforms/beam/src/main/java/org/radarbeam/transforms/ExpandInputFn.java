package org.radarbeam.transforms;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.http.Redaction;
import org.radarbeam.input.InputFiles;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.SourcePattern;
import org.radarbeam.store.LocalGlob;
import org.radarbeam.store.S3Connection;
import org.radarbeam.store.S3Glob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands one (source, file pattern) into a FrameRef per matching file, timed by its name. A pattern
 * that cannot be listed (a store that refuses or fails the listing, a listing past its bound) ends
 * only itself: one warning with the reason, counted as {@link RadarMetrics#INPUTS_UNLISTED}, and the
 * other patterns are listed and rendered.
 */
class ExpandInputFn extends DoFn<SourcePattern, FrameRef> {
  private static final Logger LOG = LoggerFactory.getLogger(ExpandInputFn.class);

  private final Map<String, RadarSource> sources;
  private final S3Connection s3;
  private final Counter listed = RadarMetrics.counter(RadarMetrics.LISTED);

  ExpandInputFn(Map<String, RadarSource> sources, S3Connection s3) {
    this.sources = sources;
    this.s3 = s3;
  }

  @ProcessElement
  public void process(@Element SourcePattern input, OutputReceiver<FrameRef> out) throws IOException {
    String source = input.source();
    String pattern = input.pattern();
    RadarSource radarSource = sources.get(source);
    List<String> uris;
    try {
      uris = pattern.startsWith("s3://") ? S3Glob.match(s3, pattern) : LocalGlob.match(pattern);
    } catch (IOException | RuntimeException e) {
      RadarMetrics.counter(RadarMetrics.INPUTS_UNLISTED).inc();
      RadarMetrics.counter(RadarMetrics.INPUTS_UNLISTED, source).inc();
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.atWarn().addKeyValue("source", source).log("{}: {} cannot be listed, its frames are not rendered: {}", source,
          Redaction.redact(pattern), BadInputException.excerpt(Redaction.redact(why), 500));
      return;
    }
    for (String uri : uris) {
      Instant t = radarSource.timeFromName(InputFiles.fileName(uri));
      out.output(new FrameRef(source, uri, t == null ? null : t.getEpochSecond()));
      listed.inc();
    }
    if (uris.isEmpty()) {
      LOG.warn("{}: no files match {}", source, pattern);
    } else {
      LOG.info("{}: {} file(s) match {}", source, uris.size(), pattern);
    }
  }
}
