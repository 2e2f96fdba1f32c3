package org.radarbeam.codec.odim;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import org.radarbeam.codec.odim.OdimFixtures.Storage;

/**
 * Decompression bombs in ODIM_H5 files, small enough to generate in a test: a real file whose one
 * deflated chunk is replaced by a zlib stream (HDF5's deflate filter stores zlib) that inflates to
 * much more than the chunk layout declares. A few hundred MiB of zeros deflate to about 300 KB, so
 * the fixture's own chunk is made of random values that do not compress, and the bomb is written
 * over its first bytes (the rest of the stored chunk follows the bomb's end and is never read).
 */
public final class Bombs {
  private static final Map<String, byte[]> STREAMS = new ConcurrentHashMap<>();

  private Bombs() {}

  /** A zlib stream of {@code head} followed by {@code zeros} zero bytes (cached: the large ones take a second). */
  public static byte[] zlib(byte[] head, long zeros) {
    return STREAMS.computeIfAbsent(Arrays.hashCode(head) + "/" + head.length + "/" + zeros, k -> deflate(head, zeros));
  }

  private static byte[] deflate(byte[] head, long zeros) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    byte[] zero = new byte[1 << 20];
    d.setInput(head);
    drain(d, out, buf);
    for (long left = zeros; left > 0; left -= zero.length) {
      d.setInput(zero, 0, (int) Math.min(zero.length, left));
      drain(d, out, buf);
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static void drain(Deflater d, ByteArrayOutputStream out, byte[] buf) {
    while (!d.needsInput()) {
      out.write(buf, 0, d.deflate(buf));
    }
  }

  /**
   * An ODIM composite of {@code raster} (byte[][] or short[][] of random values) stored as one
   * chunk with {@code storage} (DEFLATE or SHUFFLE_DEFLATE), whose chunk is then replaced by
   * {@code stream}; on DWD's grid, nominal time date/time.
   */
  public static byte[] odim(Path dir, Object raster, Storage storage, byte[] stream, String date, String time)
      throws IOException {
    int rows = java.lang.reflect.Array.getLength(raster);
    int cols = java.lang.reflect.Array.getLength(java.lang.reflect.Array.get(raster, 0));
    Path file = OdimFixtures.comp().date(date).time(time).field(1, 1, "DBZH", raster).storage(storage)
        .chunks(rows, cols).done().write(dir);
    return replaceChunk(file, stream);
  }

  /** The bytes of {@code file} with the stored bytes of its raster's chunk (0, 0) overwritten by {@code stream}. */
  public static byte[] replaceChunk(Path file, byte[] stream) throws IOException {
    return replaceChunk(Files.readAllBytes(file), "/dataset1/data1/data", new int[] {0, 0}, stream);
  }

  /** {@code data}, an HDF5 file, with the stored bytes of chunk {@code origin} of data set {@code path} overwritten. */
  public static byte[] replaceChunk(byte[] data, String path, int[] origin, byte[] stream) {
    byte[] chunk;
    try (HdfFile h = HdfFile.fromBytes(data)) {
      ByteBuffer raw = ((ChunkedDataset) h.getDatasetByPath(path)).getRawChunkBuffer(origin);
      chunk = new byte[raw.remaining()];
      raw.get(chunk);
    }
    if (stream.length > chunk.length) {
      throw new IllegalArgumentException("a stream of " + stream.length + " bytes does not fit the stored chunk of "
          + chunk.length + ": use a larger random raster");
    }
    int at = -1;
    for (int i = 0; i + chunk.length <= data.length && at < 0; i++) {
      if (Arrays.equals(data, i, i + chunk.length, chunk, 0, chunk.length)) {
        at = i;
      }
    }
    if (at < 0) {
      throw new IllegalStateException("the chunk's stored bytes are not in the file");
    }
    byte[] out = data.clone();
    System.arraycopy(stream, 0, out, at, stream.length);
    return out;
  }
}
