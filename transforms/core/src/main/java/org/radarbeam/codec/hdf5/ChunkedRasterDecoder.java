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
import org.radarbeam.io.HeapLimits;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;

/**
 * Decodes an HDF5 raster straight into palette indices, one byte per pixel, without ever holding
 * the raw grid: deflated chunks stream through a small scratch buffer and each raw value is
 * mapped through the {@link PaletteLut} as it comes out of the Inflater.
 *
 * <p>jhdf's whole-array readers would allocate the full grid (4 bytes per pixel as int[][]), and
 * its filters inflate a chunk into memory without a bound (a 3 MB file can hold a chunk of
 * gigabytes), so only its chunk index and raw chunk buffers are used here and the filters are
 * undone by {@link ChunkFilters}' rules: no chunk is inflated past the size its layout declares
 * (one byte more shows a chunk that is larger: corrupt), and a layout whose chunks together
 * declare far more than the grid is refused before anything is inflated. Shuffled chunks of
 * values wider than a byte are the only ones held whole, in an array of the declared size.
 * One instance per worker; not thread-safe.
 */
public final class ChunkedRasterDecoder implements AutoCloseable {
  private static final int SCRATCH = 1 << 16;
  /** Chunks may declare up to this many times the grid's bytes (edge chunks are padded) ... */
  private static final int MAX_PADDING = 4;
  /** ... plus this much, for grids smaller than one chunk. */
  private static final long PADDING_SLACK = 1 << 20;
  /**
   * Most chunks a data set may be stored in: a chunk costs a look-up and a stream of its own, so a grid
   * of 1x1 chunks would take minutes whatever its bytes. Real rasters use tens to thousands.
   */
  static final long MAX_CHUNKS = 1 << 18;

  private final Inflater inflater = new Inflater();
  private final byte[] scratch = new byte[SCRATCH];

  /**
   * Fills {@code out[0 .. width*height)} with palette indices of a data set of {@code height}
   * rows and {@code width} columns (its last two dimensions; any before them are of length 1).
   * {@code type} says how to read each stored value: it may reinterpret the stored type (e.g.
   * int8 read as UINT8).
   */
  public void decode(Dataset ds, SampleType type, ByteOrder order, int width, int height, PaletteLut lut, byte[] out)
      throws BadInputException {
    Mapper mapper = new Mapper(lut, type, order);
    try {
      requireGrid(ds.getDimensions(), width, height);
      if (ds instanceof ChunkedDataset) {
        decodeChunked((ChunkedDataset) ds, mapper, width, height, out);
      } else {
        // contiguous or compact: the values lie in the file as they are
        ByteBuffer buf = ((DatasetBase) ds).getDataBuffer();
        decodeBlock(new BufferFeed(buf), mapper, 0, 0, height, width, width, height, out, "data");
      }
    } catch (RuntimeException e) { // jhdf reads the chunk index only now, and fails on it in its own ways
      throw Hdf5Files.corrupt("HDF5", e);
    }
  }

  /**
   * Checks that jhdf may read the small data set {@code ds} (a scalar, a short text) whole: it holds
   * at most {@code maxBytes}, and if its chunks are filtered, each inflates to no more than it
   * declares (jhdf inflates them again, without a bound of its own).
   *
   * @param what names the data set in messages, e.g. "netCDF-4 variable GMTime"
   */
  public void requireSmall(Dataset ds, String what, long maxBytes) throws BadInputException {
    try {
      int es = Math.max(1, ds.getDataType().getSize());
      if (ds.getSize() > maxBytes / es) { // no product: a crafted shape's would pass a long's sign
        throw new BadInputException(Kind.BAD_ATTRIBUTE, what + " holds " + ds.getSize() + " values, expected a few");
      }
      if (!(ds instanceof ChunkedDataset)) {
        return;
      }
      ChunkedDataset cds = (ChunkedDataset) ds;
      ChunkFilters filters = filters(cds, es);
      int[] dims = ds.getDimensions();
      int[] chunk = chunkDimensions(cds, dims);
      long declared = requireBoundedLayout(dims, chunk, es, maxBytes, what);
      V1BTrees.requireSoundChunkIndex(ds, chunkCount(dims, chunk), what);
      if (!filters.deflate) {
        return; // shuffle and fletcher32 keep a chunk's size
      }
      int[] origin = new int[dims.length];
      do {
        ByteBuffer raw = rawChunk(cds, origin);
        if (raw != null) {
          String where = what + " chunk at " + java.util.Arrays.toString(origin);
          startInflating(stripChecksum(raw, filters, where));
          requireStreamEnd(declared, where);
        }
      } while (nextChunk(origin, dims, chunk));
    } catch (RuntimeException e) { // jhdf reads the chunk index only now, and fails on it in its own ways
      throw Hdf5Files.corrupt("HDF5", e);
    }
  }

