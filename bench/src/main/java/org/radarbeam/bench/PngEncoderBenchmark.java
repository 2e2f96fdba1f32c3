package org.radarbeam.bench;

import static org.radarbeam.bench.BenchArgs.arg;
import static org.radarbeam.bench.BenchArgs.median;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.png.PngCompression;
import org.radarbeam.png.PngFilter;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;

/**
 * PNG compression of one real frame's palette indices: Deflater level 6 (no filter, the default
 * today), Deflater level 9, and run-length deflate over Up-filtered rows, timed in turns in the same
 * run so that the ratios hold on a noisy shared machine. Prints per encoder the file size, median
 * and fastest time, speed against Deflater level 6, whether the size target holds, whether
 * javax.imageio decodes exactly the frame's indices, and the bytes the write allocates beyond the
 * returned file (fewest over the runs).
 *
 * <p>Usage: PngEncoderBenchmark FILE [--iterations=N] [--target=BYTES] [--all-filters]
 */
public final class PngEncoderBenchmark {
  /** The run-length file must be no larger than imeteo-radar's level-9 file of the same frame. */
  private static final long DEFAULT_TARGET = 682_331;

  private PngEncoderBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: PngEncoderBenchmark FILE [--iterations=N] [--target=BYTES] [--all-filters]");
      System.exit(2);
    }
    Path file = Paths.get(args[0]);
    int iterations = Integer.parseInt(arg(args, "iterations", "15"));
    long target = Long.parseLong(arg(args, "target", String.valueOf(DEFAULT_TARGET)));
    boolean allFilters = Arrays.asList(args).contains("--all-filters");

    byte[] input = Files.readAllBytes(file);
    RenderSettings settings = new RenderSettings(RenderSettings.DEFAULT_QUANTITY, RenderSettings.DEFAULT_MIN_DBZ,
        RenderSettings.DEFAULT_MAX_PIXELS, RenderSettings.DEFAULT_COMPRESSION_LEVEL, PngFilter.NONE);
    byte[] indices;
    int w;
    int h;
    try (FrameRenderer renderer = new FrameRenderer(settings)) {
      FrameRenderer.Rendered r = renderer.render(input, Scaling.ODIM_DEFAULTS);
      w = r.width();
      h = r.height();
      indices = Arrays.copyOf(renderer.lastIndices(), w * h);
    }
    System.out.printf(Locale.ROOT, "file %s: %dx%d palette indices%n", file.getFileName(), w, h);

    String[] names;
    PngCompression[] modes;
    if (allFilters) {
      names = new String[] {"deflater 6 NONE", "deflater 9 NONE", "rle UP", "rle NONE", "rle SUB"};
      modes = new PngCompression[] {PngCompression.deflater(6), PngCompression.deflater(9), PngCompression.rle(),
          PngCompression.rle(PngFilter.NONE), PngCompression.rle(PngFilter.SUB)};
    } else {
      names = new String[] {"deflater 6 NONE", "deflater 9 NONE", "rle UP"};
      modes = new PngCompression[] {PngCompression.deflater(6), PngCompression.deflater(9), PngCompression.rle()};
    }
    IndexedPngWriter[] writers = new IndexedPngWriter[modes.length];
    int[] bytes = new int[modes.length];
    boolean[] exact = new boolean[modes.length];
    double[][] ms = new double[modes.length][iterations];
    long[] alloc = new long[modes.length];
    Arrays.fill(alloc, Long.MAX_VALUE);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    try {
      for (int m = 0; m < modes.length; m++) {
        writers[m] = new IndexedPngWriter(modes[m]);
        byte[] png = writers[m].write(indices, w, h);
        bytes[m] = png.length;
        exact[m] = Arrays.equals(indices, decode(png));
      }
      for (int i = 0; i < 3; i++) { // warm-up
        for (IndexedPngWriter writer : writers) {
          writer.write(indices, w, h);
        }
      }
      for (int i = 0; i < iterations; i++) {
        for (int k = 0; k < modes.length; k++) {
          int m = (i + k) % modes.length; // rotate the order: no encoder always runs after the same one
          long a0 = mx.getThreadAllocatedBytes(tid);
          long t0 = System.nanoTime();
          byte[] png = writers[m].write(indices, w, h);
          ms[m][i] = (System.nanoTime() - t0) / 1e6;
          // beyond the returned file: what the encoder itself allocates per frame
          alloc[m] = Math.min(alloc[m], mx.getThreadAllocatedBytes(tid) - a0 - png.length);
        }
      }
    } finally {
      for (IndexedPngWriter writer : writers) {
        if (writer != null) {
          writer.close();
        }
      }
    }

    double base = median(ms[0]);
    System.out.printf(Locale.ROOT, "%-16s %10s %9s %9s %9s %13s %13s %10s%n", "encoder", "bytes", "median ms", "min ms",
        "vs def 6", "<= " + target, "pixels exact", "alloc B");
    for (int m = 0; m < modes.length; m++) {
      double med = median(ms[m]);
      double min = Arrays.stream(ms[m]).min().orElse(Double.NaN);
      System.out.printf(Locale.ROOT, "%-16s %10d %9.1f %9.1f %8.2fx %13s %13s %10d%n", names[m], bytes[m], med, min,
          base / med, bytes[m] <= target ? "yes" : "no", exact[m] ? "yes" : "NO", alloc[m]);
    }
  }

  /** The palette indices of a PNG through javax.imageio, an independent decoder. */
  private static byte[] decode(byte[] png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
  }
}
