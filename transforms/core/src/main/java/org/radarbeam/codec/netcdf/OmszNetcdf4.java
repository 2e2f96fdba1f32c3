package org.radarbeam.codec.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.hdf5.ChunkedRasterDecoder;
import org.radarbeam.codec.hdf5.Hdf5Files;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;

/**
 * The OMSZ grid in a netCDF-4 file (HDF5, opened with jhdf): {@code refl2D} (2-D, or with leading
 * dimensions of length 1) is decoded chunk by chunk like an ODIM raster; the scalars and GMTime are
 * read by jhdf once they are known to be small.
 */
final class OmszNetcdf4 {
  /** Scalars and GMTime take a few bytes; a variable of more is not one of them. */
  private static final long SMALL_BYTES = 4096;

  private OmszNetcdf4() {}

  static OmszFrame open(byte[] nc, ChunkedRasterDecoder chunks, long maxPixels) throws BadInputException {
    return Hdf5Files.open(ByteBuffer.wrap(nc), "netCDF-4 (HDF5)", file -> describe(file, chunks, maxPixels));
  }

  private static OmszFrame describe(HdfFile file, ChunkedRasterDecoder chunks, long maxPixels) throws BadInputException {
    Node node = file.getChild(OmszDecoder.VARIABLE);
    if (!(node instanceof Dataset)) {
      throw new BadInputException(Kind.MISSING_DATA, "netCDF-4 has no variable " + OmszDecoder.VARIABLE
          + " (variables: " + OmszGrid.names(file.getChildren().keySet()) + ")");
    }
    Dataset ds = (Dataset) node;
    ChunkedRasterDecoder.requireWithinMaximum(ds); // before its size is judged: a damaged size is corrupt
    int[] dims = ds.getDimensions();
    long[] shape = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = dims[i];
    }
    int[] hw = OmszGrid.shape(shape, "netCDF-4", maxPixels);
    int h = hw[0];
    int w = hw[1];
    DataType type = ds.getDataType();
    if (!(type instanceof FixedPoint) || type.getSize() != 1) {
      throw new BadInputException(Kind.UNSUPPORTED, "netCDF-4 variable " + OmszDecoder.VARIABLE + " is "
          + (type instanceof FixedPoint ? (8 * type.getSize()) + "-bit integers" : type.getClass().getSimpleName())
          + ", expected 8-bit integers (byte)");
    }
    GridGeometry geometry = OmszGrid.geometry(w, h, (name, what) -> hdfNumber(file, chunks, name, what));
    Instant time = OmszGrid.parseTime(hdfText(file, chunks, "GMTime"));
    OmszFrame.Raster raster = new OmszFrame.Raster() {
      @Override
      public void decode(PaletteLut lut, byte[] out) throws BadInputException {
        chunks.decode(ds, SampleType.UINT8, ByteOrder.LITTLE_ENDIAN, w, h, lut, out);
      }

      @Override
      public void close() {
        file.close();
      }
    };
    return new OmszFrame(raster, w, h, time, geometry, "netCDF-4");
  }

  private static double hdfNumber(HdfFile file, ChunkedRasterDecoder chunks, String name, String what)
      throws BadInputException {
    Object value = null;
    Node n = file.getChild(name);
    if (n instanceof Dataset) {
      value = smallData((Dataset) n, chunks, name);
    } else {
      Attribute a = file.getAttribute(name);
      if (a != null) {
        value = Hdf5Files.attributeData(a, "/" + name);
      }
    }
    if (value == null) {
      throw OmszGrid.missing(name, what);
    }
    Object v = value;
    while (v != null && v.getClass().isArray()) {
      if (Array.getLength(v) != 1) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF-4 " + name + " has " + Array.getLength(v) + " values, expected one");
      }
      v = Array.get(v, 0);
    }
    if (v instanceof Float) {
      return OmszGrid.decimal((Float) v);
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF-4 " + name + " is not a number ('" + BadInputException.quoted(String.valueOf(v)) + "')");
    }
  }

  private static String hdfText(HdfFile file, ChunkedRasterDecoder chunks, String name) throws BadInputException {
    Node n = file.getChild(name);
    if (n instanceof Dataset) {
      StringBuilder s = new StringBuilder();
      join(smallData((Dataset) n, chunks, name), s);
      return s.toString();
    }
    Attribute a = file.getAttribute(name);
    if (a == null) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    join(Hdf5Files.attributeData(a, "/" + name), s);
    return s.toString();
  }

  /** The values of a scalar or short text variable, read by jhdf once they are known to be small. */
  private static Object smallData(Dataset ds, ChunkedRasterDecoder chunks, String name) throws BadInputException {
    String what = "netCDF-4 variable " + name;
    chunks.requireSmall(ds, what, SMALL_BYTES);
    return Hdf5Files.smallDatasetData(ds, what);
  }

  /** Joins a char array as jhdf returns it (String, String[] of single characters, bytes...). */
  private static void join(Object v, StringBuilder s) {
    if (v == null) {
      return;
    }
    if (v instanceof String) {
      for (char c : ((String) v).toCharArray()) {
        if (c != 0) {
          s.append(c);
        }
      }
    } else if (v instanceof char[]) {
      join(new String((char[]) v), s);
    } else if (v.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(v); i++) {
        join(Array.get(v, i), s);
      }
    } else if (v instanceof Number) {
      int c = ((Number) v).intValue() & 0xFF;
      if (c != 0) {
        s.append((char) c);
      }
    } else {
      s.append(v);
    }
  }
}
