package org.radarbeam.transforms;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.input.InputFiles;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.SourcePattern;
import org.radarbeam.store.S3Connection;
import org.radarbeam.store.S3Glob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expands one (source, file pattern) into a FrameRef per matching file, timed by its name. */
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
    List<String> uris = pattern.startsWith("s3://") ? S3Glob.match(s3, pattern) : localFiles(pattern);
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

  /** Files (not directories, not hidden temporaries) matching a pattern of Beam's FileSystems. */
  private static List<String> localFiles(String pattern) throws IOException {
    List<String> out = new ArrayList<>();
    MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    if (match.status() != MatchResult.Status.OK) {
      return out;
    }
    for (MatchResult.Metadata m : match.metadata()) {
      String uri = m.resourceId().toString();
      if (!m.resourceId().isDirectory() && !InputFiles.fileName(uri).startsWith(".")) {
        out.add(uri);
      }
    }
    return out;
  }
}
