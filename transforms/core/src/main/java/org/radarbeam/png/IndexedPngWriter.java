package org.radarbeam.png;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an 8-bit indexed PNG (colour type 3) with the fixed radar palette, entry 0 transparent.
 *
 * <p>Written by hand because javax.imageio would need a full BufferedImage (4 bytes per pixel) and
 * builds its own palette; here rows stream from an index buffer or a {@link RowSource} through one
 * filter into a Deflater or the run-length {@link RleDeflater} (see {@link PngCompression}), and the
 * PNG is assembled in one reusable buffer. Not thread-safe: one per worker.
 */
public final class IndexedPngWriter implements AutoCloseable {
  /** The widest image written: a row, its filter byte first, is one array. */
  public static final int MAX_WIDTH = Integer.MAX_VALUE - 16;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int IDAT_SIZE = 1 << 16;
  /** Rows per call of encodeRows. */
  private static final int STRIP_ROWS = 16;

  /** Exactly one of deflater and rle is set. */
  private final Deflater deflater;
  private final RleDeflater rle;
  private final PngFilter filter;
  private final CRC32 crc = new CRC32();
  private final byte[] idat = new byte[IDAT_SIZE];
  private final byte[] ihdr = new byte[13];
  /** A chunk's length and type, then its CRC: kept so that a frame allocates only the returned file. */
  private final byte[] head = new byte[8];
  private final Output out = new Output(1 << 20);
  private byte[] row = new byte[0];
  private byte[] cur = new byte[0];
  private byte[] prev = new byte[0];
  private int idatFill;

  /** A Deflater at {@code level} (0..9) with {@code filter} on every row. */
  public IndexedPngWriter(int level, PngFilter filter, boolean filteredStrategy) {
    this(PngCompression.deflater(level, filter, filteredStrategy));
  }

  /** Compresses as {@code compression} says: Deflater or run-length deflate, each with its row filter. */
  public IndexedPngWriter(PngCompression compression) {
    if (compression.runLength()) {
      this.deflater = null;
      this.rle = new RleDeflater();
    } else {
      this.deflater = new Deflater(compression.level());
      if (compression.filteredStrategy()) {
        deflater.setStrategy(Deflater.FILTERED);
      }
      this.rle = null;
    }
    this.filter = compression.filter();
  }

  /**
   * Encodes {@code width x height} palette indices, row-major from the top row, starting at
   * {@code indices[0]}. Returns a new array holding the PNG file.
   */
  public byte[] write(byte[] indices, int width, int height) {
    return copy(encode(indices, width, height));
  }

  /**
   * As {@link #write(byte[], int, int)}, without copying: the PNG is a view of this writer's own
   * buffer, valid until its next write.
   */
  public ByteBuffer encode(byte[] indices, int width, int height) {
    return encode(indices, width, height, PngPalette.RADAR);
  }

  /** As {@link #encode(byte[], int, int)} with the colours of {@code palette}. */
  public ByteBuffer encode(byte[] indices, int width, int height, PngPalette palette) {
    if ((long) width * height > indices.length) {
      throw new IllegalArgumentException("index buffer smaller than " + width + "x" + height);
    }
    return encode((y, dst, off) -> System.arraycopy(indices, y * width, dst, off, width), width, height, palette);
  }

  /** Encodes {@code width x height} palette indices delivered row by row, first row north. */
  public byte[] write(RowSource rows, int width, int height) {
    return copy(encode(rows, width, height));
  }

  /**
   * As {@link #write(RowSource, int, int)}, without copying: the PNG is a view of this writer's own
   * buffer (position 0, array offset 0), valid until its next write. A worker writes it out from there.
   */
  public ByteBuffer encode(RowSource rows, int width, int height) {
    return encode(rows, width, height, PngPalette.RADAR);
  }

