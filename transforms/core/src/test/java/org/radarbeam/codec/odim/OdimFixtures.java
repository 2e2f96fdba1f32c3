package org.radarbeam.codec.odim;

import io.jhdf.HdfFile;
import io.jhdf.WritableGroupImpl;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.filter.Filter;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.radarbeam.palette.Scaling;

/**
 * Synthetic ODIM_H5 files written with jhdf's (alpha) HDF5 writer, for tests.
 *
 * <p>jhdf 0.13.0 writes its "jHDF - version" info bytes with a relative channel write that lands
 * just after the raw data of the last data set written, so an object header written after that
 * data set is overwritten and the file is corrupt. Children are kept in a ConcurrentHashMap, so
 * whether a layout breaks depends on name hashes. {@link #write(H5Group, Path)} therefore swaps
 * every group's private {@code children} map for a LinkedHashMap ordered attribute-only groups
 * first and data-bearing nodes last (so the last thing written is raw data), and then reads every
 * fixture back and compares it with what was asked for.
 */
public final class OdimFixtures {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private OdimFixtures() {}

  // ---------------------------------------------------------------------------------------------
  // A plain in-memory HDF5 tree

  /** A group to write: attributes, subgroups and data sets, in insertion order. */
  public static final class H5Group {
    final Map<String, Object> attributes = new LinkedHashMap<>();
    final Map<String, H5Group> groups = new LinkedHashMap<>();
    final Map<String, H5Data> datasets = new LinkedHashMap<>();

    /** The group at {@code path} (slash separated, relative), created if absent. */
    public H5Group group(String path) {
      H5Group g = this;
      for (String part : path.split("/")) {
        if (!part.isEmpty()) {
          g = g.groups.computeIfAbsent(part, k -> new H5Group());
        }
      }
      return g;
    }

    /** Sets an attribute: String, Double, Long, double[], long[] ... as jhdf accepts them. */
    public H5Group attr(String name, Object value) {
      attributes.put(name, value);
      return this;
    }

    public H5Group remove(String name) {
      attributes.remove(name);
      return this;
    }

    public H5Group dataset(String name, Object data, DatasetCreationOptions options) {
      datasets.put(name, new H5Data(data, options));
      return this;
    }

    boolean bearsData() {
      return !datasets.isEmpty() || groups.values().stream().anyMatch(H5Group::bearsData);
    }
  }

  /** A data set to write. */
  public static final class H5Data {
    final Object data;
    final DatasetCreationOptions options;

    H5Data(Object data, DatasetCreationOptions options) {
      this.data = data;
      this.options = options;
    }
  }

  /** Writes {@code root} to {@code file} with the writer-bug workaround, then verifies it. */
  public static Path write(H5Group root, Path file) throws IOException {
    try (WritableHdfFile out = HdfFile.write(file)) {
      put(out, root);
      reorderChildren(rootGroupOf(out));
    }
    verify(root, file);
    return file;
  }

  /** Writes {@code root} as jhdf does on its own, without the workaround and unverified (for tests of the workaround). */
  static Path writeWithoutWorkaround(H5Group root, Path file) throws IOException {
    try (WritableHdfFile out = HdfFile.write(file)) {
      put(out, root);
    }
    return file;
  }

