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
  private final byte[] table;

  public PaletteLut(SampleType type, Scaling scaling, double minDbz) {
    this.type = type;
    this.scaling = scaling;
    this.minDbz = minDbz;
    this.table = type.hasTable() ? buildTable() : null;
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
