package org.radarbeam.codec.netcdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

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
  /** Most characters read from a text variable or attribute (a time, a number): far more than such a text needs. */
  static final int MAX_TEXT = 4096;

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
  private final int headerEnd;

  private NetcdfClassicReader(byte[] data) throws BadInputException {
    this.data = data;
    if (!isClassic(data)) {
      throw new BadInputException(Kind.CORRUPT, "not a netCDF classic file (no CDF magic)");
    }
    this.version = data[3];
    CdfHeaderParser header = new CdfHeaderParser(data, version);
    this.numrecs = header.numrecs();
    this.dimensions = header.dimensions();
    this.globalAttributes = header.globalAttributes();
    this.variables = header.variables();
    this.headerEnd = header.end();
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
    // compared without adding to begin, which a CDF-2 or CDF-5 file may set near 2^63
    boolean inside = v.begin >= 0 && v.begin <= data.length && count <= data.length
        && count * typeSize(v.type) <= data.length - v.begin;
    if (inside && v.begin < headerEnd) {
      throw new BadInputException(Kind.CORRUPT, "corrupt netCDF (" + versionName() + "): variable " + v.name
          + " begins at byte " + v.begin + ", inside the header, which ends at " + headerEnd);
    }
    if (!inside) {
      throw new BadInputException(Kind.TRUNCATED, "truncated netCDF (" + versionName() + "): variable " + v.name
          + " needs " + count + " values from byte " + v.begin + ", the file has " + data.length + " bytes");
    }
    return (int) v.begin;
  }

  /**
   * The number of values of {@code v}, or -1 when that is more than {@code max}: checked before each
   * product, which a crafted shape would carry past a long's sign (to a count that passes any bound).
   */
  private long valueCount(Variable v, long max) {
    long n = 1;
    for (long s : shape(v)) {
      if (s < 0 || s != 0 && n > max / s) {
        return -1;
      }
      n *= s;
    }
    return n;
  }

  /** The single numeric value of a variable with one element (a scalar, or shape [1, ...]). */
  public double scalar(Variable v) throws BadInputException {
    long n = valueCount(v, 1);
    if (n != 1) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF variable " + v.name + " has "
          + (n < 0 ? "more than one value" : n + " values") + ", expected one");
    }
    if (v.type == NC_CHAR) {
      String s = chars(v).trim();
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF variable " + v.name + " is not a number ('"
            + BadInputException.quoted(s) + "')");
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
    long n = valueCount(v, MAX_TEXT);
    if (n < 0) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF variable " + v.name + " has more than " + MAX_TEXT
          + " characters, expected a short text");
    }
    int at = dataOffset(v, n);
    return text(at, (int) n);
  }

  /** The text of a char attribute, or the first value of a numeric one as text; null if absent. */
  public String attributeText(Attribute a) throws BadInputException {
    if (a.type == NC_CHAR || a.type == NC_BYTE || a.type == NC_UBYTE) {
      return shortText(a);
    }
    return a.count == 0 ? "" : String.valueOf(number(a.type, a.valuesAt, a.name));
  }

  /** The first value of a numeric attribute. */
  public double attributeNumber(Attribute a) throws BadInputException {
    if (a.type == NC_CHAR) {
      String s = shortText(a).trim();
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF attribute " + a.name + " is not a number ('"
            + BadInputException.quoted(s) + "')");
      }
    }
    if (a.count < 1) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF attribute " + a.name + " has no value");
    }
    return number(a.type, a.valuesAt, a.name);
  }

  /** The characters of attribute {@code a}, refused past {@link #MAX_TEXT}: a header may hold megabytes of them. */
  private String shortText(Attribute a) throws BadInputException {
    if (a.count > MAX_TEXT) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF attribute " + a.name + " has " + a.count + " characters, expected"
          + " a short text (at most " + MAX_TEXT + ")");
    }
    return text(a.valuesAt, (int) a.count);
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
      case NC_SHORT: return (short) CdfHeaderParser.u16(data, at);
      case NC_USHORT: return CdfHeaderParser.u16(data, at);
      case NC_INT: return CdfHeaderParser.i32(data, at);
      case NC_UINT: return CdfHeaderParser.i32(data, at) & 0xFFFFFFFFL;
      case NC_FLOAT: return Double.parseDouble(Float.toString(Float.intBitsToFloat(CdfHeaderParser.i32(data, at)))); // 0.008f reads as 0.008
      case NC_DOUBLE: return Double.longBitsToDouble(CdfHeaderParser.i64(data, at));
      case NC_INT64: return CdfHeaderParser.i64(data, at);
      case NC_UINT64: {
        long v = CdfHeaderParser.i64(data, at);
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      }
      default: throw new IllegalStateException("unchecked nc_type " + type + " of " + name);
    }
  }
}