  /** As {@link #encode(RowSource, int, int)} with the colours of {@code palette}. */
  public ByteBuffer encode(RowSource rows, int width, int height, PngPalette palette) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a PNG is at least 1x1 pixels, got " + width + "x" + height);
    }
    if (width > MAX_WIDTH) {
      // a row is its filter byte and its pixels, in one array
      throw new IllegalArgumentException("a PNG row of " + width + " pixels exceeds " + MAX_WIDTH);
    }
    out.reset();
    out.write(SIGNATURE, 0, SIGNATURE.length);
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 3; // colour type: indexed
    chunk("IHDR", ihdr, ihdr.length);
    chunk("PLTE", palette.plte(), palette.plte().length);
    if (palette.trns().length > 0) {
      chunk("tRNS", palette.trns(), palette.trns().length); // an empty one is invalid: every entry opaque
    }

    if (row.length < width + 1) {
      row = new byte[width + 1];
      cur = new byte[width + 1];
      prev = new byte[width + 1];
    }
    row[0] = (byte) filter.code();
    if (rle != null) {
      writeRle(rows, width, height);
    } else {
      writeDeflater(rows, width, height);
    }
    chunk("IEND", idat, 0);
    return out.view();
  }

  private void writeDeflater(RowSource rows, int width, int height) {
    deflater.reset();
    idatFill = 0;
    for (int y = 0; y < height; y++) {
      nextRow(rows, width, y);
      deflater.setInput(row, 0, width + 1);
      while (!deflater.needsInput()) {
        drain();
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      drain();
    }
    if (idatFill > 0) {
      chunk("IDAT", idat, idatFill);
    }
  }

  /** The whole zlib stream is built in the encoder's buffer, then cut into IDAT chunks. */
  private void writeRle(RowSource rows, int width, int height) {
    rle.reset();
    for (int y = 0; y < height; ) {
      int end = y + Math.min(STRIP_ROWS, height - y); // never past Integer.MAX_VALUE
      encodeRows(rows, width, y, end);
      y = end;
    }
    rle.finish();
    byte[] z = rle.buffer();
    for (int off = 0; off < rle.length(); off += IDAT_SIZE) {
      chunk("IDAT", z, off, Math.min(IDAT_SIZE, rle.length() - off));
    }
  }

  /**
   * Rows {@code y0} to {@code y1 - 1}, filtered and compressed. The row loop is a method of its own,
   * called a few hundred times per image: the JIT compiler then compiles it once, within the first
   * images, instead of compiling an image-long loop while it runs and then again as a method, in
   * the first dozen images of a backfill, when it competes with the rendering workers for the cores.
   */
  private void encodeRows(RowSource rows, int width, int y0, int y1) {
    for (int y = y0; y < y1; y++) {
      nextRow(rows, width, y);
      rle.write(row, 0, width + 1);
    }
  }

  /** Reads row {@code y} into {@code cur[1..]} and leaves it filtered in {@code row[1..]}. */
  private void nextRow(RowSource rows, int width, int y) {
    rows.row(y, cur, 1);
    filterRow(width, y);
    byte[] t = prev;
    prev = cur;
    cur = t;
  }

  /**
   * Filters row {@code cur[1..]} (the row above is {@code prev[1..]}) into {@code row[1..]}. Rows sit
   * at offset 1 in all three arrays so that the Up loop indexes them alike: C2 then vectorizes it
   * (with {@code row[x + 1] = cur[x] - prev[x]} it cannot rule out overlap and runs 20x slower).
   */
  private void filterRow(int width, int y) {
    switch (filter) {
      case SUB:
        row[1] = cur[1];
        for (int x = 2; x <= width; x++) {
          row[x] = (byte) (cur[x] - cur[x - 1]);
        }
        break;
      case UP:
        if (y == 0) {
          System.arraycopy(cur, 1, row, 1, width);
        } else {
          for (int x = 1; x <= width; x++) {
            row[x] = (byte) (cur[x] - prev[x]);
          }
        }
        break;
      default:
        System.arraycopy(cur, 1, row, 1, width);
    }
  }

  private void drain() {
    int n = deflater.deflate(idat, idatFill, IDAT_SIZE - idatFill);
    idatFill += n;
    if (idatFill == IDAT_SIZE) {
      chunk("IDAT", idat, idatFill);
      idatFill = 0;
    }
  }

  private void chunk(String type, byte[] data, int len) {
    chunk(type, data, 0, len);
  }

  private void chunk(String type, byte[] data, int off, int len) {
    putInt(head, 0, len);
    for (int i = 0; i < 4; i++) {
      head[4 + i] = (byte) type.charAt(i);
    }
    out.write(head, 0, 8);
    out.write(data, off, len);
    crc.reset();
    crc.update(head, 4, 4);
    crc.update(data, off, len);
    putInt(head, 0, (int) crc.getValue());
    out.write(head, 0, 4);
  }

  private static byte[] copy(ByteBuffer png) {
    return Arrays.copyOf(png.array(), png.limit());
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  @Override
  public void close() {
    if (deflater != null) {
      deflater.end();
    }
  }

  /** A ByteArrayOutputStream whose buffer is kept across frames. */
  private static final class Output extends ByteArrayOutputStream {
    Output(int size) {
      super(size);
    }

    ByteBuffer view() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }
}
