package org.radarbeam.codec.odim;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.ByteOrder;
import java.time.Instant;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.FrameMetadata;
import org.radarbeam.codec.hdf5.ChunkedRasterDecoder;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;

/**
 * An opened ODIM_H5 composite: its metadata, and the data set whose raster has not been read
 * yet. Closing it releases the HDF5 file.
 */
public final class OdimFrame extends FrameMetadata {
  private final HdfFile file;
  private final Dataset dataset;
  private final String datasetPath;
  private final ByteOrder byteOrder;
  private final ChunkedRasterDecoder decoder;

  /**
   * @param quantity the data set's quantity (e.g. DBZH), or null if the file does not say
   * @param nominalTime from the file's /what date and time, UTC; null if the file has none
   */
  OdimFrame(ChunkedRasterDecoder decoder, HdfFile file, Dataset dataset, String quantity, SampleType sampleType, ByteOrder byteOrder,
      int width, int height, Scaling scaling, Instant nominalTime, GridGeometry geometry) {
    super(width, height, sampleType, scaling, nominalTime, geometry, quantity);
    this.file = file;
    this.dataset = dataset;
    this.datasetPath = dataset.getPath();
    this.byteOrder = byteOrder;
    this.decoder = decoder;
  }

  @Override
  public void decode(PaletteLut lut, byte[] out) throws BadInputException {
    decoder.decode(dataset, sampleType(), byteOrder, width(), height(), lut, out);
  }

  public Dataset dataset() {
    return dataset;
  }

  public String datasetPath() {
    return datasetPath;
  }

  public ByteOrder byteOrder() {
    return byteOrder;
  }

  @Override
  public void close() {
    file.close();
  }
}
