package org.radarbeam.transforms;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.codec.odim.OdimReader;
import org.radarbeam.input.InputFiles;

/**
 * Gives frames whose file name carries no time the nominal time of the file's /what metadata
 * (local HDF5 files; the raster is not read). Frames whose time stays unknown pass unchanged:
 * rendering reports why.
 */
public final class ResolveTimeFn extends DoFn<FrameRef, FrameRef> {
  @ProcessElement
  public void process(@Element FrameRef ref, OutputReceiver<FrameRef> out) {
    out.output(ref.nominalEpochSeconds() != null ? ref : ref.withNominal(peekTime(ref.uri())));
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
