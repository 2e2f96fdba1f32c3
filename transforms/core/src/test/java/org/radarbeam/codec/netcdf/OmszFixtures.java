package org.radarbeam.codec.netcdf;

import static org.radarbeam.codec.netcdf.NetcdfClassicWriter.BYTE;
import static org.radarbeam.codec.netcdf.NetcdfClassicWriter.CHAR;
import static org.radarbeam.codec.netcdf.NetcdfClassicWriter.DOUBLE;
import static org.radarbeam.codec.netcdf.NetcdfClassicWriter.FLOAT;

import io.jhdf.HdfFile;
import io.jhdf.WritableGroupImpl;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.radarbeam.codec.odim.OdimFixtures;

/**
 * Synthetic OMSZ files laid out as OMSZ publishes them: a {@code refl2D} int8 grid, scalars
 * La1/Lo1/Dx/Dy and a GMTime char array, as netCDF classic (CDF-1/2/5, with
 * {@link NetcdfClassicWriter}) or netCDF-4 (HDF5, with jhdf's writer), zipped with java.util.zip.
 */
public final class OmszFixtures {
  private OmszFixtures() {}

  /** The contents of one OMSZ netCDF file. */
  public static final class Omsz {
    int width;
    int height;
    /** Raw values 0..255 (the int8 bytes read as unsigned), row-major, first row north. */
    int[] raw;
    double la1 = 50.5;
    double lo1 = 13.5;
    double dx = 0.0125;
    double dy = 0.008;
    public String gmTime = "201911211200";
    /** Variables left out of the file (e.g. "refl2D", "La1"). */
    java.util.Set<String> omit = new java.util.HashSet<>();
    /** Scalars written as global attributes instead of variables. */
    boolean scalarsAsAttributes;
    /** netCDF classic only: refl2D as a record variable refl2D(time, lat, lon), one record. */
    boolean recordVariable;
    /** netCDF classic only: nc_type of refl2D (BYTE, or UBYTE in CDF-5, or FLOAT to be refused). */
    int reflType = BYTE;
    /** netCDF-4 only: GMTime written as these bytes, one deflated chunk, instead of {@link #gmTime}. */
    byte[] gmTimeBytes;
    /** netCDF-4 only: the chunk length of {@link #gmTimeBytes} (0: one chunk), and whether its chunks are deflated. */
    int gmTimeChunk;
    boolean gmTimeDeflate = true;
    /** netCDF-4 only: root attributes written as given, in place of the variables of those names. */
    final Map<String, Object> rootAttributes = new LinkedHashMap<>();
    /** netCDF-4 only: refl2D written as these rows (e.g. short[][]) instead of {@link #raw}; not read back. */
    Object reflRows;

