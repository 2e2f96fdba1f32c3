package org.radarbeam.codec.odim;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.FrameDecoder;
import org.radarbeam.codec.NominalTime;
import org.radarbeam.codec.hdf5.ChunkedRasterDecoder;
import org.radarbeam.codec.hdf5.Hdf5Files;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;

/**
 * Opens ODIM_H5 Cartesian composites (what/object COMP or IMAGE, ODIM 2.0 to 2.4) with jhdf and
 * reads their metadata. The raster itself is read later, chunk by chunk, by
 * {@link ChunkedRasterDecoder}.
 */
public final class OdimReader implements FrameDecoder {
  private static final Set<String> CARTESIAN = Set.of("COMP", "IMAGE", "CVOL");
  private static final Set<String> POLAR = Set.of("PVOL", "SCAN", "RAY", "AZIM", "ELEV", "XSEC", "VP");

  private final String quantity;
  private final long maxPixels;
  private final ChunkedRasterDecoder decoder = new ChunkedRasterDecoder();

  /**
   * @param quantity the ODIM quantity to render (e.g. DBZH)
   * @param maxPixels grids with more pixels are refused before anything is allocated for them
   */
  public OdimReader(String quantity, long maxPixels) {
    this.quantity = quantity;
    this.maxPixels = maxPixels;
  }

  /** Opens a composite held in memory. The caller closes the returned frame. */
  @Override
  public OdimFrame open(ByteBuffer data, Scaling defaults) throws BadInputException {
    return Hdf5Files.open(data, "HDF5", file -> describe(file, defaults));
  }

  /** {@link #open(ByteBuffer, Scaling)} of a whole array. */
  public OdimFrame open(byte[] data, Scaling defaults) throws BadInputException {
    return open(ByteBuffer.wrap(data), defaults);
  }

  /** The nominal time of the file's /what group, read from its metadata only; null if absent. */
  public static Instant peekNominalTime(HdfFile file) throws BadInputException {
    Hdf5Files.requireSoundGroups(file);
    Group what = OdimAttributes.group(file, "what");
    Group ds1what = OdimAttributes.group(file, "dataset1/what");
    return nominalTime(what, ds1what);
  }

  @Override
  public void close() {
    decoder.close();
  }

