package org.radarbeam.beam;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.radarbeam.model.FrameRef;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.store.InputFiles;
import org.radarbeam.store.S3Glob;
import org.radarbeam.store.S3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expands one (source, file pattern) into a FrameRef per matching file, timed by its name. */
class ExpandInputFn extends DoFn<KV<String, String>, FrameRef> {
  private static final Logger LOG = LoggerFactory.getLogger(ExpandInputFn.class);

  private final Map<String, SourceProfile> profiles;
  private final S3Settings s3;
  private final Counter listed = RadarMetrics.counter(RadarMetrics.LISTED);

  ExpandInputFn(Map<String, SourceProfile> profiles, S3Settings s3) {
    this.profiles = profiles;
    this.s3 = s3;
  }

  @ProcessElement
  public void process(@Element KV<String, String> input, OutputReceiver<FrameRef> out) throws IOException {
    String source = input.getKey();
    String pattern = input.getValue();
    SourceProfile profile = profiles.get(source);
    if (pattern.startsWith("s3://")) {
      int n = 0;
      for (String uri : S3Glob.match(s3, pattern)) {
        Instant t = profile.timeFromName(InputFiles.fileName(uri));
        out.output(new FrameRef(source, uri, t == null ? null : t.getEpochSecond()));
        listed.inc();
        n++;
      }
      LOG.info("{}: {} object(s) match {}", source, n, pattern);
      return;
    }
    MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    if (match.status() != MatchResult.Status.OK) {
      LOG.warn("{}: no files match {}", source, pattern);
      return;
    }
    int n = 0;
    for (MatchResult.Metadata m : match.metadata()) {
      String uri = m.resourceId().toString();
      String name = InputFiles.fileName(uri);
      if (m.resourceId().isDirectory() || name.startsWith(".")) {
        continue;
      }
      Instant t = profile.timeFromName(name);
      out.output(new FrameRef(source, uri, t == null ? null : t.getEpochSecond()));
      listed.inc();
      n++;
    }
    LOG.info("{}: {} file(s) match {}", source, n, pattern);
  }
}