    public Omsz(int width, int height, int... raw) {
      if (raw.length != width * height) {
        throw new IllegalArgumentException(raw.length + " values for " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
      this.raw = raw;
    }

    Omsz without(String variable) {
      omit.add(variable);
      return this;
    }

    byte[] bytes() {
      byte[] b = new byte[raw.length];
      for (int i = 0; i < raw.length; i++) {
        b[i] = (byte) raw[i];
      }
      return b;
    }

    byte[][] rows() {
      byte[] b = bytes();
      byte[][] r = new byte[height][];
      for (int i = 0; i < height; i++) {
        r[i] = Arrays.copyOfRange(b, i * width, (i + 1) * width);
      }
      return r;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // netCDF classic

  public static byte[] classic(Omsz o, int version) {
    NetcdfClassicWriter w = new NetcdfClassicWriter(version);
    int time = o.recordVariable ? w.dim("time", 0) : -1;
    int lat = w.dim("lat", o.height);
    int lon = w.dim("lon", o.width);
    w.gatt("Conventions", CHAR, "CF-1.6").gatt("institution", CHAR, "radarbeam test fixture (OMSZ layout)");
    int scalarType = version == 1 ? FLOAT : DOUBLE;
    String[] names = {"La1", "Lo1", "Dx", "Dy"};
    double[] values = {o.la1, o.lo1, o.dx, o.dy};
    for (int i = 0; i < names.length; i++) {
      if (o.omit.contains(names[i])) {
        continue;
      }
      Object v = scalarType == FLOAT ? (Object) new float[] {(float) values[i]} : new double[] {values[i]};
      if (o.scalarsAsAttributes) {
        w.gatt(names[i], scalarType, v);
      } else {
        w.var(names[i], scalarType, v).att("units", CHAR, "degrees");
      }
    }
    if (o.gmTime != null && !o.omit.contains("GMTime")) {
      int nchar = w.dim("nchar", o.gmTime.length());
      w.var("GMTime", CHAR, o.gmTime, nchar).att("long_name", CHAR, "time of the measurement (UTC)");
    }
    if (!o.omit.contains("refl2D")) {
      Object data;
      if (o.reflType == FLOAT) {
        float[] f = new float[o.raw.length];
        for (int i = 0; i < f.length; i++) {
          f[i] = o.raw[i] * 0.5f - 32f;
        }
        data = f;
      } else {
        data = o.bytes();
      }
      int[] dims = o.recordVariable ? new int[] {time, lat, lon} : new int[] {lat, lon};
      w.var("refl2D", o.reflType, data, dims)
          .att("_FillValue", o.reflType, o.reflType == FLOAT ? (Object) new float[] {-127f} : new byte[] {-127})
          .att("long_name", CHAR, "column maximum reflectivity");
    }
    return w.toBytes();
  }

  // ---------------------------------------------------------------------------------------------
  // netCDF-4 (HDF5) with jhdf's writer

  /** How refl2D is stored in a netCDF-4 fixture. */
  enum Layout {
    CONTIGUOUS,
    CHUNKED_DEFLATE,
    /** shape [1, rows, cols], as with a leading time dimension */
    LEADING_TIME
  }

  /**
   * Writes {@code o} as netCDF-4 (an HDF5 file with the variables as root data sets) and returns
   * the bytes after reading them back and checking them.
   *
   * <p>jhdf 0.13.0 writes its trailing info bytes with a relative channel write that lands after
   * the raw data of the last data set written, overwriting any object header written after it.
   * Children are kept in a ConcurrentHashMap, so the root's children
   * map is swapped, by reflection, for a LinkedHashMap with refl2D last.
   */
  static byte[] netcdf4(Omsz o, Layout layout, Path dir) {
    Path file = dir.resolve("omsz-" + System.nanoTime() + ".nc");
    try (WritableHdfFile out = HdfFile.write(file)) {
      String[] names = {"La1", "Lo1", "Dx", "Dy"};
      double[] values = {o.la1, o.lo1, o.dx, o.dy};
      for (int i = 0; i < names.length; i++) {
        if (o.omit.contains(names[i]) || o.rootAttributes.containsKey(names[i])) {
          continue;
        }
        if (o.scalarsAsAttributes) {
          out.putAttribute(names[i], values[i]);
        } else {
          out.putDataset(names[i], (float) values[i]);
        }
      }
      o.rootAttributes.forEach(out::putAttribute);
      if (o.gmTimeBytes != null) {
        DatasetCreationOptions.Builder gmTime = DatasetCreationOptions.builder()
            .chunkDimensions(o.gmTimeChunk > 0 ? o.gmTimeChunk : o.gmTimeBytes.length);
        out.putDataset("GMTime", o.gmTimeBytes, (o.gmTimeDeflate ? gmTime.deflate(6) : gmTime).build());
      } else if (o.gmTime != null && !o.omit.contains("GMTime") && !o.rootAttributes.containsKey("GMTime")) {
        String[] chars = new String[o.gmTime.length()];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = String.valueOf(o.gmTime.charAt(i));
        }
        out.putDataset("GMTime", chars);
      }
      if (!o.omit.contains("refl2D")) {
        WritableDataset ds;
        switch (o.reflRows != null ? Layout.CONTIGUOUS : layout) {
          case CHUNKED_DEFLATE:
            ds = out.putDataset("refl2D", o.rows(), DatasetCreationOptions.builder()
                .chunkDimensions(Math.max(1, o.height / 2), Math.max(1, (o.width + 1) / 2)).deflate(6).build());
            break;
          case LEADING_TIME:
            ds = out.putDataset("refl2D", new byte[][][] {o.rows()});
            break;
          default:
            ds = out.putDataset("refl2D", o.reflRows != null ? o.reflRows : o.rows());
        }
        ds.putAttribute("long_name", "column maximum reflectivity");
      }
      dataSetsLast(OdimFixtures.rootGroupOf(out), "refl2D");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    verifyNetcdf4(o, layout, bytes);
    return bytes;
  }

  private static void verifyNetcdf4(Omsz o, Layout layout, byte[] bytes) {
    try (HdfFile in = HdfFile.fromBytes(bytes)) {
      if (!o.omit.contains("refl2D") && o.reflRows == null) {
        Dataset refl = (Dataset) in.getChild("refl2D");
        if (layout == Layout.CHUNKED_DEFLATE) {
          check(refl instanceof io.jhdf.api.dataset.ChunkedDataset && !refl.getFilters().isEmpty(),
              "refl2D is not chunked and deflated: " + refl.getDataLayout() + " " + refl.getFilters());
        } else {
          check(!(refl instanceof io.jhdf.api.dataset.ChunkedDataset), "refl2D is chunked");
        }
        Object data = refl.getData();
        byte[][] rows = layout == Layout.LEADING_TIME ? ((byte[][][]) data)[0] : (byte[][]) data;
        check(Arrays.deepEquals(rows, o.rows()), "refl2D reads back as " + Arrays.deepToString(rows));
      }
      if (!o.omit.contains("La1") && !o.scalarsAsAttributes && !o.rootAttributes.containsKey("La1")) {
        Object la1 = ((Dataset) in.getChild("La1")).getData();
        check(la1.equals((float) o.la1), "La1 reads back as " + la1);
      }
      if (o.gmTimeBytes != null) {
        Dataset t = (Dataset) in.getChild("GMTime");
        check(t instanceof io.jhdf.api.dataset.ChunkedDataset && t.getFilters().isEmpty() != o.gmTimeDeflate,
            "GMTime is not chunked as asked: " + t.getFilters());
        check(Arrays.equals((byte[]) t.getData(), o.gmTimeBytes), "GMTime reads back as other bytes");
      } else if (o.gmTime != null && !o.omit.contains("GMTime") && !o.rootAttributes.containsKey("GMTime")) {
        String[] chars = (String[]) ((Dataset) in.getChild("GMTime")).getData();
        check(String.join("", chars).equals(o.gmTime), "GMTime reads back as " + Arrays.toString(chars));
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException("jhdf wrote an unreadable netCDF-4 fixture: " + e, e);
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("fixture read-back mismatch: " + what);
    }
  }

  /** Reorders the group's children: every other node first (by name), then {@code last}. */
  @SuppressWarnings("unchecked")
  private static void dataSetsLast(WritableGroup group, String last) {
    try {
      Field f = WritableGroupImpl.class.getDeclaredField("children");
      f.setAccessible(true);
      Map<String, WritableNode> old = (Map<String, WritableNode>) f.get(group);
      Map<String, WritableNode> ordered = new LinkedHashMap<>();
      new java.util.TreeMap<>(old).forEach((name, node) -> {
        if (!name.equals(last)) {
          ordered.put(name, node);
        }
      });
      if (old.containsKey(last)) {
        ordered.put(last, old.get(last));
      }
      f.set(group, ordered);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("jhdf internals changed: WritableGroupImpl.children", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ZIP

  /** A ZIP of the given members (name to bytes), in order, deflated. */
  static byte[] zip(Map<String, byte[]> members) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        z.putNextEntry(new ZipEntry(m.getKey()));
        z.write(m.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A ZIP of {@code count} members of {@code size} zero bytes each (m000.bin, m001.bin, ...), then
   * {@code ncName} holding {@code nc} (stored). The members share one raw deflate stream, deflated
   * once, so 200 members of 63 MiB (12.6 GB inflated) take 13 MB and well under a second to build.
   */
  public static byte[] zipOfZeroMembers(int count, long size, String ncName, byte[] nc) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    byte[] buf = new byte[1 << 16];
    CRC32 crc = new CRC32();
    for (long left = size; left > 0; left -= zeros.length) {
      int n = (int) Math.min(zeros.length, left);
      crc.update(zeros, 0, n);
      d.setInput(zeros, 0, n);
      while (!d.needsInput()) {
        stream.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      stream.write(buf, 0, d.deflate(buf));
    }
    d.end();
    byte[] deflated = stream.toByteArray();
    CRC32 ncCrc = new CRC32();
    ncCrc.update(nc);
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (int i = 0; i <= count; i++) {
      boolean last = i == count;
      String name = last ? ncName : String.format("m%03d.bin", i);
      byte[] data = last ? nc : deflated;
      member(zip, central, name, last ? 0 : 8, last ? ncCrc.getValue() : crc.getValue(), data, last ? nc.length : size);
    }
    int centralAt = zip.size();
    zip.writeBytes(central.toByteArray());
    ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) (count + 1))
        .putShort((short) (count + 1)).putInt(central.size()).putInt(centralAt).putShort((short) 0);
    zip.writeBytes(end.array());
    return zip.toByteArray();
  }

  /**
   * A ZIP of one member whose sizes and CRC stand in its local header (as most archivers write them;
   * ZipOutputStream defers them to a data descriptor), {@code data} stored ({@code method} 0) or
   * deflated (8), or written as is with any other method.
   */
  static byte[] zipWithSizes(String name, byte[] data, int method) {
    CRC32 crc = new CRC32();
    crc.update(data);
    byte[] payload = data;
    if (method == 8) {
      Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1 << 16];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      d.end();
      payload = out.toByteArray();
    }
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    member(zip, central, name, method, crc.getValue(), payload, data.length);
    int centralAt = zip.size();
    zip.writeBytes(central.toByteArray());
    ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
        .putInt(central.size()).putInt(centralAt).putShort((short) 0);
    zip.writeBytes(end.array());
    return zip.toByteArray();
  }

  /** Writes one member's local header and data to {@code zip}, its central directory entry to {@code central}. */
  private static void member(ByteArrayOutputStream zip, ByteArrayOutputStream central, String name, int method,
      long crc, byte[] data, long size) {
    byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int offset = zip.size();
    ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method).putInt(0)
        .putInt((int) crc).putInt(data.length).putInt((int) size).putShort((short) n.length).putShort((short) 0);
    zip.writeBytes(local.array());
    zip.writeBytes(n);
    zip.writeBytes(data);
    ByteBuffer entry = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
    entry.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) method)
        .putInt(0).putInt((int) crc).putInt(data.length).putInt((int) size).putShort((short) n.length)
        .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
    central.writeBytes(entry.array());
    central.writeBytes(n);
  }

  public static byte[] zip(String name, byte[] member) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(name, member);
    return zip(m);
  }
}
