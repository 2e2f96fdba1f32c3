package org.radarbeam.codec.srd;

import org.radarbeam.codec.FrameMetadata;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;

/**
 * An opened SRD-3 frame: one character per cell after the DATA line, rows north to south,
 * columns west to east, characters below code 32 (line breaks) skipped. Each code is the raw
 * value, so the shared 8-bit LUT maps it with value = start + slope x (code - offset).
 */
public final class SrdFrame extends FrameMetadata {
  private final byte[] data;
  private final int length;
  private final SrdHeader header;

  /**
   * @param scaling gain = slope, offset = start - slope x offset, nodata = offset, no undetect;
   *     raw values are the character codes 0..255 (latin-1); the time is the header's (UTC)
   */
  SrdFrame(byte[] data, int length, SrdHeader header, Scaling scaling, GridGeometry geometry) {
    super(header.width, header.height, SampleType.UINT8, scaling, header.time, geometry, SrdDecoder.QUANTITY);
    this.data = data;
    this.length = length;
    this.header = header;
  }

  public SrdHeader header() {
    return header;
  }

  @Override
  public void decode(PaletteLut lut, byte[] out) {
    byte[] t = lut.table();
    if (t == null || lut.type() != SampleType.UINT8) {
      throw new IllegalArgumentException("SRD frames need a UINT8 palette table, got " + lut.type());
    }
    int n = header.width * header.height;
    if (out.length < n) {
      throw new IllegalArgumentException("index buffer of " + out.length + " bytes for " + header.width + "x" + header.height);
    }
    int k = 0;
    for (int p = header.dataStart; k < n && p < length; p++) {
      int code = data[p] & 0xFF;
      if (code >= 32) {
        out[k++] = t[code];
      }
    }
    // the decoder has checked that the data holds n cells; fill defensively all the same
    java.util.Arrays.fill(out, k, n, (byte) 0);
  }

  @Override
  public void close() {}
}
