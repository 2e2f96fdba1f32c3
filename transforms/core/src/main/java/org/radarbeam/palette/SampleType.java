package org.radarbeam.palette;

/** Storage type of one raw grid value. */
public enum SampleType {
  UINT8(1, false, true),
  INT8(1, false, false),
  UINT16(2, false, true),
  INT16(2, false, false),
  UINT32(4, false, true),
  INT32(4, false, false),
  UINT64(8, false, true),
  INT64(8, false, false),
  FLOAT32(4, true, false),
  FLOAT64(8, true, false);

  private final int bytes;
  private final boolean floating;
  private final boolean unsigned;

  SampleType(int bytes, boolean floating, boolean unsigned) {
    this.bytes = bytes;
    this.floating = floating;
    this.unsigned = unsigned;
  }

  public int bytes() {
    return bytes;
  }

  public boolean isUnsigned() {
    return unsigned;
  }

  /** Types whose every raw value fits a lookup table (8 and 16 bit integers). */
  public boolean hasTable() {
    return !floating && bytes <= 2;
  }

  public static SampleType integer(int bytes, boolean signed) {
    return switch (bytes) {
      case 1 -> signed ? INT8 : UINT8;
      case 2 -> signed ? INT16 : UINT16;
      case 4 -> signed ? INT32 : UINT32;
      case 8 -> signed ? INT64 : UINT64;
      default -> throw new IllegalArgumentException("unsupported integer size " + bytes);
    };
  }

  public static SampleType floating(int bytes) {
    return switch (bytes) {
      case 4 -> FLOAT32;
      case 8 -> FLOAT64;
      default -> throw new IllegalArgumentException("unsupported float size " + bytes);
    };
  }
}
