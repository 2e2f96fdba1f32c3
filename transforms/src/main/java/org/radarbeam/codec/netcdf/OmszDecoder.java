package org.radarbeam.codec.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.lang.reflect.Array;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.FrameDecoder;
import org.radarbeam.codec.Hdf5Files;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.codec.SampleType;
import org.radarbeam.codec.Scaling;
import org.radarbeam.codec.netcdf.NetcdfClassicReader.Variable;
import org.radarbeam.codec.odim.ChunkedRasterDecoder;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.render.PaletteLut;

/**
 * Opens OMSZ (Hungary) composites: a ZIP whose first {@code .nc} member is netCDF, either
 * netCDF-4 (HDF5, read with jhdf) or netCDF classic CDF-1/2/5 (read with
 * {@link NetcdfClassicReader}).
 *
 * <p>What is read (upstream spec 1.6): the 2-D variable {@code refl2D}, int8 whose bytes are read
 * as unsigned: dBZ = raw x 0.5 - 32, raw 0 (background) and 255 (outside coverage) are no data.
 * Its {@code _FillValue} is deliberately ignored: the default int8 fill -127 is raw 129 = 32.5 dBZ,
 * a real echo. Scalars {@code La1} (latitude of the first, northern row), {@code Lo1} (longitude
 * of the first, western column), {@code Dx}, {@code Dy} (steps in degrees) place the grid on plain
 * WGS84 lat/lon with rows north to south: north = La1, south = La1 - (rows-1) Dy, west = Lo1,
 * east = Lo1 + (cols-1) Dx, all pixel centres. {@code GMTime}, a char array such as
 * "201911211200" or "2019-11-21 12:00", is the nominal time in UTC.
 *
 * <p>The ZIP is inflated in memory with at most {@code maxMemberBytes} inflated bytes (counted, not
 * taken from the headers), and grids above {@code maxPixels} are refused before any raster buffer
 * exists. One instance per worker; not thread-safe.
 */
public final class OmszDecoder implements FrameDecoder {
  /** Default bound on the inflated size of a ZIP member (the real 813 x 961 grid needs < 1 MiB). */
  public static final long DEFAULT_MAX_MEMBER_BYTES = 64L << 20;
  /** Raw uint8 (the int8 bytes) to dBZ; raw 0 and 255 are no data. */
  public static final Scaling SCALING = new Scaling(0.5, -32.0, 0.0, 255.0, false);
  public static final String QUANTITY = "DBZH";
  public static final String PROJDEF = "+proj=longlat +datum=WGS84 +no_defs";
  public static final String VARIABLE = "refl2D";

  private static final DateTimeFormatter TIME14 =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  private final long maxPixels;
  private final long maxMemberBytes;
  private final ChunkedRasterDecoder chunks = new ChunkedRasterDecoder();

  /** @param maxPixels grids with more pixels are refused before anything is allocated for them */
  public OmszDecoder(long maxPixels) {
    this(maxPixels, DEFAULT_MAX_MEMBER_BYTES);
  }

  /** @param maxMemberBytes a ZIP member inflating to more bytes is refused (TOO_LARGE) */
  public OmszDecoder(long maxPixels, long maxMemberBytes) {
    if (maxMemberBytes <= 0 || maxMemberBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxMemberBytes must be in 1 .. 2 GiB, got " + maxMemberBytes);
    }
    this.maxPixels = maxPixels;
    this.maxMemberBytes = maxMemberBytes;
  }

  /** Opens a zipped OMSZ netCDF held in memory; {@code defaults} is ignored (fixed scaling). */
  @Override
  public OmszFrame open(byte[] data, Scaling defaults) throws BadInputException {
    InputSniffer.requireNonEmpty(data);
    if (InputSniffer.looksLikeHtml(data)) {
      throw new BadInputException(Kind.HTML, "an HTML page, not a ZIP (the server returned an error or index page)");
    }
    if (!BoundedUnzip.looksLikeZip(data)) {
      throw new BadInputException(Kind.UNSUPPORTED, "not a ZIP archive (OMSZ publishes netCDF inside a ZIP; "
          + data.length + " bytes starting " + hexHead(data) + ")");
    }
    BoundedUnzip.Member member = BoundedUnzip.first(data, ".nc", maxMemberBytes);
    try {
      return openNetcdf(member.data);
    } catch (BadInputException e) {
      throw new BadInputException(e.kind(), "ZIP member " + member.name + ": " + e.getMessage(), e);
    }
  }

