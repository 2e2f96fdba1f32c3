package org.radarbeam.codec.netcdf;

import java.time.Instant;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.FrameMetadata;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;

/**
 * An opened OMSZ composite: 8-bit reflectivity on a lat/lon grid, first row north. The raster is
 * read only by {@link #decode}, from the netCDF classic bytes or the netCDF-4 (HDF5) data set.
 */
public final class OmszFrame extends FrameMetadata {
  /** Reads the raster into palette indices and releases what it holds. */
  interface Raster {
    void decode(PaletteLut lut, byte[] out) throws BadInputException;

    void close();
  }

  private final Raster raster;
  private final String format;

  /** Raw int8 bytes read as unsigned; the time from GMTime (UTC), null if the file has none. */
  OmszFrame(Raster raster, int width, int height, Instant nominalTime, GridGeometry geometry, String format) {
    super(width, height, SampleType.UINT8, OmszDecoder.SCALING, nominalTime, geometry, OmszDecoder.QUANTITY);
    this.raster = raster;
    this.format = format;
  }

  /** "CDF-1", "CDF-2", "CDF-5" or "netCDF-4". */
  public String format() {
    return format;
  }

  @Override
  public void decode(PaletteLut lut, byte[] out) throws BadInputException {
    if (lut.table() == null || lut.type() != SampleType.UINT8) {
      throw new IllegalArgumentException("OMSZ frames need a UINT8 palette table, got " + lut.type());
    }
    if (out.length < (long) width() * height()) {
      throw new IllegalArgumentException("index buffer of " + out.length + " bytes for " + width() + "x" + height());
    }
    raster.decode(lut, out);
  }

  @Override
  public void close() {
    raster.close();
  }
}
