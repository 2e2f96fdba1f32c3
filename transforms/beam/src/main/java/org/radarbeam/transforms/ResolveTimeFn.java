package org.radarbeam.transforms;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.odim.OdimReader;
import org.radarbeam.codec.srd.SrdHeader;
import org.radarbeam.input.InputFiles;
import org.radarbeam.io.HeapLimits;

/**
 * Gives frames whose file name carries no time the nominal time the file states (local HDF5 files'
 * /what, SRD headers; the raster is not read). Frames whose time stays unknown pass unchanged:
 * rendering reports why.
 */
public final class ResolveTimeFn extends DoFn<FrameRef, FrameRef> {
  /** An SRD header is in its first 2 KB (its provider is asked for no more to learn the time). */
  private static final int SRD_HEAD = 2048;

  @ProcessElement
  public void process(@Element FrameRef ref, OutputReceiver<FrameRef> out) {
    out.output(ref.nominalEpochSeconds() != null ? ref : ref.withNominal(peekTime(ref.uri())));
  }

  /** Nominal time from the file's metadata only (HDF5 /what, SRD header), or null if it cannot be read. */
  static Long peekTime(String uri) {
    Path p = InputFiles.localPath(uri);
    if (p == null || !Files.isRegularFile(p)) {
      return null;
    }
    byte[] head = new byte[SRD_HEAD];
    int n;
    try (InputStream in = Files.newInputStream(p)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return null;
    }
    if (n < 4 || head[1] != 'H' || head[2] != 'D' || head[3] != 'F') {
      try {
        return SrdHeader.timeOf(head, n).getEpochSecond();
      } catch (BadInputException | RuntimeException e) {
        return null; // neither: rendering gives the precise reason
      }
    }
    // mapped, not opened by path: jhdf reads a file by path into heap buffers of the sizes the file
    // declares when a read runs past its end, where a mapped file's read fails
    try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ)) {
      if (channel.size() > HeapLimits.maxInputBytes()) {
        return null; // rendering refuses it as too large
      }
      try (HdfFile f = HdfFile.fromByteBuffer(channel.map(MapMode.READ_ONLY, 0, channel.size()))) {
        Instant t = OdimReader.peekNominalTime(f);
        return t == null ? null : t.getEpochSecond();
      }
    } catch (Exception | StackOverflowError | InternalError e) { // InternalError: the file cut short while mapped
      return null; // unreadable (a corrupt file can recurse in jhdf): rendering gives the precise reason
    }
  }
}
