package org.radarbeam.beam;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.codec.odim.OdimReader;
import org.radarbeam.model.FrameRef;
import org.radarbeam.model.OutputKeys;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.store.InputFiles;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops frames whose output already exists, before their raster is read. A frame whose file name
 * has no time gets it from the file's /what metadata (the raster is not read); a frame whose time
 * stays unknown goes on, and rendering reports why.
 */
public final class SkipExistingFn extends DoFn<FrameRef, FrameRef> {
  private static final Logger LOG = LoggerFactory.getLogger(SkipExistingFn.class);

  private final Map<String, SourceProfile> profiles;
  private final ObjectStore store;
  private final boolean overwrite;
  private final Counter skipped = RadarMetrics.counter(RadarMetrics.SKIPPED);

  public SkipExistingFn(Map<String, SourceProfile> profiles, ObjectStore store, boolean overwrite) {
    this.profiles = profiles;
    this.store = store;
    this.overwrite = overwrite;
  }

  @ProcessElement
  public void process(@Element FrameRef ref, OutputReceiver<FrameRef> out) throws IOException {
    FrameRef resolved = ref.nominalEpochSeconds() != null ? ref : ref.withNominal(peekTime(ref.uri()));
    if (resolved.nominalEpochSeconds() != null && !overwrite) {
      String key = OutputKeys.png(profiles.get(ref.source()).folder(), resolved.nominalEpochSeconds());
      if (store.exists(key)) {
        skipped.inc();
        LOG.debug("skip {}: {} exists", ref.uri(), store.describe(key));
        return;
      }
    }
    out.output(resolved);
  }

  /** Nominal time from the file's metadata only, or null if it cannot be read. */
  static Long peekTime(String uri) {
    Path p = InputFiles.localPath(uri);
    if (p == null || !Files.isRegularFile(p)) {
      return null;
    }
    try (HdfFile f = new HdfFile(p)) {
      Instant t = OdimReader.peekNominalTime(f);
      return t == null ? null : t.getEpochSecond();
    } catch (Exception e) {
      return null; // unreadable: rendering gives the precise reason
    }
  }
}