  /** Opens netCDF bytes (classic or netCDF-4) that are not zipped. */
  public OmszFrame openNetcdf(byte[] nc) throws BadInputException {
    if (nc.length == 0) {
      throw new BadInputException(Kind.EMPTY, "empty netCDF (0 bytes)");
    }
    if (NetcdfClassicReader.isClassic(nc)) {
      return openClassic(NetcdfClassicReader.parse(nc), nc);
    }
    if (InputSniffer.hdf5SuperblockOffset(nc) >= 0) {
      return openNetcdf4(nc);
    }
    throw new BadInputException(Kind.CORRUPT, "not netCDF (no CDF or HDF5 signature; " + nc.length + " bytes starting "
        + hexHead(nc) + ")");
  }

  @Override
  public void close() {
    chunks.close();
  }

  // ---------------------------------------------------------------------------------------------
  // netCDF classic

  private OmszFrame openClassic(NetcdfClassicReader nc, byte[] bytes) throws BadInputException {
    String fmt = nc.versionName();
    Variable v = nc.variable(VARIABLE);
    if (v == null) {
      throw new BadInputException(Kind.MISSING_DATA, "netCDF (" + fmt + ") has no variable " + VARIABLE
          + " (variables: " + names(nc.variables().keySet()) + ")");
    }
    if (nc.isRecordVariable(v) && nc.numrecs() == 0) {
      throw new BadInputException(Kind.MISSING_DATA, "netCDF (" + fmt + ") variable " + VARIABLE + " has no records");
    }
    int[] hw = gridShape(nc.shape(v), fmt);
    int h = hw[0];
    int w = hw[1];
    if (v.type != NetcdfClassicReader.NC_BYTE && v.type != NetcdfClassicReader.NC_UBYTE) {
      throw new BadInputException(Kind.UNSUPPORTED, "netCDF (" + fmt + ") variable " + VARIABLE + " is "
          + NetcdfClassicReader.typeName(v.type) + ", expected 8-bit integers (byte)");
    }
    int offset = nc.dataOffset(v, (long) w * h);
    double la1 = classicNumber(nc, "La1", "latitude of the northern row");
    double lo1 = classicNumber(nc, "Lo1", "longitude of the western column");
    double dx = classicNumber(nc, "Dx", "longitude step");
    double dy = classicNumber(nc, "Dy", "latitude step");
    GridGeometry geometry = geometry(w, h, la1, lo1, dx, dy);
    Instant time = parseTime(classicText(nc, "GMTime"));
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
    throw missing(name, what);
  }

  private static String classicText(NetcdfClassicReader nc, String name) throws BadInputException {
    Variable v = nc.variable(name);
    if (v != null) {
      return nc.chars(v);
    }
    NetcdfClassicReader.Attribute a = nc.globalAttributes().get(name);
    return a == null ? null : nc.attributeText(a);
  }

  // ---------------------------------------------------------------------------------------------
  // netCDF-4 (HDF5)

  private OmszFrame openNetcdf4(byte[] nc) throws BadInputException {
    return Hdf5Files.open(nc, "netCDF-4 (HDF5)", this::describeNetcdf4);
  }

