package org.radarbeam.codec.netcdf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes netCDF classic files (CDF-1, CDF-2, CDF-5) for tests, from the public format
 * specification: big-endian, {@code magic numrecs dim_list gatt_list var_list}, then the data of
 * the fixed-size variables in order (each padded to 4 bytes), then the records. Counts are 64-bit
 * in CDF-5 and begin offsets 64-bit in CDF-2 and CDF-5. At most one record is written.
 */
final class NetcdfClassicWriter {
  static final int BYTE = NetcdfClassicReader.NC_BYTE;
  static final int CHAR = NetcdfClassicReader.NC_CHAR;
  static final int SHORT = NetcdfClassicReader.NC_SHORT;
  static final int INT = NetcdfClassicReader.NC_INT;
  static final int FLOAT = NetcdfClassicReader.NC_FLOAT;
  static final int DOUBLE = NetcdfClassicReader.NC_DOUBLE;
  static final int UBYTE = NetcdfClassicReader.NC_UBYTE;
  static final int INT64 = NetcdfClassicReader.NC_INT64;

  private static final class Dim {
    final String name;
    final long length;

    Dim(String name, long length) {
      this.name = name;
      this.length = length;
    }
  }

  private static final class Att {
    final String name;
    final int type;
    final long count;
    final byte[] values;

    Att(String name, int type, long count, byte[] values) {
      this.name = name;
      this.type = type;
      this.count = count;
      this.values = values;
    }
  }

  /** A variable to write; attributes may be added until the file is written. */
  static final class Var {
    final String name;
    final int type;
    final int[] dimIds;
    final byte[] data;
    final List<Att> atts = new ArrayList<>();

    Var(String name, int type, int[] dimIds, byte[] data) {
      this.name = name;
      this.type = type;
      this.dimIds = dimIds;
      this.data = data;
    }

    Var att(String name, int type, Object values) {
      atts.add(new Att(name, type, count(type, values), encode(type, values)));
      return this;
    }
  }

  private final int version;
  private final List<Dim> dims = new ArrayList<>();
  private final List<Att> gatts = new ArrayList<>();
  private final List<Var> vars = new ArrayList<>();

  NetcdfClassicWriter(int version) {
    if (version != 1 && version != 2 && version != 5) {
      throw new IllegalArgumentException("CDF version " + version);
    }
    this.version = version;
  }

  /** Adds a dimension (length 0 = the record dimension) and returns its id. */
  int dim(String name, long length) {
    dims.add(new Dim(name, length));
    return dims.size() - 1;
  }

  NetcdfClassicWriter gatt(String name, int type, Object values) {
    gatts.add(new Att(name, type, count(type, values), encode(type, values)));
    return this;
  }

  /**
   * Adds a variable; {@code values} is a Java array (byte[], short[], int[], long[], float[],
   * double[]) or a String for char data, holding exactly the variable's values (one record's
   * worth for a record variable).
   */
  Var var(String name, int type, Object values, int... dimIds) {
    Var v = new Var(name, type, dimIds, encode(type, values));
    vars.add(v);
    return v;
  }

  private boolean isRecord(Var v) {
    // a dimension id of no dimension (for corrupt headers) makes no record variable
    return v.dimIds.length > 0 && v.dimIds[0] < dims.size() && dims.get(v.dimIds[0]).length == 0;
  }

