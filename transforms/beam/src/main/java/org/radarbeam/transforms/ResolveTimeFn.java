package org.radarbeam.transforms;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
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
import org.radarbeam.input.InputReader;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.ReusableBuffer;

/**
 * Gives frames whose file name carries no time the nominal time the file states (HDF5 /what, SRD
 * headers; the raster is not decoded). A local file is peeked at in place; a file in object storage
 * or at a URL is read once more for it (ARSO's and {@code odim} archives), so that the window, the
 * skip of existing frames and the composite's slots apply to it as to every frame. Frames whose time
 * stays unknown pass unchanged: rendering reports why.
 */
public final class ResolveTimeFn extends DoFn<FrameRef, FrameRef> {
  /** An SRD header is in its first 2 KB (its provider is asked for no more to learn the time). */
  private static final int SRD_HEAD = 2048;

  private final InputReader inputs;
  /**
   * Taken for a bundle that reads a file to learn its time, and let go after it: not the thread's kept buffer
   * ({@link ReusableBuffer#ofThisThread}), which on Flink would be one more kept input per task slot in this
   * step's own chain.
   */
  private transient ReusableBuffer buffer;

  public ResolveTimeFn(InputReader inputs) {
    this.inputs = inputs;
  }

  @ProcessElement
  public void process(@Element FrameRef ref, OutputReceiver<FrameRef> out) throws InterruptedIOException {
    out.output(ref.nominalEpochSeconds() != null ? ref : ref.withNominal(time(ref.uri())));
  }

  @FinishBundle
  public void finishBundle() {
    buffer = null;
  }

  private Long time(String uri) throws InterruptedIOException {
    Path p = InputFiles.localPath(uri);
    if (p != null) {
      return peekTime(p);
    }
    if (buffer == null) {
      buffer = new ReusableBuffer();
    }
    ByteBuffer data;
    try {
      // the head first: it holds an SRD file's time; an HDF5 file is read whole (bounded as every input is)
      data = inputs.readHead(uri, SRD_HEAD, buffer);
      if (!isHdf5(ReusableBuffer.array(data), data.limit())) {
        return srdTime(ReusableBuffer.array(data), Math.min(data.limit(), SRD_HEAD));
      }
      data = inputs.read(uri, buffer);
    } catch (InterruptedIOException e) {
      throw e; // the run is being stopped: the rest of the bundle is not timed either
    } catch (IOException | BadInputException | RuntimeException e) {
      return null; // rendering reads it again and reports why it cannot
    }
    return hdf5Time(data);
  }

  /**
   * Nominal time from the /what of the HDF5 file in {@code data} (from position 0 to its limit, e.g. a worker's
   * reusable buffer), or null if it cannot be read.
   */
  static Long hdf5Time(ByteBuffer data) {
    // exactly the file: jhdf takes a buffer's capacity as the file's size, and past this file's end the
    // worker's array can still hold an earlier, longer one
    try (HdfFile f = HdfFile.fromByteBuffer(data.slice(0, data.limit()))) {
      return epochSeconds(OdimReader.peekNominalTime(f));
    } catch (Exception | StackOverflowError e) {
      return null; // unreadable (a corrupt file can recurse in jhdf): rendering gives the precise reason
    }
  }

  /** Nominal time from a local file's metadata only (HDF5 /what, SRD header), or null if it cannot be read. */
  static Long peekTime(Path p) {
    if (!Files.isRegularFile(p)) {
      return null;
    }
    byte[] head = new byte[SRD_HEAD];
    int n;
    try (InputStream in = Files.newInputStream(p)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return null;
    }
    if (!isHdf5(head, n)) {
      return srdTime(head, n);
    }
    // mapped, not opened by path: jhdf reads a file by path into heap buffers of the sizes the file
    // declares when a read runs past its end, where a mapped file's read fails
    try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ)) {
      if (channel.size() > HeapLimits.maxInputBytes()) {
        return null; // rendering refuses it as too large
      }
      try (HdfFile f = HdfFile.fromByteBuffer(channel.map(MapMode.READ_ONLY, 0, channel.size()))) {
        return epochSeconds(OdimReader.peekNominalTime(f));
      }
    } catch (Exception | StackOverflowError | InternalError e) { // InternalError: the file cut short while mapped
      return null; // unreadable (a corrupt file can recurse in jhdf): rendering gives the precise reason
    }
  }

  private static boolean isHdf5(byte[] head, int n) {
    return n >= 4 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F';
  }

  private static Long srdTime(byte[] head, int n) {
    try {
      return SrdHeader.timeOf(head, n).getEpochSecond();
    } catch (BadInputException | RuntimeException e) {
      return null; // neither: rendering gives the precise reason
    }
  }

  private static Long epochSeconds(Instant t) {
    return t == null ? null : t.getEpochSecond();
  }
}
