package org.radarbeam.codec.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;

/**
 * Decodes an HDF5 raster straight into palette indices, one byte per pixel, without ever holding
 * the raw grid: deflated chunks stream through a small scratch buffer and each raw value is
 * mapped through the {@link PaletteLut} as it comes out of the Inflater.
 *
 * <p>jhdf's whole-array readers would allocate the full grid (4 bytes per pixel as int[][]), so
 * only its chunk index and raw chunk buffers are used here. Chunks with filters other than plain
 * deflate (shuffle, lzf, ...) are decompressed one chunk at a time by jhdf. One instance per
 * worker; not thread-safe.
 */
public final class ChunkedRasterDecoder implements AutoCloseable {
  private static final int DEFLATE = 1;
  private static final int SCRATCH = 1 << 16;

  private final Inflater inflater = new Inflater();
  private final byte[] scratch = new byte[SCRATCH];

  /**
   * Fills {@code out[0 .. width*height)} with palette indices of a 2-D data set of {@code height}
   * rows and {@code width} columns. {@code type} says how to read each stored value: it may
   * reinterpret the stored type (e.g. int8 read as UINT8).
   */
  public void decode(Dataset ds, SampleType type, ByteOrder order, int width, int height, PaletteLut lut, byte[] out)
      throws BadInputException {
    Mapper mapper = new Mapper(lut, type, order);
    try {
      if (ds instanceof ChunkedDataset) {
        decodeChunked((ChunkedDataset) ds, mapper, width, height, out);
      } else {
        ByteBuffer buf = ((DatasetBase) ds).getDataBuffer();
        decodeBlock(new BufferFeed(buf), mapper, 0, 0, height, width, width, height, out, "data");
      }
    } catch (HdfException | IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw Hdf5Files.corrupt("HDF5", e);
    }
  }

  private void decodeChunked(ChunkedDataset ds, Mapper mapper, int width, int height, byte[] out)
      throws BadInputException {
    int[] chunk = ds.getChunkDimensions();
    if (chunk.length < 2) {
      throw new BadInputException(Kind.UNSUPPORTED, "chunk layout " + java.util.Arrays.toString(chunk) + " for a 2-D grid");
    }
    int ch = chunk[0];
    int cw = chunk[1];
    List<PipelineFilterWithData> filters = ds.getFilters();
    boolean plain = filters.isEmpty();
    boolean deflateOnly = filters.size() == 1 && filters.get(0).getId() == DEFLATE;
    for (int r0 = 0; r0 < height; r0 += ch) {
      for (int c0 = 0; c0 < width; c0 += cw) {
        int[] origin = {r0, c0};
        ByteBuffer raw;
        try {
          raw = ds.getRawChunkBuffer(origin);
        } catch (HdfException e) {
          String m = String.valueOf(e.getMessage());
          if (m.startsWith("No chunk") || m.contains("at address -1")) {
            fillNoData(out, r0, c0, ch, cw, width, height); // never written: fill value, drawn as no data
            continue;
          }
          throw e;
        }
        Feed feed;
        if (plain) {
          feed = new BufferFeed(raw);
        } else if (deflateOnly) {
          inflater.reset();
          inflater.setInput(raw);
          feed = new InflaterFeed(inflater);
        } else {
          feed = new BufferFeed(ByteBuffer.wrap(ds.getDecompressedChunk(origin)));
        }
        String what = "chunk at row " + r0 + ", column " + c0;
        decodeBlock(feed, mapper, r0, c0, ch, cw, width, height, out, what);
        if (deflateOnly) {
          requireStreamEnd(what);
        }
      }
    }
  }