  private void decodeChunked(ChunkedDataset ds, Mapper mapper, int width, int height, byte[] out)
      throws BadInputException {
    int es = mapper.type.bytes();
    int[] dims = ds.getDimensions();
    int[] chunk = chunkDimensions(ds, dims);
    int rank = dims.length;
    int ch = chunk[rank - 2];
    int cw = chunk[rank - 1];
    ChunkFilters filters = filters(ds, es);
    long gridBytes = (long) width * height * es;
    long declared = requireBoundedLayout(dims, chunk, es, MAX_PADDING * gridBytes + PADDING_SLACK, "the grid");
    V1BTrees.requireSoundChunkIndex(ds, chunkCount(dims, chunk), "the grid");
    boolean unshuffle = filters.shuffle && es > 1;
    byte[] whole = unshuffle && filters.deflate ? chunkArray(declared) : null;
    int[] origin = new int[rank];
    for (int r0 = 0; r0 < height; r0 += ch) {
      for (int c0 = 0; c0 < width; c0 += cw) {
        origin[rank - 2] = r0;
        origin[rank - 1] = c0;
        ByteBuffer raw = rawChunk(ds, origin);
        if (raw == null) {
          fillNoData(out, r0, c0, ch, cw, width, height); // never written: fill value, drawn as no data
          continue;
        }
        String what = "chunk at row " + r0 + ", column " + c0;
        raw = stripChecksum(raw, filters, what);
        Feed feed;
        if (!filters.deflate) {
          feed = unshuffle ? new UnshuffleFeed(raw, es) : new BufferFeed(raw);
        } else if (unshuffle) {
          startInflating(raw);
          feed = new UnshuffleFeed(ByteBuffer.wrap(whole, 0, inflateWhole(whole, declared, what)), es);
        } else {
          startInflating(raw);
          feed = new InflaterFeed(inflater, declared + 1);
        }
        decodeBlock(feed, mapper, r0, c0, ch, cw, width, height, out, what);
        if (filters.deflate && !unshuffle) {
          requireStreamEnd(declared, what);
        }
      }
    }
  }