  private static void put(WritableGroup target, H5Group g) {
    g.attributes.forEach(target::putAttribute);
    g.groups.forEach((name, child) -> put(target.putGroup(name), child));
    g.datasets.forEach((name, d) -> {
      WritableDataset ds = d.options == null ? target.putDataset(name, d.data) : target.putDataset(name, d.data, d.options);
      Objects.requireNonNull(ds);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // jhdf 0.13.0 writer bug workaround

  /** The root group jhdf's writer keeps privately (for the workaround). */
  public static WritableGroup rootGroupOf(WritableHdfFile file) {
    try {
      Field f = WritableHdfFile.class.getDeclaredField("rootGroup");
      f.setAccessible(true);
      return (WritableGroup) f.get(file);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("jhdf internals changed: WritableHdfFile.rootGroup", e);
    }
  }

  /**
   * Replaces the group's ConcurrentHashMap of children by a LinkedHashMap: attribute-only groups
   * first, then nodes that hold (or are) data sets, recursively, so the last bytes written by the
   * writer are raw data and its trailing info bytes overwrite nothing.
   */
  @SuppressWarnings("unchecked")
  static void reorderChildren(WritableGroup group) {
    try {
      Field f = WritableGroupImpl.class.getDeclaredField("children");
      f.setAccessible(true);
      Map<String, WritableNode> old = (Map<String, WritableNode>) f.get(group);
      Map<String, WritableNode> ordered = new LinkedHashMap<>();
      for (String name : new TreeSet<>(old.keySet())) {
        if (!bearsData(old.get(name))) {
          ordered.put(name, old.get(name));
        }
      }
      for (String name : new TreeSet<>(old.keySet())) {
        if (bearsData(old.get(name))) {
          ordered.put(name, old.get(name));
        }
      }
      f.set(group, ordered);
      for (WritableNode child : ordered.values()) {
        if (child instanceof WritableGroup) {
          reorderChildren((WritableGroup) child);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("jhdf internals changed: WritableGroupImpl.children", e);
    }
  }

  private static boolean bearsData(Node n) {
    if (n instanceof WritableDataset) {
      return true;
    }
    if (n instanceof Group) {
      for (Node c : ((Group) n).getChildren().values()) {
        if (bearsData(c)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Read-back verification

  private static void verify(H5Group expected, Path file) {
    try (HdfFile in = new HdfFile(file)) {
      verifyGroup(expected, in, "/");
    } catch (RuntimeException e) {
      throw new IllegalStateException("jhdf wrote an unreadable fixture " + file + ": " + e, e);
    }
  }

  private static void verifyGroup(H5Group expected, Group actual, String path) {
    TreeSet<String> want = new TreeSet<>(expected.groups.keySet());
    want.addAll(expected.datasets.keySet());
    TreeSet<String> got = new TreeSet<>(actual.getChildren().keySet());
    check(want.equals(got), path + " children " + got + ", expected " + want);
    verifyAttributes(expected.attributes, actual, path);
    expected.groups.forEach((name, g) -> {
      Node n = actual.getChild(name);
      check(n instanceof Group, path + name + " is not a group");
      verifyGroup(g, (Group) n, path + name + "/");
    });
    expected.datasets.forEach((name, d) -> {
      Node n = actual.getChild(name);
      check(n instanceof io.jhdf.api.Dataset, path + name + " is not a data set");
      io.jhdf.api.Dataset ds = (io.jhdf.api.Dataset) n;
      int rows = Array.getLength(d.data);
      int cols = Array.getLength(Array.get(d.data, 0));
      check(Arrays.equals(ds.getDimensions(), new int[] {rows, cols}),
          path + name + " dims " + Arrays.toString(ds.getDimensions()));
      boolean unsigned = d.options != null && d.options.isUnsigned();
      double[] want2 = flat(d.data, unsigned);
      double[] got2 = flat(ds.getData(), false);
      for (int i = 0; i < want2.length; i++) {
        check(Double.compare(want2[i], got2[i]) == 0,
            path + name + " value " + i + " reads back as " + got2[i] + ", wrote " + want2[i]);
      }
    });
  }

  private static void verifyAttributes(Map<String, Object> expected, Node actual, String path) {
    Map<String, Attribute> attrs = new LinkedHashMap<>(actual.getAttributes());
    attrs.remove("_jHDF"); // the writer's own note on the root group
    check(attrs.keySet().equals(expected.keySet()), path + " attributes " + attrs.keySet() + ", expected " + expected.keySet());
    expected.forEach((name, value) -> {
      Object got = attrs.get(name).getData();
      boolean same = value.getClass().isArray()
          ? Arrays.deepEquals(new Object[] {value}, new Object[] {got})
          : value.equals(got);
      check(same, path + name + " reads back as " + describe(got) + ", wrote " + describe(value));
    });
  }

  private static String describe(Object v) {
    return v != null && v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : String.valueOf(v);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("fixture read-back mismatch: " + what);
    }
  }

  /** A 2-D Java array as doubles, row-major; {@code unsigned} widens byte and short as unsigned. */
  public static double[] flat(Object grid, boolean unsigned) {
    int rows = Array.getLength(grid);
    int cols = Array.getLength(Array.get(grid, 0));
    double[] out = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      Object row = Array.get(grid, r);
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = value(row, c, unsigned);
      }
    }
    return out;
  }

  private static double value(Object row, int c, boolean unsigned) {
    if (row instanceof byte[]) {
      byte b = ((byte[]) row)[c];
      return unsigned ? b & 0xFF : b;
    }
    if (row instanceof short[]) {
      short s = ((short[]) row)[c];
      return unsigned ? s & 0xFFFF : s;
    }
    if (row instanceof int[]) {
      int i = ((int[]) row)[c];
      return unsigned ? Integer.toUnsignedLong(i) : i;
    }
    if (row instanceof long[]) {
      return ((long[]) row)[c];
    }
    if (row instanceof float[]) {
      return ((float[]) row)[c];
    }
    if (row instanceof double[]) {
      return ((double[]) row)[c];
    }
    throw new IllegalArgumentException("unsupported array " + row.getClass());
  }

  // ---------------------------------------------------------------------------------------------
  // ODIM_H5 COMP builder

  /** Where scaling attributes (gain, offset, nodata, undetect) are written. */
  public enum Level {
    /** /datasetN/dataM/what */
    DATA,
    /** /datasetN/what */
    DATASET,
    /** /what */
    ROOT,
    /** nowhere: the reader must fall back on its Scaling */
    NONE
  }

  /** How a raster is stored. */
  public enum Storage {
    CONTIGUOUS,
    CHUNKED,
    DEFLATE,
    SHUFFLE_DEFLATE
  }

  /** A new COMP file with a root /what (2025-11-17 15:00 UTC), /where and no data yet. */
  public static Comp comp() {
    return new Comp();
  }

  /** An ODIM_H5 Cartesian composite to write. */
  public static final class Comp {
    private String object = "COMP";
    private String date = "20251117";
    private String time = "150000";
    private boolean where = true;
    private final List<DataField> fields = new ArrayList<>();
    private final H5Group extra = new H5Group();

    public Comp object(String object) {
      this.object = object;
      return this;
    }

    public Comp date(String date) {
      this.date = date;
      return this;
    }

    public Comp time(String time) {
      this.time = time;
      return this;
    }

    public Comp noWhere() {
      this.where = false;
      return this;
    }

    /** Extra groups and attributes merged into the tree (e.g. a broken attribute). */
    public H5Group extra() {
      return extra;
    }

    /**
     * Adds /dataset{set}/data{data}/data holding {@code raster}: byte[][] (uint8 by default, see
     * {@link DataField#signed()}), short[][] (uint16), float[][] or double[][].
     */
    public DataField field(int set, int data, String quantity, Object raster) {
      DataField f = new DataField(this, set, data, quantity, raster);
      fields.add(f);
      return f;
    }

    /** The tree this composite is written as. */
    public H5Group tree() {
      H5Group root = new H5Group();
      root.attr("Conventions", "ODIM_H5/V2_3");
      H5Group what = root.group("what");
      if (object != null) {
        what.attr("object", object);
      }
      if (date != null) {
        what.attr("date", date);
      }
      if (time != null) {
        what.attr("time", time);
      }
      what.attr("source", "ORG:78,CMT:radarbeam test fixture");
      what.attr("version", "H5rad 2.3");
      if (where) {
        int width = fields.isEmpty() ? 0 : Array.getLength(Array.get(fields.get(0).raster, 0));
        int height = fields.isEmpty() ? 0 : Array.getLength(fields.get(0).raster);
        root.group("where")
            .attr("projdef", "+proj=stere +lat_ts=60 +lat_0=90 +lon_0=10 +x_0=543571.83521776402 +y_0=3622213.861931002 +a=6378137 +b=6356752.314245179 +no_defs")
            .attr("xsize", (long) width)
            .attr("ysize", (long) height)
            .attr("xscale", 250.0)
            .attr("yscale", 250.0)
            .attr("UL_lon", 1.463301510256666).attr("UL_lat", 55.862087108249824)
            .attr("UR_lon", 18.73161645466747).attr("UR_lat", 55.845438563255755)
            .attr("LL_lon", 3.5669946350078914).attr("LL_lat", 45.696425377390064)
            .attr("LR_lon", 16.580869348598274).attr("LR_lat", 45.68460578137082);
      }
      for (DataField f : fields) {
        String set = "dataset" + f.set;
        String data = set + "/data" + f.data;
        root.group(set + "/what").attr("product", "MAX").attr("startdate", "20251117").attr("starttime", "150003");
        H5Group scalingAt;
        switch (f.level) {
          case DATA: scalingAt = root.group(data + "/what"); break;
          case DATASET: scalingAt = root.group(set + "/what"); break;
          case ROOT: scalingAt = root.group("what"); break;
          default: scalingAt = null;
        }
        H5Group quantityAt = f.level == Level.DATASET ? root.group(set + "/what") : root.group(data + "/what");
        if (f.quantity != null) {
          quantityAt.attr("quantity", f.quantity);
        }
        if (scalingAt != null) {
          putNumber(scalingAt, "gain", f.gain, f.arrays);
          putNumber(scalingAt, "offset", f.offset, f.arrays);
          putNumber(scalingAt, "nodata", f.nodata, f.arrays);
          putNumber(scalingAt, "undetect", f.undetect, f.arrays);
        }
        root.group(data).dataset("data", f.raster, f.options());
      }
      merge(root, extra);
      return root;
    }

    private static void putNumber(H5Group g, String name, double v, boolean array) {
      if (!Double.isNaN(v)) {
        g.attr(name, array ? new double[] {v} : (Object) v);
      }
    }

    private static void merge(H5Group into, H5Group from) {
      into.attributes.putAll(from.attributes);
      from.groups.forEach((name, g) -> merge(into.group(name), g));
      into.datasets.putAll(from.datasets);
    }

    /** Writes the file into {@code dir} and returns its path. */
    public Path write(Path dir) throws IOException {
      Path file = dir.resolve("fixture-" + COUNTER.incrementAndGet() + ".h5");
      return OdimFixtures.write(tree(), file);
    }

    /** Writes the file into {@code dir} and returns its bytes. */
    public byte[] bytes(Path dir) throws IOException {
      return Files.readAllBytes(write(dir));
    }

    /**
     * Writes the file into {@code dir} as {@link #write} does, but without reading it back: for rasters
     * stored through filters jhdf cannot decode, or set so that decoding them must fail.
     */
    public Path writeUnverified(Path dir) throws IOException {
      Path file = dir.resolve("fixture-" + COUNTER.incrementAndGet() + ".h5");
      try (WritableHdfFile out = HdfFile.write(file)) {
        put(out, tree());
        reorderChildren(rootGroupOf(out));
      }
      return file;
    }
  }

  /** One data field of a composite and how it is stored and scaled. */
  public static final class DataField {
    private final Comp comp;
    final int set;
    final int data;
    final String quantity;
    final Object raster;
    Level level = Level.DATA;
    Storage storage = Storage.DEFLATE;
    int[] chunks = {16, 16};
    int deflateLevel = 6;
    boolean signed;
    boolean arrays;
    final List<Object[]> filters = new ArrayList<>();
    boolean unsignedIntegers;
    double gain = 0.5;
    double offset = -32.0;
    double nodata = 255;
    double undetect = 0;

    DataField(Comp comp, int set, int data, String quantity, Object raster) {
      this.comp = comp;
      this.set = set;
      this.data = data;
      this.quantity = quantity;
      this.raster = raster;
    }

    /** Scaling attributes; NaN leaves an attribute out. */
    public DataField scaling(double gain, double offset, double nodata, double undetect) {
      this.gain = gain;
      this.offset = offset;
      this.nodata = nodata;
      this.undetect = undetect;
      return this;
    }

    public DataField at(Level level) {
      this.level = level;
      return this;
    }

    public DataField storage(Storage storage) {
      this.storage = storage;
      return this;
    }

    public DataField chunks(int rows, int cols) {
      this.chunks = new int[] {rows, cols};
      return this;
    }

    public DataField deflateLevel(int level) {
      this.deflateLevel = level;
      return this;
    }

    /** Stores byte and short rasters as signed integers (int8, int16) instead of unsigned. */
    public DataField signed() {
      this.signed = true;
      return this;
    }

    /** Stores an int raster as unsigned integers (uint32) instead of signed. */
    public DataField unsignedIntegers() {
      this.unsignedIntegers = true;
      return this;
    }

    /** Writes numeric scaling attributes as 1-element arrays (double[]{x}) instead of scalars. */
    public DataField arrays() {
      this.arrays = true;
      return this;
    }

    /** Adds {@code filter} (with its client data) to the pipeline, after those of the storage. */
    public DataField filter(Filter filter, int... data) {
      filters.add(new Object[] {filter, data});
      return this;
    }

    public Comp done() {
      return comp;
    }

    boolean unsigned() {
      Object row = Array.get(raster, 0);
      return !signed && (row instanceof byte[] || row instanceof short[] || unsignedIntegers && row instanceof int[]);
    }

    DatasetCreationOptions options() {
      DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
      // the writer wants chunks no larger than the grid: clamp the default for small rasters
      int[] chunks = {
        Math.min(this.chunks[0], Array.getLength(raster)),
        Math.min(this.chunks[1], Array.getLength(Array.get(raster, 0)))
      };
      if (unsigned()) {
        b.unsigned();
      }
      switch (storage) {
        case CHUNKED:
          b.chunkDimensions(chunks);
          break;
        case DEFLATE:
          b.chunkDimensions(chunks).deflate(deflateLevel);
          break;
        case SHUFFLE_DEFLATE:
          b.chunkDimensions(chunks).shuffle().deflate(deflateLevel);
          break;
        default:
          break;
      }
      for (Object[] f : filters) {
        b.filter((Filter) f[0], (int[]) f[1]);
      }
      return b.build();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rasters

  /** Random uint8 raster (as byte[][]) covering every raw value, with some sentinels. */
  public static byte[][] bytes(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    byte[][] out = new byte[rows][cols];
    int k = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++, k++) {
        out[r][c] = (byte) (k < 256 ? k : rnd.nextInt(256));
      }
    }
    return out;
  }

  /** Random uint16 raster (as short[][]) including 0, 65535 and a dense band of echo values. */
  public static short[][] shorts(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    short[][] out = new short[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int pick = rnd.nextInt(10);
        int v = pick == 0 ? 0 : pick == 1 ? 65535 : rnd.nextInt(65536);
        out[r][c] = (short) v;
      }
    }
    return out;
  }

  /** Random float32 dBZ raster in [-40, 100) with NaN, infinities and sentinel values mixed in. */
  public static float[][] floats(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    float[][] out = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int pick = rnd.nextInt(20);
        out[r][c] = pick == 0 ? Float.NaN
            : pick == 1 ? -9999000f
            : pick == 2 ? -8888000f
            : pick == 3 ? (rnd.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY)
            : pick == 4 ? 10f + (rnd.nextInt(3) - 1) * 1e-6f
            : -40f + 140f * rnd.nextFloat();
      }
    }
    return out;
  }

  /** Random float64 dBZ raster like {@link #floats}, NaN meaning no data. */
  public static double[][] doubles(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int pick = rnd.nextInt(20);
        out[r][c] = pick == 0 ? Double.NaN
            : pick == 1 ? -9999000.0
            : pick == 2 ? -8888000.0
            : pick == 3 ? 9.999999999
            : pick == 4 ? 10.0
            : -40.0 + 140.0 * rnd.nextDouble();
      }
    }
    return out;
  }
}