  private OdimFrame describe(HdfFile file, Scaling defaults) throws BadInputException {
    Group what = OdimAttributes.group(file, "what");
    String object = OdimAttributes.string(what, "object");
    if (object != null) {
      String o = object.toUpperCase(Locale.ROOT);
      if (POLAR.contains(o)) {
        throw new BadInputException(Kind.NOT_COMPOSITE, "a polar " + (o.equals("PVOL") ? "volume" : "product")
            + " (what/object=" + object + "), not a Cartesian composite (COMP or IMAGE)");
      }
      if (!CARTESIAN.contains(o)) {
        throw new BadInputException(Kind.NOT_COMPOSITE,
            "unsupported ODIM object what/object=" + object + " (expected COMP or IMAGE)");
      }
    }

    Selected sel = select(file);
    Dataset ds = sel.dataset;
    ChunkedRasterDecoder.requireWithinMaximum(ds); // before its size is judged: a damaged size is corrupt
    int[] dims = ds.getDimensions();
    if (dims.length != 2) {
      throw new BadInputException(Kind.UNSUPPORTED,
          "data set " + ds.getPath() + " has " + dims.length + " dimensions, expected a 2-D grid");
    }
    long pixels = (long) dims[0] * dims[1];
    if (pixels > maxPixels) {
      throw new BadInputException(Kind.TOO_LARGE, "grid " + dims[1] + "x" + dims[0] + " = " + pixels
          + " pixels exceeds --maxPixels=" + maxPixels);
    }
    if (pixels == 0) {
      throw new BadInputException(Kind.MISSING_DATA, "data set " + ds.getPath() + " is empty (" + dims[1] + "x" + dims[0] + ")");
    }

    DataType type = ds.getDataType();
    SampleType sampleType;
    ByteOrder order;
    if (type instanceof FixedPoint) {
      FixedPoint fp = (FixedPoint) type;
      sampleType = sizedInteger(ds, fp);
      order = fp.getByteOrder();
    } else if (type instanceof FloatingPoint) {
      FloatingPoint fp = (FloatingPoint) type;
      if (fp.getSize() != 4 && fp.getSize() != 8) {
        throw new BadInputException(Kind.UNSUPPORTED, "data set " + ds.getPath() + " has " + (8 * fp.getSize()) + "-bit floats");
      }
      sampleType = SampleType.floating(fp.getSize());
      order = fp.getByteOrder();
    } else {
      throw new BadInputException(Kind.UNSUPPORTED,
          "data set " + ds.getPath() + " has unsupported type " + type.getClass().getSimpleName());
    }

    Group dataWhat = OdimAttributes.group(sel.dataGroup, "what");
    Group setWhat = OdimAttributes.group(sel.datasetGroup, "what");
    Group[] levels = {dataWhat, setWhat, what};
    Scaling scaling = new Scaling(
        OdimAttributes.definedNumber("gain", defaults.gain(), levels),
        OdimAttributes.definedNumber("offset", defaults.offset(), levels),
        OdimAttributes.number("nodata", defaults.nodata(), levels),
        OdimAttributes.number("undetect", defaults.undetect(), levels),
        defaults.raw255IsNodata());
    if (!scaling.usable()) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "unusable scaling gain=" + scaling.gain() + " offset=" + scaling.offset());
    }

    Instant nominal = nominalTime(what, setWhat);
    GridGeometry geometry = geometry(file, sel.datasetGroup);
    return new OdimFrame(decoder, file, ds, sel.quantity, sampleType, order, dims[1], dims[0], scaling, nominal, geometry);
  }

  private static SampleType sizedInteger(Dataset ds, FixedPoint fp) throws BadInputException {
    int size = fp.getSize();
    if (size != 1 && size != 2 && size != 4 && size != 8) {
      throw new BadInputException(Kind.UNSUPPORTED, "data set " + ds.getPath() + " has " + (8 * size) + "-bit integers");
    }
    return SampleType.integer(size, fp.isSigned());
  }

  private static final class Selected {
    Group datasetGroup;
    Group dataGroup;
    Dataset dataset;
    String quantity;
  }

  /** Picks datasetN/dataM/data whose quantity is the one asked for, in file order. */
  private Selected select(HdfFile file) throws BadInputException {
    List<String> seen = new ArrayList<>();
    Selected first = null;
    for (Group setGroup : numbered(file, "dataset")) {
      Group setWhat = OdimAttributes.group(setGroup, "what");
      for (Group dataGroup : numbered(setGroup, "data")) {
        Node dataNode = dataGroup.getChild("data");
        if (!(dataNode instanceof Dataset)) {
          continue;
        }
        String q = OdimAttributes.string("quantity", OdimAttributes.group(dataGroup, "what"), setWhat);
        Selected s = new Selected();
        s.datasetGroup = setGroup;
        s.dataGroup = dataGroup;
        s.dataset = (Dataset) dataNode;
        s.quantity = q;
        if (first == null) {
          first = s;
        }
        if (q == null) {
          continue;
        }
        if (q.equalsIgnoreCase(quantity)) {
          return s;
        }
        seen.add(q);
      }
    }
    if (first == null) {
      throw new BadInputException(Kind.MISSING_DATA, "no radar data set (expected /dataset1/data1/data)");
    }
    if (seen.isEmpty()) {
      return first; // the file names no quantity at all: take its first data set
    }
    throw new BadInputException(Kind.MISSING_DATA,
        "no data set with quantity " + quantity + " (the file has " + String.join(", ", new java.util.LinkedHashSet<>(seen)) + ")");
  }

  /** Children named prefix1, prefix2, ... that are groups, in numeric order. */
  private static List<Group> numbered(Group parent, String prefix) {
    TreeMap<Integer, Group> byNumber = new TreeMap<>();
    for (Node child : parent.getChildren().values()) {
      String name = child.getName();
      if (child instanceof Group && name.startsWith(prefix) && name.length() > prefix.length()) {
        try {
          byNumber.put(Integer.parseInt(name.substring(prefix.length())), (Group) child);
        } catch (NumberFormatException ignored) {
          // e.g. "dataset_extra": not an ODIM numbered group
        }
      }
    }
    return new ArrayList<>(byNumber.values());
  }

  private static Instant nominalTime(Group what, Group setWhat) throws BadInputException {
    String date = OdimAttributes.string(what, "date");
    String time = OdimAttributes.string(what, "time");
    if (date == null || date.isEmpty()) {
      date = OdimAttributes.string(setWhat, "startdate");
      time = OdimAttributes.string(setWhat, "starttime");
    }
    if (date == null || date.isEmpty()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(date, DateTimeFormatter.BASIC_ISO_DATE);
      String t = time == null ? "000000" : time;
      if (t.length() == 4) {
        t = t + "00";
      }
      if (t.length() > 6) {
        t = t.substring(0, 6);
      }
      LocalTime lt = LocalTime.of(Integer.parseInt(t.substring(0, 2)), Integer.parseInt(t.substring(2, 4)),
          Integer.parseInt(t.substring(4, 6)));
      return NominalTime.of(d.atTime(lt));
    } catch (RuntimeException e) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "unreadable nominal time what/date='" + date + "' what/time='" + time + "'");
    }
  }

  private static GridGeometry geometry(HdfFile file, Group datasetGroup) throws BadInputException {
    Group where = OdimAttributes.group(file, "where");
    Group setWhere = OdimAttributes.group(datasetGroup, "where");
    Group[] levels = {setWhere, where};
    String projdef = OdimAttributes.string("projdef", levels);
    return new GridGeometry(projdef,
        (int) OdimAttributes.number("xsize", 0, levels),
        (int) OdimAttributes.number("ysize", 0, levels),
        OdimAttributes.number("xscale", Double.NaN, levels),
        OdimAttributes.number("yscale", Double.NaN, levels),
        OdimAttributes.number("UL_lon", Double.NaN, levels),
        OdimAttributes.number("UL_lat", Double.NaN, levels),
        OdimAttributes.number("UR_lon", Double.NaN, levels),
        OdimAttributes.number("UR_lat", Double.NaN, levels),
        OdimAttributes.number("LL_lon", Double.NaN, levels),
        OdimAttributes.number("LL_lat", Double.NaN, levels),
        OdimAttributes.number("LR_lon", Double.NaN, levels),
        OdimAttributes.number("LR_lat", Double.NaN, levels));
  }
}
