package org.radarbeam.png;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.radarbeam.palette.RadarPalette;

/**
 * Writes an 8-bit indexed PNG (colour type 3) with the fixed radar palette, entry 0 transparent.
 *
 * <p>Written by hand because javax.imageio would need a full BufferedImage (4 bytes per pixel) and
 * builds its own palette; here rows stream from an index buffer or a {@link RowSource} through one
 * filter into a Deflater, and the PNG is assembled in one reusable buffer. Not thread-safe: one
 * per worker.
 */
public final class IndexedPngWriter implements AutoCloseable {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] PLTE = RadarPalette.plte();
  private static final byte[] TRNS = {0};
  private static final int IDAT_SIZE = 1 << 16;

  private final Deflater deflater;
  private final PngFilter filter;
  private final CRC32 crc = new CRC32();
  private final byte[] idat = new byte[IDAT_SIZE];
  private final Output out = new Output(1 << 20);
  private byte[] row = new byte[0];
  private byte[] cur = new byte[0];
  private byte[] prev = new byte[0];
  private int idatFill;

  public IndexedPngWriter(int level, PngFilter filter, boolean filteredStrategy) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("compression level must be 0..9, got " + level);
    }
    this.deflater = new Deflater(level);
    if (filteredStrategy) {
      deflater.setStrategy(Deflater.FILTERED);
    }
    this.filter = filter;
  }

  /**
   * Encodes {@code width x height} palette indices, row-major from the top row, starting at
   * {@code indices[0]}. Returns a new array holding the PNG file.
   */
  public byte[] write(byte[] indices, int width, int height) {
    if ((long) width * height > indices.length) {
      throw new IllegalArgumentException("index buffer smaller than " + width + "x" + height);
    }
    return write((y, dst, off) -> System.arraycopy(indices, y * width, dst, off, width), width, height);
  }

  /** Encodes {@code width x height} palette indices delivered row by row, first row north. */
  public byte[] write(RowSource rows, int width, int height) {
    out.reset();
    out.write(SIGNATURE, 0, SIGNATURE.length);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 3; // colour type: indexed
    chunk("IHDR", ihdr, ihdr.length);
    chunk("PLTE", PLTE, PLTE.length);
    chunk("tRNS", TRNS, TRNS.length);

    if (row.length < width + 1) {
      row = new byte[width + 1];
      cur = new byte[width];
      prev = new byte[width];
    }
    deflater.reset();
    idatFill = 0;
    row[0] = (byte) filter.code();
    for (int y = 0; y < height; y++) {
      rows.row(y, cur, 0);
      filterRow(width, y);
      byte[] t = prev;
      prev = cur;
      cur = t;
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
    chunk("IEND", idat, 0);
    return out.toByteArray();
  }

  /** Filters row {@code cur} (the row above is {@code prev}) into {@code row[1..]}. */
  private void filterRow(int width, int y) {
    switch (filter) {
      case SUB:
        row[1] = cur[0];
        for (int x = 1; x < width; x++) {
          row[x + 1] = (byte) (cur[x] - cur[x - 1]);
        }
        break;
      case UP:
        if (y == 0) {
          System.arraycopy(cur, 0, row, 1, width);
        } else {
          for (int x = 0; x < width; x++) {
            row[x + 1] = (byte) (cur[x] - prev[x]);
          }
        }
        break;
      default:
        System.arraycopy(cur, 0, row, 1, width);
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
    byte[] head = new byte[8];
    putInt(head, 0, len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, head, 4, 4);
    out.write(head, 0, 8);
    out.write(data, 0, len);
    crc.reset();
    crc.update(t);
    crc.update(data, 0, len);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.write(c, 0, 4);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  @Override
  public void close() {
    deflater.end();
  }

  /** A ByteArrayOutputStream whose buffer is kept across frames. */
  private static final class Output extends ByteArrayOutputStream {
    Output(int size) {
      super(size);
    }

    @Override
    public synchronized byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }
  }
}