  private OmszFrame describeNetcdf4(HdfFile file) throws BadInputException {
    Node node = file.getChild(VARIABLE);
    if (!(node instanceof Dataset)) {
      throw new BadInputException(Kind.MISSING_DATA, "netCDF-4 has no variable " + VARIABLE
          + " (variables: " + names(file.getChildren().keySet()) + ")");
    }
    Dataset ds = (Dataset) node;
    int[] dims = ds.getDimensions();
    long[] shape = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = dims[i];
    }
    int[] hw = gridShape(shape, "netCDF-4");
    int h = hw[0];
    int w = hw[1];
    DataType type = ds.getDataType();
    if (!(type instanceof FixedPoint) || type.getSize() != 1) {
      throw new BadInputException(Kind.UNSUPPORTED, "netCDF-4 variable " + VARIABLE + " is "
          + (type instanceof FixedPoint ? (8 * type.getSize()) + "-bit integers" : type.getClass().getSimpleName())
          + ", expected 8-bit integers (byte)");
    }
    double la1 = hdfNumber(file, "La1", "latitude of the northern row");
    double lo1 = hdfNumber(file, "Lo1", "longitude of the western column");
    double dx = hdfNumber(file, "Dx", "longitude step");
    double dy = hdfNumber(file, "Dy", "latitude step");
    GridGeometry geometry = geometry(w, h, la1, lo1, dx, dy);
    Instant time = parseTime(hdfText(file, "GMTime"));
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
      throw new BadInputException(Kind.CORRUPT, "netCDF-4 variable " + VARIABLE + " holds " + Array.getLength(flat)
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
      throw missing(name, what);
    }
    Object v = value;
    while (v != null && v.getClass().isArray()) {
      if (Array.getLength(v) != 1) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF-4 " + name + " has " + Array.getLength(v) + " values, expected one");
      }
      v = Array.get(v, 0);
    }
    if (v instanceof Float) {
      return decimal((Float) v);
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

  // ---------------------------------------------------------------------------------------------
  // Shared

  /** {rows, cols} of a grid of shape [..., rows, cols] whose leading dimensions are all 1. */
  private int[] gridShape(long[] shape, String fmt) throws BadInputException {
    if (shape.length < 2) {
      throw new BadInputException(Kind.UNSUPPORTED, fmt + " variable " + VARIABLE + " has " + shape.length
          + " dimensions, expected a 2-D grid");
    }
    for (int i = 0; i < shape.length - 2; i++) {
      if (shape[i] != 1) {
        throw new BadInputException(Kind.UNSUPPORTED, fmt + " variable " + VARIABLE + " has shape " + java.util.Arrays.toString(shape)
            + ", expected one 2-D grid");
      }
    }
    long h = shape[shape.length - 2];
    long w = shape[shape.length - 1];
    long pixels = w * h;
    if (pixels > maxPixels) {
      throw new BadInputException(Kind.TOO_LARGE, "grid " + w + "x" + h + " = " + pixels + " pixels exceeds --maxPixels=" + maxPixels);
    }
    if (pixels == 0) {
      throw new BadInputException(Kind.MISSING_DATA, fmt + " variable " + VARIABLE + " is empty (" + w + "x" + h + ")");
    }
    return new int[] {(int) h, (int) w};
  }

  /** Lat/lon grid, rows north to south from La1, corners as pixel centres (spec 1.6). */
  static GridGeometry geometry(int w, int h, double la1, double lo1, double dx, double dy) throws BadInputException {
    requireFinite("La1", la1);
    requireFinite("Lo1", lo1);
    requireFinite("Dx", dx);
    requireFinite("Dy", dy);
    if (dx <= 0) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "Dx=" + dx + " is not a positive longitude step");
    }
    if (dy <= 0) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "Dy=" + dy + " is not a positive latitude step (La1 is the northern row)");
    }
    double north = la1;
    double south = la1 - (h - 1) * dy;
    double west = lo1;
    double east = lo1 + (w - 1) * dx;
    if (north > 90 || south < -90) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "latitudes " + south + " .. " + north + " (La1=" + la1 + ", Dy=" + dy
          + ", " + h + " rows) leave -90 .. 90");
    }
    if (west < -180 || east > 360) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "longitudes " + west + " .. " + east + " (Lo1=" + lo1 + ", Dx=" + dx
          + ", " + w + " columns) leave -180 .. 360");
    }
    return new GridGeometry(PROJDEF, w, h, dx, dy, west, north, east, north, west, south, east, south);
  }

  private static void requireFinite(String name, double v) throws BadInputException {
    if (!Double.isFinite(v)) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, name + "=" + v + " is not a finite number");
    }
  }

  private static BadInputException missing(String name, String what) {
    return new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF has no " + name + " (" + what + ")");
  }

  /**
   * The nominal time in a GMTime text such as "201911211200", "20191121120000" or
   * "2019-11-21 12:00": its digits read as yyyyMMddHHmm[ss], UTC. Null text gives null.
   */
  public static Instant parseTime(String text) throws BadInputException {
    if (text == null) {
      return null;
    }
    StringBuilder digits = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    if (digits.length() == 12) {
      digits.append("00");
    }
    if (digits.length() == 14) {
      try {
        return LocalDateTime.parse(digits, TIME14).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // fall through to the refusal below
      }
    }
    throw new BadInputException(Kind.BAD_ATTRIBUTE, "unreadable GMTime '" + BoundedUnzip.oneLine(text.trim())
        + "' (expected yyyyMMddHHmm[ss], UTC)");
  }

  /** A float32 value through its shortest decimal form: 0.008f gives 0.008, not 0.0080000004. */
  static double decimal(float f) {
    return Double.parseDouble(Float.toString(f));
  }

  private static String names(java.util.Collection<String> names) {
    List<String> list = new ArrayList<>();
    for (String n : names) {
      list.add(BoundedUnzip.oneLine(n));
      if (list.size() == 20) {
        list.add("...");
        break;
      }
    }
    return list.isEmpty() ? "none" : String.join(", ", list);
  }

  private static String hexHead(byte[] data) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(8, data.length); i++) {
      s.append(String.format("%02x", data[i] & 0xFF));
    }
    return s.toString();
  }
}
