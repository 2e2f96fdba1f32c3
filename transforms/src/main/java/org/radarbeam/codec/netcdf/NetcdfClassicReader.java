package org.radarbeam.codec.netcdf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.BadInputException;

/**
 * Reads the header of a netCDF classic file (CDF-1 "classic", CDF-2 "64-bit offset" and CDF-5
 * "64-bit data") held in memory, and single values or raw byte ranges of its variables.
 *
 * <p>Written by hand from the public netCDF classic format specification (the BNF grammar of
 * Unidata's "File Format Specifications" appendix and the CDF-5 extension of PnetCDF), because
 * netcdf-java (Unidata's reader) is not published on Maven Central. It covers what a radar grid
 * needs: the header (numrecs, dimensions, global attributes, variables with their attributes, type,
 * vsize and begin), scalar and character variables, and the byte offset of an 8-bit grid.
 *
 * <p>Format summary: big-endian throughout. {@code magic numrecs dim_list gatt_list var_list}; each
 * list is a 32-bit tag (0x0A dimensions, 0x0B variables, 0x0C attributes; 0 = absent) and a count.
 * Counts, lengths, dimension ids and vsize ("NON_NEG") are 32-bit in CDF-1/2 and 64-bit in CDF-5;
 * begin ("OFFSET") is 32-bit in CDF-1 and 64-bit in CDF-2/5; nc_type stays 32-bit. Names and
 * attribute values are padded to 4 bytes. CDF-5 adds the types NC_UBYTE .. NC_UINT64. A dimension
 * of length 0 is the record (unlimited) dimension; record i of a record variable starts at
 * {@code begin + i * recsize}, so its first record lies at {@code begin} like a fixed variable.
 *
 * <p>float values are widened through their shortest decimal form, so a stored 0.008f reads as
 * 0.008 rather than 0.00800000037997961.
 *
 * <p>Every read is bounds-checked: a header or data range running past the end of the bytes is
 * {@link Kind#TRUNCATED}, a structurally impossible header is {@link Kind#CORRUPT}.
 */
public final class NetcdfClassicReader {
  public static final int NC_BYTE = 1;
  public static final int NC_CHAR = 2;
  public static final int NC_SHORT = 3;
  public static final int NC_INT = 4;
  public static final int NC_FLOAT = 5;
  public static final int NC_DOUBLE = 6;
  public static final int NC_UBYTE = 7;
  public static final int NC_USHORT = 8;
  public static final int NC_UINT = 9;
  public static final int NC_INT64 = 10;
  public static final int NC_UINT64 = 11;

  private static final int TAG_DIMENSION = 0x0A;
  private static final int TAG_VARIABLE = 0x0B;
  private static final int TAG_ATTRIBUTE = 0x0C;
  private static final long STREAMING = -1;

  /** A dimension: its name and length (0 for the record dimension). */
  public static final class Dimension {
    public final String name;
    public final long length;

    Dimension(String name, long length) {
      this.name = name;
      this.length = length;
    }

    public boolean isRecord() {
      return length == 0;
    }
  }

  /** An attribute: name, nc_type and its values as stored (big-endian bytes, unpadded). */
  public static final class Attribute {
    public final String name;
    public final int type;
    public final long count;
    final int valuesAt;

    Attribute(String name, int type, long count, int valuesAt) {
      this.name = name;
      this.type = type;
      this.count = count;
      this.valuesAt = valuesAt;
    }
  }

  /** A variable: name, dimension ids, attributes, nc_type, vsize and begin. */
  public static final class Variable {
    public final String name;
    public final int[] dimIds;
    public final Map<String, Attribute> attributes;
    public final int type;
    public final long vsize;
    public final long begin;

    Variable(String name, int[] dimIds, Map<String, Attribute> attributes, int type, long vsize, long begin) {
      this.name = name;
      this.dimIds = dimIds;
      this.attributes = attributes;
      this.type = type;
      this.vsize = vsize;
      this.begin = begin;
    }
  }

  private final byte[] data;
  private final int version;
  private final long numrecs;
  private final List<Dimension> dimensions;
  private final Map<String, Attribute> globalAttributes;
  private final Map<String, Variable> variables;
  private int pos;

