package org.radarbeam.codec.netcdf;

import java.time.Instant;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.RasterFrame;
import org.radarbeam.codec.SampleType;
import org.radarbeam.codec.Scaling;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.render.PaletteLut;

/**
 * An opened OMSZ composite: 8-bit reflectivity on a lat/lon grid, first row north. The raster is
 * read only by {@link #decode}, from the netCDF classic bytes or the netCDF-4 (HDF5) data set.
 */
public final class OmszFrame implements RasterFrame {
  /** Reads the raster into palette indices and releases what it holds. */
  interface Raster {
    void decode(PaletteLut lut, byte[] out) throws BadInputException;

    void close();
  }

  private final Raster raster;
  private final int width;
  private final int height;
  private final Instant nominalTime;
  private final GridGeometry geometry;
  private final String format;

  OmszFrame(Raster raster, int width, int height, Instant nominalTime, GridGeometry geometry, String format) {
    this.raster = raster;
    this.width = width;
    this.height = height;
    this.nominalTime = nominalTime;
    this.geometry = geometry;
    this.format = format;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  /** Raw int8 bytes read as unsigned. */
  @Override
  public SampleType sampleType() {
    return SampleType.UINT8;
  }

  @Override
  public Scaling scaling() {
    return OmszDecoder.SCALING;
  }

  /** From GMTime (UTC); null if the file has no GMTime. */
  @Override
  public Instant nominalTime() {
    return nominalTime;
  }

  @Override
  public GridGeometry geometry() {
    return geometry;
  }

  @Override
  public String quantity() {
    return OmszDecoder.QUANTITY;
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
    if (out.length < (long) width * height) {
      throw new IllegalArgumentException("index buffer of " + out.length + " bytes for " + width + "x" + height);
    }
    raster.decode(lut, out);
  }

  @Override
  public void close() {
    raster.close();
  }
}