  byte[] toBytes() {
    boolean anyRecord = vars.stream().anyMatch(this::isRecord);
    int headerSize = header(new long[vars.size()], anyRecord ? 1 : 0).length;
    long[] begins = new long[vars.size()];
    long at = headerSize;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < vars.size(); i++) {
        if (isRecord(vars.get(i)) == (pass == 1)) {
          begins[i] = at;
          at += pad(vars.get(i).data.length);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = header(begins, anyRecord ? 1 : 0);
    out.write(header, 0, header.length);
    for (int pass = 0; pass < 2; pass++) {
      for (Var v : vars) {
        if (isRecord(v) == (pass == 1)) {
          out.write(v.data, 0, v.data.length);
          out.write(new byte[pad(v.data.length) - v.data.length], 0, pad(v.data.length) - v.data.length);
        }
      }
    }
    return out.toByteArray();
  }

  private byte[] header(long[] begins, long numrecs) {
    Out o = new Out();
    o.bytes(new byte[] {'C', 'D', 'F', (byte) version});
    o.nonNeg(numrecs);
    if (dims.isEmpty()) {
      o.int32(0);
      o.nonNeg(0);
    } else {
      o.int32(0x0A);
      o.nonNeg(dims.size());
      for (Dim d : dims) {
        o.name(d.name);
        o.nonNeg(d.length);
      }
    }
    attList(o, gatts);
    if (vars.isEmpty()) {
      o.int32(0);
      o.nonNeg(0);
    } else {
      o.int32(0x0B);
      o.nonNeg(vars.size());
      for (int i = 0; i < vars.size(); i++) {
        Var v = vars.get(i);
        o.name(v.name);
        o.nonNeg(v.dimIds.length);
        for (int id : v.dimIds) {
          o.nonNeg(id);
        }
        attList(o, v.atts);
        o.int32(v.type);
        o.nonNeg(pad(v.data.length));
        if (version == 1) {
          o.int32((int) begins[i]);
        } else {
          o.int64(begins[i]);
        }
      }
    }
    return o.toByteArray();
  }

  private void attList(Out o, List<Att> atts) {
    if (atts.isEmpty()) {
      o.int32(0);
      o.nonNeg(0);
      return;
    }
    o.int32(0x0C);
    o.nonNeg(atts.size());
    for (Att a : atts) {
      o.name(a.name);
      o.int32(a.type);
      o.nonNeg(a.count);
      o.bytes(a.values);
      o.bytes(new byte[pad(a.values.length) - a.values.length]);
    }
  }

  private final class Out extends ByteArrayOutputStream {
    void bytes(byte[] b) {
      write(b, 0, b.length);
    }

    void int32(int v) {
      bytes(ByteBuffer.allocate(4).putInt(v).array());
    }

    void int64(long v) {
      bytes(ByteBuffer.allocate(8).putLong(v).array());
    }

    void nonNeg(long v) {
      if (version == 5) {
        int64(v);
      } else {
        int32((int) v);
      }
    }

    void name(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      nonNeg(b.length);
      bytes(b);
      bytes(new byte[pad(b.length) - b.length]);
    }
  }

  static int pad(int n) {
    return (n + 3) & ~3;
  }

  private static long count(int type, Object values) {
    if (values instanceof String) {
      return ((String) values).getBytes(StandardCharsets.ISO_8859_1).length;
    }
    return java.lang.reflect.Array.getLength(values);
  }

  /** Big-endian bytes of {@code values} as nc_type {@code type}. */
  static byte[] encode(int type, Object values) {
    if (values instanceof String) {
      return ((String) values).getBytes(StandardCharsets.ISO_8859_1);
    }
    int n = java.lang.reflect.Array.getLength(values);
    int size = NetcdfClassicReader.typeSize(type);
    ByteBuffer b = ByteBuffer.allocate(n * size);
    for (int i = 0; i < n; i++) {
      Number v = (Number) java.lang.reflect.Array.get(values, i);
      switch (size) {
        case 1: b.put(v.byteValue()); break;
        case 2: b.putShort(v.shortValue()); break;
        case 4:
          if (type == FLOAT) {
            b.putFloat(v.floatValue());
          } else {
            b.putInt(v.intValue());
          }
          break;
        default:
          if (type == DOUBLE) {
            b.putDouble(v.doubleValue());
          } else {
            b.putLong(v.longValue());
          }
      }
    }
    return b.array();
  }
}
