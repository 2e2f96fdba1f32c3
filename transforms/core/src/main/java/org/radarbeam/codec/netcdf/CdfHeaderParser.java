package org.radarbeam.codec.netcdf;

import static org.radarbeam.codec.netcdf.NetcdfClassicReader.NC_DOUBLE;
import static org.radarbeam.codec.netcdf.NetcdfClassicReader.typeSize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.netcdf.NetcdfClassicReader.Attribute;
import org.radarbeam.codec.netcdf.NetcdfClassicReader.Dimension;
import org.radarbeam.codec.netcdf.NetcdfClassicReader.Variable;

/**
 * The header grammar of a netCDF classic file, read with one cursor over its bytes:
 * {@code magic numrecs dim_list gatt_list var_list} (the format is summarised in
 * {@link NetcdfClassicReader}). Every read is bounds-checked: running past the end is TRUNCATED,
 * a structurally impossible header CORRUPT.
 */
final class CdfHeaderParser {
  private static final int TAG_DIMENSION = 0x0A;
  private static final int TAG_VARIABLE = 0x0B;
  private static final int TAG_ATTRIBUTE = 0x0C;
  private static final long STREAMING = -1;
  /**
   * Most dimensions, attributes and variables one header may hold together: netCDF's own NC_MAX_VARS and
   * NC_MAX_ATTRS (an OMSZ file has about 20). Each costs a hundred bytes or more once read, many times the
   * 12 to 32 bytes it takes in the file, so a few MiB of header (a few KB zipped) would fill the heap.
   */
  static final int MAX_ENTRIES = 8192;
  /** Longest name: netCDF's NC_MAX_NAME. */
  static final int MAX_NAME = 256;

  private final byte[] data;
  private final int version;
  private int pos = 4;
  private int entries;
  private List<Dimension> dimensions = List.of();

  /** @param version the CDF version of {@code data} (1, 2 or 5): it sets the width of counts and offsets */
  CdfHeaderParser(byte[] data, int version) {
    this.data = data;
    this.version = version;
  }

  long numrecs() throws BadInputException {
    return nonNeg("numrecs");
  }

  List<Dimension> dimensions() throws BadInputException {
    dimensions = readDimensions();
    return dimensions;
  }

  Map<String, Attribute> globalAttributes() throws BadInputException {
    return readAttributes("global attribute");
  }

  /** The variable list; read after {@link #dimensions()}, whose ids it refers to. */
  Map<String, Variable> variables() throws BadInputException {
    return readVariables();
  }

  /** Where the header ends, once it is read: no variable's values may begin before it. */
  int end() {
    return pos;
  }

  private List<Dimension> readDimensions() throws BadInputException {
    int tag = tag("dimension list", TAG_DIMENSION);
    long n = nonNeg("number of dimensions");
    if (tag == 0) {
      requireAbsent(n, "dimension list");
      return Collections.emptyList();
    }
    requirePlausibleCount(n, 8, "dimensions");
    count(n, "dimensions");
    List<Dimension> dims = new ArrayList<>((int) n);
    int records = 0;
    for (long i = 0; i < n; i++) {
      String name = name("dimension name");
      long length = nonNeg("length of dimension " + name);
      if (length == 0 && ++records > 1) {
        throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: more than one record (length 0) dimension");
      }
      dims.add(new Dimension(name, length));
    }
    return Collections.unmodifiableList(dims);
  }

  private Map<String, Attribute> readAttributes(String what) throws BadInputException {
    int tag = tag(what + " list", TAG_ATTRIBUTE);
    long n = nonNeg("number of " + what + "s");
    if (tag == 0) {
      requireAbsent(n, what + " list");
      return Collections.emptyMap();
    }
    requirePlausibleCount(n, 12, what + "s");
    count(n, what + "s");
    Map<String, Attribute> attrs = new LinkedHashMap<>();
    for (long i = 0; i < n; i++) {
      String name = name(what + " name");
      int type = int32(what + " " + name + " type");
      int size = typeSize(type);
      if (size < 0 || (version != 5 && type > NC_DOUBLE)) {
        throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: " + what + " " + name + " has unknown nc_type " + type);
      }
      long count = nonNeg("value count of " + what + " " + name);
      // a CDF-5 count near 2^63 would wrap to a few bytes: no header holds more than it has bytes
      long bytes = count > Long.MAX_VALUE / 8 ? Long.MAX_VALUE - 3 : count * size;
      long padded = (bytes + 3) & ~3L;
      require(padded, what + " " + name + " values");
      attrs.put(name, new Attribute(name, type, count, pos));
      pos += (int) padded;
    }
    return Collections.unmodifiableMap(attrs);
  }

