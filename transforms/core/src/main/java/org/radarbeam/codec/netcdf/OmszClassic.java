package org.radarbeam.codec.netcdf;

import java.time.Instant;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.netcdf.NetcdfClassicReader.Variable;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;

/**
 * The OMSZ grid in a netCDF classic file (CDF-1, CDF-2, CDF-5): {@code refl2D} read straight from
 * the file's bytes, its placement and time from scalar variables or global attributes.
 */
final class OmszClassic {
  private OmszClassic() {}

  static OmszFrame open(NetcdfClassicReader nc, byte[] bytes, long maxPixels) throws BadInputException {
    String fmt = nc.versionName();
    Variable v = nc.variable(OmszDecoder.VARIABLE);
    if (v == null) {
      throw new BadInputException(Kind.MISSING_DATA, "netCDF (" + fmt + ") has no variable " + OmszDecoder.VARIABLE
          + " (variables: " + OmszGrid.names(nc.variables().keySet()) + ")");
    }
    if (nc.isRecordVariable(v) && nc.numrecs() == 0) {
      throw new BadInputException(Kind.MISSING_DATA, "netCDF (" + fmt + ") variable " + OmszDecoder.VARIABLE + " has no records");
    }
    int[] hw = OmszGrid.shape(nc.shape(v), fmt, maxPixels);
    int h = hw[0];
    int w = hw[1];
    if (v.type != NetcdfClassicReader.NC_BYTE && v.type != NetcdfClassicReader.NC_UBYTE) {
      throw new BadInputException(Kind.UNSUPPORTED, "netCDF (" + fmt + ") variable " + OmszDecoder.VARIABLE + " is "
          + NetcdfClassicReader.typeName(v.type) + ", expected 8-bit integers (byte)");
    }
    int offset = nc.dataOffset(v, (long) w * h);
    GridGeometry geometry = OmszGrid.geometry(w, h, (name, what) -> classicNumber(nc, name, what));
    Instant time = OmszGrid.parseTime(classicText(nc, "GMTime"));
    int n = w * h;
    OmszFrame.Raster raster = new OmszFrame.Raster() {
      @Override
      public void decode(PaletteLut lut, byte[] out) {
        byte[] t = lut.table();
        for (int i = 0; i < n; i++) {
          out[i] = t[bytes[offset + i] & 0xFF];
        }
      }

      @Override
      public void close() {}
    };
    return new OmszFrame(raster, w, h, time, geometry, fmt);
  }

  private static double classicNumber(NetcdfClassicReader nc, String name, String what) throws BadInputException {
    Variable v = nc.variable(name);
    if (v != null) {
      return nc.scalar(v);
    }
    NetcdfClassicReader.Attribute a = nc.globalAttributes().get(name);
    if (a != null) {
      return nc.attributeNumber(a);
    }
    throw OmszGrid.missing(name, what);
  }

  private static String classicText(NetcdfClassicReader nc, String name) throws BadInputException {
    Variable v = nc.variable(name);
    if (v != null) {
      return nc.chars(v);
    }
    NetcdfClassicReader.Attribute a = nc.globalAttributes().get(name);
    return a == null ? null : nc.attributeText(a);
  }
}
