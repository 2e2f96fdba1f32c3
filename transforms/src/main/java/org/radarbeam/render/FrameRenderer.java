package org.radarbeam.render;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.FrameDecoder;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.RasterFrame;
import org.radarbeam.codec.SampleType;
import org.radarbeam.codec.Scaling;
import org.radarbeam.codec.netcdf.OmszDecoder;
import org.radarbeam.codec.odim.OdimReader;
import org.radarbeam.codec.srd.SrdDecoder;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.geo.WarpPlan;
import org.radarbeam.geo.WarpPlans;

/**
 * Turns the bytes of one radar file into a PNG: open, map raw values to palette indices into a
 * reused frame buffer, compress. Holds all per-worker state (buffer, Inflater, Deflater, LUTs), so
 * one instance serves every frame of a worker; not thread-safe.
 */
public final class FrameRenderer implements AutoCloseable {
  private static final int MAX_LUTS = 16;

  private final RenderSettings settings;
  private final Map<InputFormat, FrameDecoder> decoders = new java.util.EnumMap<>(InputFormat.class);
  private final IndexedPngWriter png;
  private final Map<LutKey, PaletteLut> luts = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<LutKey, PaletteLut> e) {
      return size() > MAX_LUTS;
    }
  };
  private byte[] indices = new byte[0];
  private final Timings timings = new Timings();

  public FrameRenderer(RenderSettings settings) {
    this.settings = settings;
    this.png = new IndexedPngWriter(settings.compressionLevel(), settings.filter(), false);
  }

  /** Renders one ODIM_H5 composite held in {@code data}. */
  public Rendered render(byte[] data, Scaling defaults) throws BadInputException {
    return render(data, InputFormat.ODIM_H5, defaults);
  }

  /** Renders one frame of {@code format} held in {@code data}. */
  public Rendered render(byte[] data, InputFormat format, Scaling defaults) throws BadInputException {
    long t0 = System.nanoTime();
    try (RasterFrame frame = decoder(format).open(data, defaults)) {
      long t1 = System.nanoTime();
      PaletteLut lut = lut(frame.sampleType(), frame.scaling());
      long t2 = System.nanoTime();
      int w = frame.width();
      int h = frame.height();
      WarpPlan plan = settings.projection() == Projection.WEBMERCATOR ? plan(frame.geometry(), w, h) : null;
      byte[] buf = buffer((long) w * h);
      frame.decode(lut, buf);
      long t3 = System.nanoTime();
      double[] bounds = frame.geometry().cornerBounds();
      byte[] bytes;
      if (plan != null) {
        // warped rows go straight into the PNG: the destination image never exists whole
        bytes = png.write(plan.rows(buf), plan.width(), plan.height());
        w = plan.width();
        h = plan.height();
        bounds = plan.bounds();
      } else {
        bytes = png.write(buf, w, h);
      }
      long t4 = System.nanoTime();
      timings.open = t1 - t0;
      timings.lut = t2 - t1;
      timings.decode = t3 - t2;
      timings.png = t4 - t3;
      return new Rendered(bytes, w, h, frame.nominalTime(), frame.geometry(), frame.quantity(), frame.scaling(), bounds);
    }
  }

  /** The native-grid index buffer of the last frame (row-major palette indices), for tests and benchmarks. */
  public byte[] lastIndices() {
    return indices;
  }

  /**
   * The Web Mercator grid of a frame, built once per source grid and cached; refused before any
   * buffer is allocated when it cannot be placed or is larger than --maxPixels.
   */
  private WarpPlan plan(GridGeometry geometry, int w, int h) throws BadInputException {
    WarpPlan plan;
    try {
      plan = WarpPlans.forGrid(geometry, w, h);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE,
          "cannot place the grid on a map: " + e.getMessage() + " (use --projection=native)");
    }
    long pixels = (long) plan.width() * plan.height();
    if (pixels > settings.maxPixels()) {
      throw new BadInputException(BadInputException.Kind.TOO_LARGE, "Web Mercator grid " + plan.width() + "x"
          + plan.height() + " = " + pixels + " pixels exceeds --maxPixels=" + settings.maxPixels());
    }
    return plan;
  }

  public Timings lastTimings() {
    return timings;
  }

  private FrameDecoder decoder(InputFormat format) {
    return decoders.computeIfAbsent(format, f -> {
      switch (f) {
        case NETCDF_ZIP:
          return new OmszDecoder(settings.maxPixels());
        case SRD3:
          return new SrdDecoder(settings.maxPixels());
        default:
          return new OdimReader(settings.quantity(), settings.maxPixels());
      }
    });
  }

  private PaletteLut lut(SampleType type, Scaling scaling) {
    return luts.computeIfAbsent(new LutKey(type, scaling), k -> new PaletteLut(type, scaling, settings.minDbz()));
  }

  /** The frame buffer, grown only when a grid is larger than any before. */
  private byte[] buffer(long pixels) {
    if (pixels > indices.length) {
      indices = new byte[(int) pixels];
    }
    return indices;
  }

  @Override
  public void close() {
    decoders.values().forEach(FrameDecoder::close);
    png.close();
  }

  /** Nanoseconds spent in each stage of the last frame. */
  public static final class Timings {
    public long open;
    public long lut;
    public long decode;
    public long png;
  }

  /** A rendered frame: the PNG and what the file said about itself. */
  public static final class Rendered {
    public final byte[] png;
    public final int width;
    public final int height;
    public final Instant nominalTime;
    public final GridGeometry geometry;
    public final String quantity;
    public final Scaling scaling;
    /** WGS84 west, south, east, north of the image as placed on a map. */
    public final double[] bounds;

    Rendered(byte[] png, int width, int height, Instant nominalTime, GridGeometry geometry, String quantity, Scaling scaling,
        double[] bounds) {
      this.png = png;
      this.width = width;
      this.height = height;
      this.nominalTime = nominalTime;
      this.geometry = geometry;
      this.quantity = quantity;
      this.scaling = scaling;
      this.bounds = bounds;
    }
  }

  private static final class LutKey {
    final SampleType type;
    final Scaling scaling;

    LutKey(SampleType type, Scaling scaling) {
      this.type = type;
      this.scaling = scaling;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LutKey && ((LutKey) o).type == type && ((LutKey) o).scaling.equals(scaling);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + scaling.hashCode();
    }
  }
}
