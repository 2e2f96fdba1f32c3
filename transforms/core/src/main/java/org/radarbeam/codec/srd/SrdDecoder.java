package org.radarbeam.codec.srd;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.FrameDecoder;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.palette.Scaling;

/**
 * Opens ARSO (Slovenia) SRD-3 text files, read as imeteo-radar reads them: a {@link SrdHeader}, then one
 * latin-1 character per cell, rows north to south, columns west to east, characters below code
 * 32 skipped. value = start + slope x (code - offset); code == offset is no data. This maps onto
 * the shared 8-bit LUT as gain = slope, offset = start - slope x offset, nodata = offset.
 *
 * <p>Cell count: upstream pads a short data section with {@code offset} and truncates a long one,
 * which silently shifts or invents cells when ncell and the data disagree. Here a data section
 * with fewer than W x H cells is refused as {@link Kind#TRUNCATED} (a download cut short is its
 * usual cause), and one with more is refused as {@link Kind#CORRUPT} unless every extra cell is
 * the no-data code (trailing padding, which loses nothing when dropped).
 *
 * <p>One instance per worker; it holds no state.
 */
public final class SrdDecoder implements FrameDecoder {
  public static final String QUANTITY = "DBZH";

  private final long maxPixels;
  private final ArsoPlacement placement;

  /** @param maxPixels grids with more pixels are refused before anything is allocated for them */
  public SrdDecoder(long maxPixels) {
    this(maxPixels, ArsoPlacement.LCC);
  }

  /** As {@link #SrdDecoder(long)}, with the cells placed on the map as {@code placement} says. */
  public SrdDecoder(long maxPixels, ArsoPlacement placement) {
    this.maxPixels = maxPixels;
    this.placement = placement;
  }

  /** Opens an SRD-3 file held in memory (not empty, not HTML); {@code defaults} is ignored (the header scales). */
  @Override
  public SrdFrame open(ByteBuffer buffer, Scaling defaults) throws BadInputException {
    byte[] data = ReusableBuffer.array(buffer);
    int length = buffer.limit();
    SrdHeader h = SrdHeader.parse(data, length);
    try {
      return open(data, length, h);
    } catch (BadInputException e) {
      throw e.withNominalTime(h.time); // the header was read: its failure record keeps the frame's time
    }
  }

  private SrdFrame open(byte[] data, int length, SrdHeader h) throws BadInputException {
    if (!h.unit.toUpperCase(Locale.ROOT).startsWith("DBZ")) {
      throw new BadInputException(Kind.UNSUPPORTED, "SRD unit '" + BadInputException.quoted(h.unit)
          + "' is not dBZ (only reflectivity, e.g. si0-zm.srd, is rendered)");
    }
    long cells = (long) h.width * h.height;
    if (cells > maxPixels) {
      throw new BadInputException(Kind.TOO_LARGE, "grid " + h.width + "x" + h.height + " = " + cells
          + " pixels exceeds --maxPixels=" + maxPixels);
    }
    // cells first: placing a grid costs time in its width and height (--arsoGrid=lonlat transforms every
    // border cell), which only a file that holds that many cells may ask for
    checkCells(data, length, h, cells);
    GridGeometry geometry = placement.geometry(h.width, h.height);
    Scaling scaling = scaling(h);
    if (!scaling.usable()) { // each value is finite, but start - slope x offset need not be
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "unusable SRD scaling: slope " + h.slope + ", start " + h.start
          + ", offset " + h.offset);
    }
    return new SrdFrame(data, length, h, scaling, geometry);
  }

  /** {@link #open(ByteBuffer, Scaling)} of a whole array. */
  public SrdFrame open(byte[] data, Scaling defaults) throws BadInputException {
    return open(ByteBuffer.wrap(data), defaults);
  }

  /** The LUT scaling of a header: value = code x slope + (start - slope x offset). */
  public static Scaling scaling(SrdHeader h) {
    return new Scaling(h.slope, h.start - h.slope * h.offset, h.offset, Double.NaN, false);
  }

  private static void checkCells(byte[] data, int length, SrdHeader h, long expected) throws BadInputException {
    long n = 0;
    long extraNotPadding = 0;
    for (int p = h.dataStart; p < length; p++) {
      int code = data[p] & 0xFF;
      if (code >= 32) {
        if (n >= expected && code != h.offset) {
          extraNotPadding++;
        }
        n++;
      }
    }
    String counts = "SRD data has " + n + " cells, ncell says " + h.width + "x" + h.height + "=" + expected;
    if (n < expected) {
      throw new BadInputException(Kind.TRUNCATED, counts + " (" + (expected - n) + " missing: truncated?)");
    }
    if (extraNotPadding > 0) {
      throw new BadInputException(Kind.CORRUPT, counts + " (" + (n - expected) + " extra, " + extraNotPadding
          + " of them not the no-data code " + fmt(h.offset) + ")");
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  @Override
  public void close() {}
}
