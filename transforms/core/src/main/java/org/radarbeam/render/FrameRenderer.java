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
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;

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
    long t0 = System.nanoTime();
    try (RasterFrame frame = decoders.open(data, format, defaults)) {
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
      ByteBuffer bytes;
      if (plan != null) {
        // warped rows go straight into the PNG: the destination image never exists whole
        bytes = png.encode(plan.rows(buf), plan.width(), plan.height());
        w = plan.width();
        h = plan.height();
        bounds = plan.bounds();
      } else {
        bytes = png.encode(buf, w, h);
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

  private record LutKey(SampleType type, Scaling scaling) {}
}
