package org.radarbeam.codec.odim;

import java.util.Arrays;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.codec.hdf5.ChunkedRasterDecoder;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.Scaling;
import org.radarbeam.palette.SpecRule;

/** Test helpers: decode a file to palette indices, and what imeteo-radar's rendering rule says they must be. */
final class Decoded {
  /** Not a palette index (the palette has 122 entries): marks pixels the decoder never wrote. */
  static final byte UNWRITTEN = (byte) 0xEE;

  private Decoded() {}

  /** Opens {@code file} and decodes its raster to palette indices through {@code RasterFrame.decode}. */
  static byte[] indices(byte[] file, String quantity, Scaling defaults, double minDbz) throws BadInputException {
    InputSniffer.requireContent(file, InputFormat.ODIM_H5); // as the renderer does before any decoder
    try (OdimReader reader = new OdimReader(quantity, 50_000_000L); OdimFrame frame = reader.open(file, defaults)) {
      byte[] out = new byte[frame.width() * frame.height()];
      Arrays.fill(out, UNWRITTEN);
      frame.decode(new PaletteLut(frame.sampleType(), frame.scaling(), minDbz), out);
      return out;
    }
  }

  static byte[] indices(OdimFrame frame, ChunkedRasterDecoder decoder, double minDbz) throws BadInputException {
    byte[] out = new byte[frame.width() * frame.height()];
    Arrays.fill(out, UNWRITTEN);
    decoder.decode(frame.dataset(), frame.sampleType(), frame.byteOrder(), frame.width(), frame.height(),
        new PaletteLut(frame.sampleType(), frame.scaling(), minDbz), out);
    return out;
  }

  /** {@link SpecRule} applied to every raw value of {@code raster} (a 2-D Java array, row-major). */
  static byte[] expected(Object raster, boolean unsigned, double gain, double offset, double nodata, double undetect,
      boolean raw255IsNodata, double minDbz) {
    boolean uint8 = unsigned && raster instanceof byte[][];
    int rows = java.lang.reflect.Array.getLength(raster);
    int cols = java.lang.reflect.Array.getLength(java.lang.reflect.Array.get(raster, 0));
    byte[] out = new byte[rows * cols];
    for (int r = 0; r < rows; r++) {
      Object row = java.lang.reflect.Array.get(raster, r);
      double[] raw = OdimFixtures.flat(new Object[] {row}, unsigned);
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = (byte) SpecRule.index(raw[c], gain, offset, nodata, undetect, raw255IsNodata, uint8, minDbz);
      }
    }
    return out;
  }

  /** Compares indices pixel by pixel and names the first differing pixel. */
  static void assertIndices(byte[] want, byte[] got, int width, String what) {
    if (want.length != got.length) {
      throw new AssertionError(what + ": " + got.length + " pixels, expected " + want.length);
    }
    int bad = 0;
    int first = -1;
    for (int i = 0; i < want.length; i++) {
      if (want[i] != got[i]) {
        bad++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (bad > 0) {
      throw new AssertionError(what + ": " + bad + " of " + want.length + " pixels differ; first at row "
          + first / width + " column " + first % width + ": index " + (got[first] & 0xFF) + ", expected " + (want[first] & 0xFF));
    }
  }

  /** How many pixels are drawn (non-zero index). */
  static int drawn(byte[] idx) {
    int n = 0;
    for (byte b : idx) {
      if (b != 0) {
        n++;
      }
    }
    return n;
  }
}