  private Map<String, Variable> readVariables() throws BadInputException {
    int tag = tag("variable list", TAG_VARIABLE);
    long n = nonNeg("number of variables");
    if (tag == 0) {
      requireAbsent(n, "variable list");
      return Collections.emptyMap();
    }
    requirePlausibleCount(n, 24, "variables");
    count(n, "variables");
    Map<String, Variable> vars = new LinkedHashMap<>();
    for (long i = 0; i < n; i++) {
      String name = name("variable name");
      long rank = nonNeg("rank of variable " + name);
      requirePlausibleCount(rank, 4, "dimensions of variable " + name);
      int[] dimIds = new int[(int) rank];
      for (int k = 0; k < rank; k++) {
        long id = nonNeg("dimension id of variable " + name);
        if (id >= dimensions.size()) {
          throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: variable " + name + " uses dimension id " + id
              + " of " + dimensions.size());
        }
        if (k > 0 && dimensions.get((int) id).isRecord()) {
          throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: variable " + name
              + " has the record dimension in position " + k + " (only the first may be)");
        }
        dimIds[k] = (int) id;
      }
      Map<String, Attribute> attrs = readAttributes("attribute of " + name);
      int type = int32("type of variable " + name);
      if (typeSize(type) < 0 || (version != 5 && type > NC_DOUBLE)) {
        throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: variable " + name + " has unknown nc_type " + type);
      }
      long vsize = nonNeg("vsize of variable " + name);
      long begin = version == 1 ? uint32("begin of variable " + name) : int64("begin of variable " + name);
      if (begin < 0) {
        throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: variable " + name + " begins at " + begin);
      }
      vars.put(name, new Variable(name, dimIds, attrs, type, vsize, begin));
    }
    return Collections.unmodifiableMap(vars);
  }

  private int tag(String what, int expected) throws BadInputException {
    int at = pos;
    int tag = int32(what + " tag");
    if (tag != 0 && tag != expected) {
      throw new BadInputException(Kind.CORRUPT, String.format(Locale.ROOT, "corrupt netCDF header: expected %s tag 0x%02X or 0 at byte %d, found 0x%08X",
          what, expected, at, tag));
    }
    return tag;
  }

  private static void requireAbsent(long n, String what) throws BadInputException {
    if (n != 0) {
      throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: absent " + what + " with count " + n);
    }
  }

  /** Refuses counts that could not fit in the bytes left (each element needs {@code minBytes}). */
  private void requirePlausibleCount(long n, int minBytes, String what) throws BadInputException {
    if (n > (data.length - pos) / minBytes + 1 || n > Integer.MAX_VALUE / 2) {
      throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: " + n + " " + what + " in a file of " + data.length + " bytes");
    }
  }

  /** Counts {@code n} more entries of the header, refused past {@link #MAX_ENTRIES} before any is read. */
  private void count(long n, String what) throws BadInputException {
    entries += (int) n; // n is below Integer.MAX_VALUE / 2 and entries below MAX_ENTRIES: no overflow
    if (entries > MAX_ENTRIES) {
      throw new BadInputException(Kind.TOO_LARGE, "netCDF header with " + n + " " + what + " holds more than " + MAX_ENTRIES
          + " dimensions, attributes and variables in all (refused before reading them)");
    }
  }

  private String name(String what) throws BadInputException {
    long n = nonNeg("length of " + what);
    if (n == 0 || n > MAX_NAME) {
      throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: " + what + " of length " + n + " at byte " + pos);
    }
    long padded = (n + 3) & ~3L;
    require(padded, what);
    String s = new String(data, pos, (int) n, StandardCharsets.UTF_8);
    pos += (int) padded;
    return s;
  }

  private long nonNeg(String what) throws BadInputException {
    if (version == 5) {
      long v = int64(what);
      if (v < 0 && !(v == STREAMING && what.equals("numrecs"))) {
        throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: negative " + what + " " + v);
      }
      return v;
    }
    int v = int32(what);
    if (v < 0 && !(v == -1 && what.equals("numrecs"))) {
      throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: negative " + what + " " + v);
    }
    return v;
  }

  private int int32(String what) throws BadInputException {
    require(4, what);
    int v = i32(data, pos);
    pos += 4;
    return v;
  }

  private long uint32(String what) throws BadInputException {
    return int32(what) & 0xFFFFFFFFL;
  }

  private long int64(String what) throws BadInputException {
    require(8, what);
    long v = i64(data, pos);
    pos += 8;
    return v;
  }

  private void require(long n, String what) throws BadInputException {
    if (n < 0 || n > data.length - pos) { // pos + n could wrap
      throw new BadInputException(Kind.TRUNCATED, "truncated netCDF header (" + "CDF-" + version + "): " + what + " needs " + n
          + " bytes from byte " + pos + ", the file has " + data.length); // not pos + n, which a count near 2^63 wraps
    }
  }

  static int u16(byte[] data, int at) {
    return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
  }

  static int i32(byte[] data, int at) {
    return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
  }

  static long i64(byte[] data, int at) {
    return ((long) i32(data, at) << 32) | (i32(data, at + 4) & 0xFFFFFFFFL);
  }
}
