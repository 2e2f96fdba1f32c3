package org.radarbeam.codec;

import java.time.Instant;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;

/**
 * An opened radar frame of any format: its metadata, and a raster that is read only when
 * {@link #decode} maps it into palette indices. Closing it releases what the decoder holds.
 */
public interface RasterFrame extends AutoCloseable {
  int width();

  int height();

  /** Storage type of the raw values, which selects the LUT. */
  SampleType sampleType();

  /** How raw values become reflectivity. */
  Scaling scaling();

  /** Nominal UTC time stated by the file itself; null if it states none. */
  Instant nominalTime();

  /** Where the grid lies; fields the format does not give are NaN or null. */
  GridGeometry geometry();

  /** The quantity rendered (e.g. DBZH), or null if the file does not say. */
  String quantity();

  /**
   * Writes {@code width x height} palette indices into {@code out}, row-major, first row north,
   * each raw value mapped through {@code lut}.
   */
  void decode(PaletteLut lut, byte[] out) throws BadInputException;

  @Override
  void close();
}
