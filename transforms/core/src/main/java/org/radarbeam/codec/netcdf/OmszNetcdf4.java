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
 * The OMSZ grid in a netCDF-4 file (HDF5, opened with jhdf): a plain 2-D {@code refl2D} is decoded
 * chunk by chunk like an ODIM raster; one with leading dimensions of length 1 is read whole.
 */
final class OmszNetcdf4 {
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
    GridGeometry geometry = OmszGrid.geometry(w, h, (name, what) -> hdfNumber(file, name, what));
    Instant time = OmszGrid.parseTime(hdfText(file, "GMTime"));
    boolean plain2d = dims.length == 2;
    OmszFrame.Raster raster = new OmszFrame.Raster() {
      @Override
      public void decode(PaletteLut lut, byte[] out) throws BadInputException {
        if (plain2d) {
          chunks.decode(ds, SampleType.UINT8, ByteOrder.LITTLE_ENDIAN, w, h, lut, out);
          return;
        }
        try {
          decodeFlat(ds.getDataFlat(), lut.table(), out, w * h);
        } catch (RuntimeException e) {
          throw corrupt(e);
        }
      }

      @Override
      public void close() {
        file.close();
      }
    };
    return new OmszFrame(raster, w, h, time, geometry, "netCDF-4");
  }

  /** Grids stored with leading dimensions of length 1 (e.g. time): jhdf reads them whole. */
  private static void decodeFlat(Object flat, byte[] t, byte[] out, int n) throws BadInputException {
    if (Array.getLength(flat) < n) {
      throw new BadInputException(Kind.CORRUPT, "netCDF-4 variable " + OmszDecoder.VARIABLE + " holds " + Array.getLength(flat)
          + " of " + n + " values");
    }
    if (flat instanceof byte[]) {
      byte[] b = (byte[]) flat;
      for (int i = 0; i < n; i++) {
        out[i] = t[b[i] & 0xFF];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = t[((Number) Array.get(flat, i)).intValue() & 0xFF];
      }
    }
  }

  private static double hdfNumber(HdfFile file, String name, String what) throws BadInputException {
    Object value = null;
    Node n = file.getChild(name);
    if (n instanceof Dataset) {
      value = ((Dataset) n).getData();
    } else {
      Attribute a = file.getAttribute(name);
      if (a != null) {
        value = a.getData();
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
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF-4 " + name + " is not a number ('" + BoundedUnzip.oneLine(String.valueOf(v)) + "')");
    }
  }

  private static String hdfText(HdfFile file, String name) {
    Node n = file.getChild(name);
    if (n instanceof Dataset) {
      StringBuilder s = new StringBuilder();
      join(((Dataset) n).getData(), s);
      return s.toString();
    }
    Attribute a = file.getAttribute(name);
    if (a == null) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    join(a.getData(), s);
    return s.toString();
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

  private static BadInputException corrupt(RuntimeException e) {
    return Hdf5Files.corrupt("netCDF-4 (HDF5)", e);
  }
}
