package org.radarbeam.codec.odim;

import org.radarbeam.geo.GridGeometry;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.ByteOrder;
import java.time.Instant;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.RasterFrame;
import org.radarbeam.codec.SampleType;
import org.radarbeam.codec.Scaling;
import org.radarbeam.render.PaletteLut;

/**
 * An opened ODIM_H5 composite: its metadata, and the data set whose raster has not been read
 * yet. Closing it releases the HDF5 file.
 */
public final class OdimFrame implements RasterFrame {
  private final HdfFile file;
  private final Dataset dataset;
  private final String datasetPath;
  private final String quantity;
  private final SampleType sampleType;
  private final ByteOrder byteOrder;
  private final int width;
  private final int height;
  private final Scaling scaling;
  private final Instant nominalTime;
  private final GridGeometry geometry;
  private final ChunkedRasterDecoder decoder;

  OdimFrame(ChunkedRasterDecoder decoder, HdfFile file, Dataset dataset, String quantity, SampleType sampleType, ByteOrder byteOrder,
      int width, int height, Scaling scaling, Instant nominalTime, GridGeometry geometry) {
    this.file = file;
    this.dataset = dataset;
    this.datasetPath = dataset.getPath();
    this.quantity = quantity;
    this.sampleType = sampleType;
    this.byteOrder = byteOrder;
    this.width = width;
    this.height = height;
    this.scaling = scaling;
    this.nominalTime = nominalTime;
    this.geometry = geometry;
    this.decoder = decoder;
  }

  @Override
  public void decode(PaletteLut lut, byte[] out) throws BadInputException {
    decoder.decode(this, lut, out);
  }

  public Dataset dataset() {
    return dataset;
  }

  public String datasetPath() {
    return datasetPath;
  }

  /** The data set's quantity (e.g. DBZH), or null if the file does not say. */
  @Override
  public String quantity() {
    return quantity;
  }

  @Override
  public SampleType sampleType() {
    return sampleType;
  }

  public ByteOrder byteOrder() {
    return byteOrder;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public Scaling scaling() {
    return scaling;
  }

  /** Nominal time from the file's /what date and time, UTC; null if the file has none. */
  @Override
  public Instant nominalTime() {
    return nominalTime;
  }

  @Override
  public GridGeometry geometry() {
    return geometry;
  }

  @Override
  public void close() {
    file.close();
  }
}