  /**
   * Refuses a data set larger than the maximum shape its dataspace declares, which no HDF5 writer
   * makes: a size damaged into a larger one would otherwise render as a grid of that size, with
   * every chunk but the file's few missing, as no data.
   */
  public static void requireWithinMaximum(Dataset ds) throws BadInputException {
    long[] dims = ds.getDimensionsAsLong();
    long[] max = ds.getMaxSize();
    for (int i = 0; i < dims.length && i < max.length; i++) {
      if (max[i] != -1 && Long.compareUnsigned(dims[i], max[i]) > 0) { // -1: unlimited
        throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: data set " + ds.getPath() + " of shape "
            + java.util.Arrays.toString(dims) + " exceeds its maximum shape " + java.util.Arrays.toString(max));
      }
    }
  }

  /** Refuses a data set whose last two dimensions are not the grid's, or with more than one grid. */
  private static void requireGrid(int[] dims, int width, int height) throws BadInputException {
    int rank = dims.length;
    boolean ok = rank >= 2 && dims[rank - 2] == height && dims[rank - 1] == width;
    for (int i = 0; ok && i < rank - 2; i++) {
      ok = dims[i] == 1;
    }
    if (!ok) {
      throw new BadInputException(Kind.UNSUPPORTED, "data set of shape " + java.util.Arrays.toString(dims)
          + " for a " + width + "x" + height + " grid");
    }
  }

  private static int[] chunkDimensions(ChunkedDataset ds, int[] dims) throws BadInputException {
    int[] chunk = ds.getChunkDimensions();
    boolean ok = chunk.length == dims.length;
    for (int i = 0; ok && i < chunk.length; i++) {
      ok = chunk[i] > 0;
    }
    if (!ok) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: chunks of " + java.util.Arrays.toString(chunk)
          + " for a data set of shape " + java.util.Arrays.toString(dims));
    }
    return chunk;
  }

  private static ChunkFilters filters(ChunkedDataset ds, int es) throws BadInputException {
    List<PipelineFilterWithData> filters;
    try {
      filters = ds.getFilters();
    } catch (HdfException e) {
      // a filter jhdf does not know (szip, blosc, ...)
      throw new BadInputException(Kind.UNSUPPORTED, "unsupported HDF5 filter: " + BadInputException.rootMessage(e), e);
    }
    return ChunkFilters.of(filters, es);
  }

  /**
   * The bytes one chunk declares, after checking that all the chunks that cover the data set
   * declare at most {@code maxBytes} together: that bounds what inflating them can cost.
   */
  static long requireBoundedLayout(int[] dims, int[] chunk, int es, long maxBytes, String what)
      throws BadInputException {
    double one = es;
    for (int c : chunk) {
      one *= c;
    }
    long chunks = chunkCount(dims, chunk);
    double covered = chunks * one;
    if (chunks > MAX_CHUNKS) {
      throw new BadInputException(Kind.TOO_LARGE, "chunks of " + java.util.Arrays.toString(chunk) + " over "
          + java.util.Arrays.toString(dims) + " make " + chunks + " chunks, more than the " + MAX_CHUNKS
          + " allowed for " + what);
    }
    if (covered > maxBytes) {
      throw new BadInputException(Kind.TOO_LARGE, "chunks of " + java.util.Arrays.toString(chunk) + " over "
          + java.util.Arrays.toString(dims) + " declare " + (long) covered + " bytes, more than the " + maxBytes
          + " allowed for " + what);
    }
    return (long) one;
  }

  /** How many chunks of {@code chunk} cover {@code dims}. */
  private static long chunkCount(int[] dims, int[] chunk) {
    double n = 1;
    for (int i = 0; i < dims.length; i++) {
      n *= Math.ceil((double) dims[i] / chunk[i]);
    }
    return n > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) n;
  }

  /** The stored bytes of the chunk at {@code origin}, or null if it was never written. */
  private static ByteBuffer rawChunk(ChunkedDataset ds, int[] origin) {
    try {
      return ds.getRawChunkBuffer(origin);
    } catch (HdfException e) {
      String m = String.valueOf(e.getMessage());
      if (m.startsWith("No chunk") || m.contains("at address -1")) {
        return null;
      }
      throw e;
    }
  }

  /** Steps {@code origin} to the next chunk in row-major order; false after the last. */
  private static boolean nextChunk(int[] origin, int[] dims, int[] chunk) {
    for (int i = origin.length - 1; i >= 0; i--) {
      origin[i] += chunk[i];
      if (origin[i] < dims[i]) {
        return true;
      }
      origin[i] = 0;
    }
    return false;
  }

  /** The chunk without its trailing Fletcher-32 checksum (not verified, as jhdf does not either). */
  private static ByteBuffer stripChecksum(ByteBuffer raw, ChunkFilters filters, String what) throws BadInputException {
    if (!filters.fletcher32) {
      return raw;
    }
    if (raw.remaining() < 4) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " is too short for its checksum");
    }
    ByteBuffer b = raw.duplicate();
    b.limit(b.limit() - 4);
    return b;
  }

  /** An array for one whole chunk, refused before it is allocated if the heap cannot spare it. */
  private static byte[] chunkArray(long bytes) throws BadInputException {
    if (bytes > HeapLimits.maxInputBytes()) {
      throw new BadInputException(Kind.TOO_LARGE, "shuffled chunks of " + bytes + " bytes, above the "
          + HeapLimits.maxInputBytes() + "-byte limit for one chunk (" + HeapLimits.inputShare() + ")");
    }
    return new byte[(int) bytes];
  }

  private void startInflating(ByteBuffer raw) {
    inflater.reset();
    inflater.setInput(raw);
  }

  /** Inflates a whole chunk of at most {@code declared} bytes into {@code whole}; returns its length. */
  private int inflateWhole(byte[] whole, long declared, String what) throws BadInputException {
    int n = 0;
    try {
      while (n < declared) {
        int r = inflater.inflate(whole, n, (int) declared - n);
        if (r == 0) {
          break; // finished, or a stream that ends early: requireStreamEnd tells which
        }
        n += r;
      }
    } catch (DataFormatException e) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " does not inflate (" + e.getMessage() + ")");
    }
    requireStreamEnd(declared, what);
    return n;
  }

  /**
   * Inflates what is left of a chunk (edge padding, the zlib trailer), so that its checksum is
   * verified: a corrupt stream must not decode silently into wrong pixels. At most one byte past
   * the {@code declared} size is inflated: a stream that holds more is corrupt, however much more.
   */
  private void requireStreamEnd(long declared, String what) throws BadInputException {
    try {
      // the feed that read the values may have inflated that one byte already
      while (inflater.getBytesWritten() <= declared && !inflater.finished()) {
        long room = declared + 1 - inflater.getBytesWritten();
        int n = inflater.inflate(scratch, 0, (int) Math.min(SCRATCH, room));
        if (n == 0 && !inflater.finished()) {
          throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " has a deflate stream that ends early");
        }
      }
      if (inflater.getBytesWritten() > declared) {
        throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " inflates to more than the "
            + declared + " bytes its chunk layout declares");
      }
    } catch (DataFormatException e) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " does not inflate (" + e.getMessage() + ")");
    }
  }

  /** Decodes one block of {@code ch x cw} values stored row-major at grid position (r0, c0). */
  private void decodeBlock(Feed feed, Mapper mapper, int r0, int c0, int ch, int cw,
      int width, int height, byte[] out, String what) throws BadInputException {
    Block block = new Block(mapper, r0, c0, cw, Math.min(cw, width - c0), width,
        (long) Math.min(ch, height - r0) * cw); // values after the last grid row are padding: stop there
    try {
      while (block.pos < block.total) {
        mapScratch(feed, block, out, what);
      }
    } catch (DataFormatException e) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " does not inflate (" + e.getMessage() + ")");
    }
  }

  /**
   * Reads the next scratchful of a block and maps its whole values. A method of its own, called
   * hundreds of times per grid: the JIT compiler then compiles it once, within the first frames,
   * instead of compiling a grid-long loop while it runs and then again as a method, in the first
   * dozen frames of a backfill, when it competes with the rendering workers for the cores.
   */
  private void mapScratch(Feed feed, Block block, byte[] out, String what)
      throws BadInputException, DataFormatException {
    int es = block.mapper.type.bytes();
    int n = feed.read(scratch, block.fill, SCRATCH - block.fill);
    if (n < 0) {
      throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: " + what + " holds " + block.pos + " of "
          + block.total + " values");
    }
    int fill = block.fill + n;
    int avail = fill / es;
    int used = 0;
    long pos = block.pos;
    int cw = block.cw;
    while (used < avail && pos < block.total) {
      int r = (int) (pos / cw);
      int c = (int) (pos % cw);
      int run = (int) Math.min(cw - c, avail - used);
      if (c < block.validCols) {
        int take = Math.min(run, block.validCols - c);
        block.mapper.map(scratch, used * es, take, out, (block.r0 + r) * block.width + block.c0 + c);
      }
      used += run;
      pos += run;
    }
    int rest = fill - used * es;
    if (rest > 0) {
      System.arraycopy(scratch, used * es, scratch, 0, rest);
    }
    block.fill = rest;
    block.pos = pos;
  }

  /** Where one block (a chunk, or the whole grid) is placed, and how far it has been read. */
  private static final class Block {
    final Mapper mapper;
    final int r0;
    final int c0;
    final int cw;
    final int validCols;
    final int width;
    final long total;
    long pos;
    /** Bytes of a value cut at the end of the last scratchful, at the start of scratch. */
    int fill;

    Block(Mapper mapper, int r0, int c0, int cw, int validCols, int width, long total) {
      this.mapper = mapper;
      this.r0 = r0;
      this.c0 = c0;
      this.cw = cw;
      this.validCols = validCols;
      this.width = width;
      this.total = total;
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

  /** A deflate stream, inflated no further than {@code limit} bytes in all. */
  private static final class InflaterFeed implements Feed {
    private final Inflater inflater;
    private final long limit;

    InflaterFeed(Inflater inflater, long limit) {
      this.inflater = inflater;
      this.limit = limit;
    }

    @Override
    public int read(byte[] b, int off, int len) throws DataFormatException {
      int room = (int) Math.min(len, limit - inflater.getBytesWritten());
      if (room <= 0) {
        return -1;
      }
      int n = inflater.inflate(b, off, room);
      if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
        return -1;
      }
      return n;
    }
  }

  /**
   * The values of a shuffled chunk in their own order: HDF5's shuffle stores the first byte of
   * every value, then every second byte, and so on; bytes past the last whole value stay in place.
   */
  private static final class UnshuffleFeed implements Feed {
    private final ByteBuffer shuffled;
    private final int es;
    private final int values;
    private int pos;

    UnshuffleFeed(ByteBuffer shuffled, int es) {
      this.shuffled = shuffled.slice();
      this.es = es;
      this.values = this.shuffled.remaining() / es;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int size = shuffled.limit();
      if (pos >= size) {
        return -1;
      }
      int n = Math.min(len, size - pos);
      for (int i = 0; i < n; i++, pos++) {
        int value = pos / es;
        b[off + i] = value < values ? shuffled.get((pos % es) * values + value) : shuffled.get(pos);
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
