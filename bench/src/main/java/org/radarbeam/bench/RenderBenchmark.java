package org.radarbeam.bench;

import static org.radarbeam.bench.BenchArgs.arg;
import static org.radarbeam.bench.BenchArgs.median;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.png.PngCompression;
import org.radarbeam.png.PngFilter;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;

/**
 * Per-frame cost of rendering one ODIM file, against floors measured in the same run so the ratios
 * hold on a noisy shared machine: the inflate floor (java.util.zip's Inflater over the file's
 * compressed chunks, which any renderer of the file must do) and Deflater level 6 over the same
 * index image. Renders with the default run-length encoder, or with Deflater at {@code --level}.
 *
 * <p>Usage: RenderBenchmark FILE [--dataset=/dataset1/data1/data] [--iterations=N] [--level=N]
 * [--filter=UP|SUB|NONE] [--sweep]
 */
public final class RenderBenchmark {
  private RenderBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: RenderBenchmark FILE [--dataset=PATH] [--iterations=N] [--level=N] [--filter=UP|SUB|NONE] [--sweep]");
      System.exit(2);
    }
    Path file = Paths.get(args[0]);
    String datasetPath = arg(args, "dataset", "/dataset1/data1/data");
    int iterations = Integer.parseInt(arg(args, "iterations", "10"));
    String levelArg = arg(args, "level", null);
    PngFilter filter = PngFilter.valueOf(arg(args, "filter", levelArg == null ? "UP" : "NONE"));
    PngCompression compression = levelArg == null ? PngCompression.rle(filter)
        : PngCompression.deflater(Integer.parseInt(levelArg), filter, false);
    int level = RenderSettings.DEFAULT_COMPRESSION_LEVEL;
    boolean sweep = Arrays.asList(args).contains("--sweep");

    byte[] input = Files.readAllBytes(file);
    RenderSettings settings = new RenderSettings(RenderSettings.DEFAULT_QUANTITY, RenderSettings.DEFAULT_MIN_DBZ,
        RenderSettings.DEFAULT_MAX_PIXELS, compression, Projection.NATIVE);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();

    try (FrameRenderer renderer = new FrameRenderer(settings)) {
      FrameRenderer.Rendered first = renderer.render(input, Scaling.ODIM_DEFAULTS);
      long pixels = (long) first.width() * first.height();
      System.out.printf(Locale.ROOT, "file %s: %dx%d (%d pixels), %d bytes in, PNG %d bytes (%s)%n",
          file.getFileName(), first.width(), first.height(), pixels, input.length, first.png().length, compression);
      for (int i = 0; i < 3; i++) {
        renderer.render(input, Scaling.ODIM_DEFAULTS); // warm-up
        inflateFloor(input, datasetPath);
        deflateFloor(renderer.lastIndices(), first.width(), first.height(), level);
      }
      double[] open = new double[iterations];
      double[] decode = new double[iterations];
      double[] lut = new double[iterations];
      double[] png = new double[iterations];
      double[] total = new double[iterations];
      double[] inflate = new double[iterations];
      double[] deflate = new double[iterations];
      long alloc = Long.MAX_VALUE;
      for (int i = 0; i < iterations; i++) {
        long a0 = mx.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        renderer.render(input, Scaling.ODIM_DEFAULTS);
        long t1 = System.nanoTime();
        long a1 = mx.getThreadAllocatedBytes(tid);
        alloc = Math.min(alloc, a1 - a0);
        FrameRenderer.Timings t = renderer.lastTimings();
        open[i] = t.open / 1e6;
        lut[i] = t.lut / 1e6;
        decode[i] = t.decode / 1e6;
        png[i] = t.png / 1e6;
        total[i] = (t1 - t0) / 1e6;
        inflate[i] = inflateFloor(input, datasetPath) / 1e6;
        deflate[i] = deflateFloor(renderer.lastIndices(), first.width(), first.height(), level) / 1e6;
      }
      double tot = median(total);
      double inf = median(inflate);
      double def = median(deflate);
      System.out.printf(Locale.ROOT, "per frame (median of %d): open %.1f ms, decode+LUT map %.1f ms, LUT lookup/build %.2f ms,"
          + " PNG %.1f ms, total %.1f ms%n", iterations, median(open), median(decode), median(lut), median(png), tot);
      System.out.printf(Locale.ROOT, "inflate floor (java.util.zip over the file's chunks): %.1f ms; total / inflate floor = %.2f%n",
          inf, tot / inf);
      System.out.printf(Locale.ROOT, "Deflater level %d over the same indices: %.1f ms; inflate + that = %.1f ms, total / it = %.2f%n",
          level, def, inf + def, tot / (inf + def));
      System.out.printf(Locale.ROOT, "allocated per frame: %d bytes = %.3f bytes/pixel; beyond the %d-byte input: %.3f bytes/pixel%n",
          alloc, (double) alloc / pixels, input.length, (double) Math.max(0, alloc - input.length) / pixels);
      System.out.printf(Locale.ROOT, "vs the Python system (1750-2600 ms per DWD frame): %.0fx to %.0fx faster%n",
          1750 / tot, 2600 / tot);
      if (sweep) {
        sweep(renderer.lastIndices(), first.width(), first.height());
      }
    }
  }

  /** Nanoseconds of the inflating any renderer of this file must do: every chunk through java.util.zip. */
  private static long inflateFloor(byte[] input, String datasetPath) {
    long t0 = System.nanoTime();
    byte[] scratch = new byte[1 << 16];
    Inflater inf = new Inflater();
    try (HdfFile f = HdfFile.fromBytes(input)) {
      Dataset ds = f.getDatasetByPath(datasetPath);
      ChunkedDataset cd = (ChunkedDataset) ds;
      int[] chunk = cd.getChunkDimensions();
      int[] dims = ds.getDimensions();
      for (int r = 0; r < dims[0]; r += chunk[0]) {
        for (int c = 0; c < dims[1]; c += chunk[1]) {
          ByteBuffer raw = cd.getRawChunkBuffer(new int[] {r, c});
          inf.reset();
          inf.setInput(raw);
          while (!inf.finished() && inf.inflate(scratch) > 0) {
            // discard: only the cost matters
          }
        }
      }
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalStateException(e);
    } finally {
      inf.end();
    }
    return System.nanoTime() - t0;
  }

  /** Nanoseconds of java.util.zip's Deflater at {@code level} over the index image, no PNG around it. */
  private static long deflateFloor(byte[] indices, int w, int h, int level) {
    long t0 = System.nanoTime();
    byte[] scratch = new byte[1 << 16];
    Deflater def = new Deflater(level);
    def.setInput(indices, 0, w * h);
    def.finish();
    while (!def.finished()) {
      def.deflate(scratch);
    }
    def.end();
    return System.nanoTime() - t0;
  }

  /** PNG size and time for each filter and level, to choose the defaults. */
  private static void sweep(byte[] indices, int w, int h) {
    System.out.println("filter strategy level bytes ms");
    for (PngFilter f : PngFilter.values()) {
      for (boolean filtered : new boolean[] {false, true}) {
      for (int level : new int[] {1, 3, 6, 9}) {
        try (IndexedPngWriter writer = new IndexedPngWriter(level, f, filtered)) {
          writer.write(indices, w, h);
          double[] ms = new double[3];
          int size = 0;
          for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            size = writer.write(indices, w, h).length;
            ms[i] = (System.nanoTime() - t0) / 1e6;
          }
          System.out.printf(Locale.ROOT, "%-6s %-8s %5d %8d %6.1f%n", f, filtered ? "FILTERED" : "DEFAULT", level, size, median(ms));
        }
      }
      }
    }
  }

}
