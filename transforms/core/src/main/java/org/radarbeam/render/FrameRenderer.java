package org.radarbeam.render;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.RasterFrame;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.geo.WarpPlan;
import org.radarbeam.geo.WarpPlans;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.source.FrameTimes;
import org.radarbeam.source.RadarSource;

/**
 * Turns the bytes of one radar file into a PNG: open, map raw values to palette indices into a
 * reused frame buffer, compress. Holds all per-worker state (buffer, Inflater, Deflater, LUTs), so
 * one instance serves every frame of a worker; not thread-safe.
 */
public final class FrameRenderer implements AutoCloseable {
  private static final int MAX_LUTS = 16;

  private final RenderSettings settings;
  private final FrameDecoders decoders;
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
    this.decoders = new FrameDecoders(settings);
    this.png = new IndexedPngWriter(settings.png());
  }

  /** Renders one ODIM_H5 composite held in {@code data}. */
  public Rendered render(byte[] data, Scaling defaults) throws BadInputException {
    return render(ByteBuffer.wrap(data), InputFormat.ODIM_H5, defaults);
  }

  /** Renders one frame of {@code format} held in {@code data}. */
  public Rendered render(byte[] data, InputFormat format, Scaling defaults) throws BadInputException {
    return render(ByteBuffer.wrap(data), format, defaults);
  }

  /**
   * Renders one frame of {@code format} held in {@code data} (an array-backed view from position 0,
   * e.g. a worker's reusable input buffer).
   */
  public Rendered render(ByteBuffer data, InputFormat format, Scaling defaults) throws BadInputException {
    return encode(decode(data, format, defaults, null));
  }

  /** Renders one frame of {@code source} held in {@code data}, refused if its grid is not the source's. */
  public Rendered render(ByteBuffer data, RadarSource source) throws BadInputException {
    return encode(decode(data, source));
  }

  /** {@link #decode(ByteBuffer, InputFormat, Scaling)} of a frame of {@code source}, refused if its grid is not the source's. */
  public Decoded decode(ByteBuffer data, RadarSource source) throws BadInputException {
    return decode(data, source.format(), source.scaling(), source);
  }

  /**
   * Decodes one frame into the renderer's index buffer (palette indices on the file's own grid),
   * without encoding it. With the Web Mercator projection its image grid is checked first, so a
   * frame whose image would be too large is refused before its buffer is allocated.
   */
  public Decoded decode(ByteBuffer data, InputFormat format, Scaling defaults) throws BadInputException {
    return decode(data, format, defaults, null);
  }

  private Decoded decode(ByteBuffer data, InputFormat format, Scaling defaults, RadarSource source)
      throws BadInputException {
    long t0 = System.nanoTime();
    try (RasterFrame frame = decoders.open(data, format, defaults)) {
      checkSource(frame, source);
      checkTime(frame);
      long t1 = System.nanoTime();
      PaletteLut lut = lut(frame.sampleType(), frame.scaling());
      long t2 = System.nanoTime();
      int w = frame.width();
      int h = frame.height();
      WarpPlan plan = settings.projection() == Projection.WEBMERCATOR ? plan(frame.geometry(), w, h) : null;
      byte[] buf = buffer(w, h);
      frame.decode(lut, buf);
      long t3 = System.nanoTime();
      timings.open = t1 - t0;
      timings.lut = t2 - t1;
      timings.decode = t3 - t2;
      return new Decoded(buf, w, h, frame.nominalTime(), frame.geometry(), frame.quantity(), frame.scaling(), plan);
    }
  }

  /** Encodes a frame decoded by this renderer (before its next decode) as the settings' image. */
  public Rendered encode(Decoded d) {
    long t3 = System.nanoTime();
    ByteBuffer bytes;
    int w = d.width();
    int h = d.height();
    double[] bounds = d.geometry().cornerBounds();
    if (d.plan() != null) {
      // warped rows go straight into the PNG: the destination image never exists whole
      bytes = png.encode(d.plan().rows(d.indices()), d.plan().width(), d.plan().height());
      w = d.plan().width();
      h = d.plan().height();
      bounds = d.plan().bounds();
    } else {
      bytes = png.encode(d.indices(), w, h);
    }
    timings.png = System.nanoTime() - t3;
    return new Rendered(bytes, w, h, d.nominalTime(), d.geometry(), d.quantity(), d.scaling(), bounds);
  }

  /**
   * Encodes a frame decoded by this renderer (before its next decode) as its scaled variant with
   * pixels of about {@code metres}: its Web Mercator image's bounds, warped from the native grid by
   * nearest neighbour like the image itself, so no colour is blended (the palette stays exact).
   */
  public Rendered encodeVariant(Decoded d, int metres) {
    if (d.plan() == null) {
      throw new IllegalStateException("scaled variants need the Web Mercator projection");
    }
    WarpPlan plan = WarpPlans.forGrid(d.geometry(), d.width(), d.height(), d.plan().grid().atResolution(metres),
        settings.pixels());
    ByteBuffer bytes = png.encode(plan.rows(d.indices()), plan.width(), plan.height());
    return new Rendered(bytes, plan.width(), plan.height(), d.nominalTime(), d.geometry(), d.quantity(), d.scaling(),
        plan.bounds());
  }

  /**
   * Decodes where one frame's radar network scanned: 1 where it did, 0 where it did not, into the
   * renderer's index buffer. Formats that mark no such cells (SRD) count as covered everywhere.
   */
  public Decoded coverage(ByteBuffer data, RadarSource source) throws BadInputException {
    InputFormat format = source.format();
    try (RasterFrame frame = decoders.open(data, format, source.scaling())) {
      checkSource(frame, source);
      int w = frame.width();
      int h = frame.height();
      byte[] buf = buffer(w, h);
      if (format == InputFormat.SRD3) {
        Arrays.fill(buf, 0, w * h, (byte) 1);
      } else {
        frame.decode(PaletteLut.coverage(frame.sampleType(), frame.scaling()), buf);
      }
      return new Decoded(buf, w, h, frame.nominalTime(), frame.geometry(), frame.quantity(), frame.scaling(), null);
    }
  }

  /** Refuses a frame stamped with a time no frame can have (see {@link FrameTimes}), before its raster is read. */
  private static void checkTime(RasterFrame frame) throws BadInputException {
    Instant t = frame.nominalTime();
    String why = t == null ? null : FrameTimes.implausible(t, Instant.now());
    if (why != null) {
      throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE, "the file names its time " + t + ", which no"
          + " frame can have: " + why);
    }
  }

  /** Refuses a frame whose grid is not {@code source}'s before any of its raster is read. */
  private static void checkSource(RasterFrame frame, RadarSource source) throws BadInputException {
    String why = source == null ? null : source.notOurs(frame.geometry());
    if (why != null) {
      throw new BadInputException(BadInputException.Kind.WRONG_SOURCE, "not a " + source.id() + " frame: " + why);
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
    try {
      return WarpPlans.forGrid(geometry, w, h, settings.maxPixels(), settings.pixels());
    } catch (WarpPlans.TooLargeException e) {
      throw new BadInputException(BadInputException.Kind.TOO_LARGE, e.size() + " exceeds --maxPixels="
          + settings.maxPixels());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE,
          "cannot place the grid on a map: " + e.getMessage() + " (use --projection=native)");
    }
  }

  public Timings lastTimings() {
    return timings;
  }

  private PaletteLut lut(SampleType type, Scaling scaling) {
    return luts.computeIfAbsent(new LutKey(type, scaling), k -> new PaletteLut(type, scaling, settings.minDbz()));
  }

  /**
   * The frame buffer, grown only when a grid is larger than any before; a grid the heap cannot
   * hold is refused before it is allocated (whatever --maxPixels allows).
   */
  private byte[] buffer(int width, int height) throws BadInputException {
    long pixels = (long) width * height;
    if (pixels > indices.length) {
      if (pixels > HeapLimits.maxGridBytes()) {
        throw new BadInputException(BadInputException.Kind.TOO_LARGE, "grid " + width + "x" + height + " = " + pixels
            + " pixels needs more than the " + HeapLimits.maxGridBytes() + " bytes a frame may take ("
            + HeapLimits.gridShare() + ")");
      }
      indices = new byte[0]; // the old buffer need not outlive the new one's allocation
      indices = new byte[(int) pixels];
    }
    return indices;
  }

  /**
   * This renderer's PNG writer, for images it did not decode (a composite, a coverage mask), encoded while its
   * render slot is held: one writer and buffer per core, not per worker thread.
   */
  public IndexedPngWriter png() {
    return png;
  }

  @Override
  public void close() {
    decoders.close();
    png.close();
  }

  /** Nanoseconds spent in each stage of the last frame. */
  public static final class Timings {
    public long open;
    public long lut;
    public long decode;
    public long png;
  }

  /**
   * A rendered frame: the PNG and what the file said about itself.
   *
   * @param pngView the PNG in the renderer's own buffer (position 0, array offset 0), valid until the
   *     renderer's next frame: a worker writes it out from there, with no copy per frame
   * @param bounds WGS84 west, south, east, north of the image as placed on a map
   */
  public record Rendered(ByteBuffer pngView, int width, int height, Instant nominalTime, GridGeometry geometry,
      String quantity, Scaling scaling, double[] bounds) {

    /** A copy of the PNG, which outlives the renderer's next frame. */
    public byte[] png() {
      return Arrays.copyOf(pngView.array(), pngView.limit());
    }
  }

  /**
   * A frame decoded into the renderer's index buffer.
   *
   * @param indices the renderer's buffer: {@code width x height} values, row-major, first row north;
   *     valid until the renderer's next frame
   * @param plan its Web Mercator image grid, null when the image keeps the native grid
   */
  public record Decoded(byte[] indices, int width, int height, Instant nominalTime, GridGeometry geometry,
      String quantity, Scaling scaling, WarpPlan plan) {}

  private record LutKey(SampleType type, Scaling scaling) {}
}