  /**
   * Inflates what is left of a chunk (edge padding, the zlib trailer) so that its checksum is
   * verified: a corrupt stream must not decode silently into wrong pixels.
   */
  private void requireStreamEnd(String what) throws BadInputException {
    try {
      while (!inflater.finished()) {
        if (inflater.inflate(scratch, 0, SCRATCH) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " has a deflate stream that ends early");
        }
      }
    } catch (DataFormatException e) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " does not inflate (" + e.getMessage() + ")");
    }
  }

  /** Decodes one block of {@code ch x cw} values stored row-major at grid position (r0, c0). */
  private void decodeBlock(Feed feed, Mapper mapper, int r0, int c0, int ch, int cw,
      int width, int height, byte[] out, String what) throws BadInputException {
    int es = mapper.type.bytes();
    int validRows = Math.min(ch, height - r0);
    int validCols = Math.min(cw, width - c0);
    long total = (long) validRows * cw; // values after the last grid row are padding: stop there
    long pos = 0;
    int fill = 0;
    try {
      while (pos < total) {
        int n = feed.read(scratch, fill, SCRATCH - fill);
        if (n < 0) {
          throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " holds " + pos + " of "
              + total + " values");
        }
        fill += n;
        int avail = fill / es;
        int used = 0;
        while (used < avail && pos < total) {
          int r = (int) (pos / cw);
          int c = (int) (pos % cw);
          int run = (int) Math.min(cw - c, avail - used);
          if (c < validCols) {
            int take = Math.min(run, validCols - c);
            mapper.map(scratch, used * es, take, out, (r0 + r) * width + c0 + c);
          }
          used += run;
          pos += run;
        }
        int rest = fill - used * es;
        if (rest > 0) {
          System.arraycopy(scratch, used * es, scratch, 0, rest);
        }
        fill = rest;
      }
    } catch (DataFormatException e) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " does not inflate (" + e.getMessage() + ")");
    }
  }

  private static void fillNoData(byte[] out, int r0, int c0, int ch, int cw, int width, int height) {
    int rows = Math.min(ch, height - r0);
    int cols = Math.min(cw, width - c0);
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(out, (r0 + r) * width + c0, (r0 + r) * width + c0 + cols, (byte) 0);
    }
  }

  @Override
  public void close() {
    inflater.end();
  }

  /** A source of a block's bytes; read returns -1 when it has no more. */
  private interface Feed {
    int read(byte[] b, int off, int len) throws DataFormatException;
  }

  private static final class BufferFeed implements Feed {
    private final ByteBuffer buf;

    BufferFeed(ByteBuffer buf) {
      this.buf = buf;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (!buf.hasRemaining()) {
        return -1;
      }
      int n = Math.min(len, buf.remaining());
      buf.get(b, off, n);
      return n;
    }
  }

  private static final class InflaterFeed implements Feed {
    private final Inflater inflater;

    InflaterFeed(Inflater inflater) {
      this.inflater = inflater;
    }

    @Override
    public int read(byte[] b, int off, int len) throws DataFormatException {
      if (len == 0) {
        return 0;
      }
      int n = inflater.inflate(b, off, len);
      if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
        return -1;
      }
      return n;
    }
  }

  /** Maps runs of raw values of one storage type to palette indices. */
  private static final class Mapper {
    final SampleType type;
    final PaletteLut lut;
    final byte[] table;
    final boolean little;

    Mapper(PaletteLut lut, SampleType type, ByteOrder order) {
      this.lut = lut;
      this.type = type;
      this.table = lut.table();
      this.little = order == ByteOrder.LITTLE_ENDIAN;
    }

    void map(byte[] src, int s, int n, byte[] dst, int d) {
      final byte[] t = table;
      switch (type) {
        case UINT8:
        case INT8:
          for (int i = 0; i < n; i++) {
            dst[d + i] = t[src[s + i] & 0xFF];
          }
          return;
        case UINT16:
        case INT16:
          if (little) {
            for (int i = 0, p = s; i < n; i++, p += 2) {
              dst[d + i] = t[(src[p] & 0xFF) | ((src[p + 1] & 0xFF) << 8)];
            }
          } else {
            for (int i = 0, p = s; i < n; i++, p += 2) {
              dst[d + i] = t[((src[p] & 0xFF) << 8) | (src[p + 1] & 0xFF)];
            }
          }
          return;
        default:
          ByteBuffer b = ByteBuffer.wrap(src).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
          int es = type.bytes();
          for (int i = 0, p = s; i < n; i++, p += es) {
            dst[d + i] = (byte) lut.index(wide(b, p));
          }
      }
    }

    private double wide(ByteBuffer b, int p) {
      switch (type) {
        case UINT32: return b.getInt(p) & 0xFFFFFFFFL;
        case INT32: return b.getInt(p);
        case INT64: return b.getLong(p);
        case UINT64: {
          long v = b.getLong(p);
          return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        }
        case FLOAT32: return b.getFloat(p);
        default: return b.getDouble(p);
      }
    }
  }
}
