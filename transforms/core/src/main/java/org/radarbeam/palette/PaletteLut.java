package org.radarbeam.palette;

/**
 * Maps raw grid values straight to palette indices, with no float frame in between.
 *
 * <p>For 8 and 16 bit integer data every raw value is looked up in a table (256 or 65 536 bytes)
 * built once per distinct scaling, so a pixel costs one array read. Wider and floating types
 * compute the index per pixel with the same rule.
 */
public final class PaletteLut {
  private final SampleType type;
  private final Scaling scaling;
  private final double minDbz;
  /** Coverage instead of colour: 1 where the radar scanned, 0 where it did not. */
  private final boolean coverage;
  private final byte[] table;

  public PaletteLut(SampleType type, Scaling scaling, double minDbz) {
    this(type, scaling, minDbz, false);
  }

  private PaletteLut(SampleType type, Scaling scaling, double minDbz, boolean coverage) {
    this.type = type;
    this.scaling = scaling;
    this.minDbz = minDbz;
    this.coverage = coverage;
    this.table = type.hasTable() ? buildTable() : null;
  }

  /**
   * Maps raw values to 1 where the radar network scanned and 0 where it did not (the coverage
   * mask's rule: raw != nodata, where 8-bit unsigned data always takes 255 as nodata; "nothing
   * detected" is covered).
   */
  public static PaletteLut coverage(SampleType type, Scaling scaling) {
    return new PaletteLut(type, scaling, 0, true);
  }

  public SampleType type() {
    return type;
  }

  /** The raw-bits-indexed table (raw & 0xFF or raw & 0xFFFF), or null for wide types. */
  public byte[] table() {
    return table;
  }

  /** Palette index of one raw value. */
  public int index(double raw) {
    if (coverage) {
      double nodata = type == SampleType.UINT8 ? 255 : scaling.nodata();
      return Double.isNaN(raw) || Scaling.is(raw, nodata, type) ? 0 : 1;
    }
    if (scaling.isMissing(raw, type)) {
      return 0;
    }
    return DbzQuantizer.paletteIndex(scaling.physical(raw), minDbz);
  }

  private byte[] buildTable() {
    int n = 1 << (8 * type.bytes());
    byte[] t = new byte[n];
    for (int bits = 0; bits < n; bits++) {
      t[bits] = (byte) index(rawOfBits(bits));
    }
    return t;
  }

  private double rawOfBits(int bits) {
    switch (type) {
      case INT8: return (byte) bits;
      case INT16: return (short) bits;
      default: return bits;
    }
  }
}