  private NetcdfClassicReader(byte[] data) throws BadInputException {
    this.data = data;
    if (!isClassic(data)) {
      throw new BadInputException(Kind.CORRUPT, "not a netCDF classic file (no CDF magic)");
    }
    this.version = data[3];
    this.pos = 4;
    long n = nonNeg("numrecs");
    this.numrecs = n;
    this.dimensions = readDimensions();
    this.globalAttributes = readAttributes("global attribute");
    this.variables = readVariables();
  }

  /** Parses the header of the classic netCDF file in {@code data}; the array is kept, not copied. */
  public static NetcdfClassicReader parse(byte[] data) throws BadInputException {
    return new NetcdfClassicReader(data);
  }

  /** True if {@code data} starts with the magic of CDF-1, CDF-2 or CDF-5. */
  public static boolean isClassic(byte[] data) {
    return data.length >= 4 && data[0] == 'C' && data[1] == 'D' && data[2] == 'F'
        && (data[3] == 1 || data[3] == 2 || data[3] == 5);
  }

  /** 1, 2 or 5. */
  public int version() {
    return version;
  }

  /** "CDF-1", "CDF-2" or "CDF-5". */
  public String versionName() {
    return "CDF-" + version;
  }

  /** Number of records, or -1 if the header says "streaming" (unknown). */
  public long numrecs() {
    return numrecs;
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  public Map<String, Attribute> globalAttributes() {
    return globalAttributes;
  }

  /** Variables by name, in file order. */
  public Map<String, Variable> variables() {
    return variables;
  }

  public Variable variable(String name) {
    return variables.get(name);
  }

  /** The shape of {@code v}; the record dimension counts {@link #numrecs()} (1 if unknown). */
  public long[] shape(Variable v) {
    long[] s = new long[v.dimIds.length];
    for (int i = 0; i < s.length; i++) {
      Dimension d = dimensions.get(v.dimIds[i]);
      s[i] = d.isRecord() ? (numrecs < 0 ? 1 : numrecs) : d.length;
    }
    return s;
  }

  /** Names of the dimensions of {@code v}. */
  public List<String> dimensionNames(Variable v) {
    List<String> names = new ArrayList<>();
    for (int id : v.dimIds) {
      names.add(dimensions.get(id).name);
    }
    return names;
  }

  /** Whether {@code v} varies along the record dimension. */
  public boolean isRecordVariable(Variable v) {
    return v.dimIds.length > 0 && dimensions.get(v.dimIds[0]).isRecord();
  }

  /** Size in bytes of one value of nc_type {@code type}, or -1 if the type is unknown. */
  public static int typeSize(int type) {
    switch (type) {
      case NC_BYTE:
      case NC_CHAR:
      case NC_UBYTE:
        return 1;
      case NC_SHORT:
      case NC_USHORT:
        return 2;
      case NC_INT:
      case NC_UINT:
      case NC_FLOAT:
        return 4;
      case NC_DOUBLE:
      case NC_INT64:
      case NC_UINT64:
        return 8;
      default:
        return -1;
    }
  }

  /** A readable name of an nc_type. */
  public static String typeName(int type) {
    switch (type) {
      case NC_BYTE: return "byte";
      case NC_CHAR: return "char";
      case NC_SHORT: return "short";
      case NC_INT: return "int";
      case NC_FLOAT: return "float";
      case NC_DOUBLE: return "double";
      case NC_UBYTE: return "ubyte";
      case NC_USHORT: return "ushort";
      case NC_UINT: return "uint";
      case NC_INT64: return "int64";
      case NC_UINT64: return "uint64";
      default: return "type " + type;
    }
  }

  /**
   * Byte offset of the first value of {@code v} (the first record of a record variable), after
   * checking that {@code count} values of its type lie inside the file.
   */
  public int dataOffset(Variable v, long count) throws BadInputException {
    long end = count > data.length ? Long.MAX_VALUE : v.begin + count * typeSize(v.type);
    if (v.begin < 0 || end > data.length) {
      throw new BadInputException(Kind.TRUNCATED, "truncated netCDF (" + versionName() + "): variable " + v.name
          + " needs " + count + " values from byte " + v.begin + ", the file has " + data.length + " bytes");
    }
    return (int) v.begin;
  }

  /** The single numeric value of a variable with one element (a scalar, or shape [1, ...]). */
  public double scalar(Variable v) throws BadInputException {
    long n = 1;
    for (long s : shape(v)) {
      n *= s;
    }
    if (n != 1) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF variable " + v.name + " has " + n + " values, expected one");
    }
    if (v.type == NC_CHAR) {
      String s = chars(v).trim();
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF variable " + v.name + " is not a number ('" + s + "')");
      }
    }
    int at = dataOffset(v, 1);
    return number(v.type, at, v.name);
  }

  /** The text of a char (or byte) variable, all its values joined, NULs removed. */
  public String chars(Variable v) throws BadInputException {
    if (typeSize(v.type) != 1) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF variable " + v.name + " is " + typeName(v.type) + ", expected char");
    }
    long n = 1;
    for (long s : shape(v)) {
      n *= s;
    }
    if (n > 4096) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF variable " + v.name + " has " + n + " characters, expected a short text");
    }
    int at = dataOffset(v, n);
    return text(at, (int) n);
  }

  /** The text of a char attribute, or the first value of a numeric one as text; null if absent. */
  public String attributeText(Attribute a) {
    if (a.type == NC_CHAR || a.type == NC_BYTE || a.type == NC_UBYTE) {
      return text(a.valuesAt, (int) a.count);
    }
    return a.count == 0 ? "" : String.valueOf(number(a.type, a.valuesAt, a.name));
  }

  /** The first value of a numeric attribute. */
  public double attributeNumber(Attribute a) throws BadInputException {
    if (a.type == NC_CHAR) {
      String s = text(a.valuesAt, (int) a.count).trim();
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF attribute " + a.name + " is not a number ('" + s + "')");
      }
    }
    if (a.count < 1) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF attribute " + a.name + " has no value");
    }
    return number(a.type, a.valuesAt, a.name);
  }

  private String text(int at, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int c = data[at + i] & 0xFF;
      if (c != 0) {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  private double number(int type, int at, String name) {
    switch (type) {
      case NC_BYTE: return data[at];
      case NC_UBYTE: return data[at] & 0xFF;
      case NC_SHORT: return (short) u16(at);
      case NC_USHORT: return u16(at);
      case NC_INT: return i32(at);
      case NC_UINT: return i32(at) & 0xFFFFFFFFL;
      case NC_FLOAT: return Double.parseDouble(Float.toString(Float.intBitsToFloat(i32(at)))); // 0.008f reads as 0.008
      case NC_DOUBLE: return Double.longBitsToDouble(i64(at));
      case NC_INT64: return i64(at);
      case NC_UINT64: {
        long v = i64(at);
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      }
      default: throw new IllegalStateException("unchecked nc_type " + type + " of " + name);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Header grammar

  private List<Dimension> readDimensions() throws BadInputException {
    int tag = tag("dimension list", TAG_DIMENSION);
    long n = nonNeg("number of dimensions");
    if (tag == 0) {
      requireAbsent(n, "dimension list");
      return Collections.emptyList();
    }
    requirePlausibleCount(n, 8, "dimensions");
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
    Map<String, Attribute> attrs = new LinkedHashMap<>();
    for (long i = 0; i < n; i++) {
      String name = name(what + " name");
      int type = int32(what + " " + name + " type");
      int size = typeSize(type);
      if (size < 0 || (version != 5 && type > NC_DOUBLE)) {
        throw new BadInputException(Kind.CORRUPT, "corrupt netCDF header: " + what + " " + name + " has unknown nc_type " + type);
      }
      long count = nonNeg("value count of " + what + " " + name);
      long bytes = count * size;
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
      throw new BadInputException(Kind.CORRUPT, String.format("corrupt netCDF header: expected %s tag 0x%02X or 0 at byte %d, found 0x%08X",
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

  private String name(String what) throws BadInputException {
    long n = nonNeg("length of " + what);
    if (n == 0 || n > 4096) {
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
    int v = i32(pos);
    pos += 4;
    return v;
  }

  private long uint32(String what) throws BadInputException {
    return int32(what) & 0xFFFFFFFFL;
  }

  private long int64(String what) throws BadInputException {
    require(8, what);
    long v = i64(pos);
    pos += 8;
    return v;
  }

  private void require(long n, String what) throws BadInputException {
    if (pos + n > data.length) {
      throw new BadInputException(Kind.TRUNCATED, "truncated netCDF header (" + versionName() + "): " + what + " needs bytes "
          + pos + ".." + (pos + n) + ", the file has " + data.length);
    }
  }

  private int u16(int at) {
    return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
  }

  private int i32(int at) {
    return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
  }

  private long i64(int at) {
    return ((long) i32(at) << 32) | (i32(at + 4) & 0xFFFFFFFFL);
  }
}
