package org.radarbeam.bench;

import static org.radarbeam.bench.BenchArgs.arg;
import static org.radarbeam.bench.BenchArgs.median;
import static org.radarbeam.bench.BenchArgs.realDwdFrame;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.composite.CompositeGrid;
import org.radarbeam.composite.SlotComposite;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.png.PngCompression;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;

/**
 * The compute of one composite slot in one JVM, without Beam: per member (the real DWD frame and
 * the synthetic SHMU, CHMI, OMSZ and ARSO frames of bench/composite.sh) its decode, its own Web
 * Mercator image (warp and PNG) and its merge into the 500 m composite grid, then the composite's
 * PNG, as MergeSlotFn does them in turn. Prints the first (cold) slot and the medians of the
 * following ones, so the JIT's share of a short run and the code's own cost can be told apart; run
 * it with -XX:TieredStopAtLevel=1 to see the radar image's compiler.
 *
 * <p>Usage: CompositeSlotBenchmark [--iterations=N]; the DWD frame is read from
 * ${radarbeam.shared:-../shared}/testdata/real.
 */
public final class CompositeSlotBenchmark {
  private record Member(String id, Path file, InputFormat format, Scaling scaling) {}

  private CompositeSlotBenchmark() {}

  public static void main(String[] args) throws Exception {
    int iterations = Integer.parseInt(arg(args, "iterations", "10"));
    Path dir = Files.createTempDirectory("radarbeam-slot-bench");
    try {
      // in MergeSlotFn's order (by source id); the scalings are the job's source catalogue's defaults
      List<Member> members = List.of(
          new Member("arso", CompositeSlotFiles.arso(dir.resolve("arso")), InputFormat.SRD3, Scaling.ODIM_DEFAULTS),
          new Member("chmi", CompositeSlotFiles.chmi(dir.resolve("chmi")), InputFormat.ODIM_H5,
              new Scaling(1.0, 0.0, -32768, 0, true)),
          new Member("dwd", realDwdFrame(), InputFormat.ODIM_H5, new Scaling(1.0, 0.0, 65535, 0, false)),
          new Member("omsz", CompositeSlotFiles.omsz(dir.resolve("omsz")), InputFormat.NETCDF_ZIP,
              Scaling.ODIM_DEFAULTS),
          new Member("shmu", CompositeSlotFiles.shmu(dir.resolve("shmu")), InputFormat.ODIM_H5,
              new Scaling(1.0, 0.0, -32768, 0, true)));
      run(members, iterations);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(List<Member> members, int iterations) throws Exception {
    RenderSettings settings = new RenderSettings(RenderSettings.DEFAULT_QUANTITY, RenderSettings.DEFAULT_MIN_DBZ,
        RenderSettings.DEFAULT_MAX_PIXELS, PngCompression.rle(), Projection.WEBMERCATOR); // the job's defaults
    byte[][] inputs = new byte[members.size()][];
    for (int m = 0; m < inputs.length; m++) {
      inputs[m] = Files.readAllBytes(members.get(m).file());
    }
    int rounds = iterations + 1;
    double[][] decode = new double[members.size()][rounds];
    double[][] image = new double[members.size()][rounds];
    double[][] merge = new double[members.size()][rounds];
    double[] composite = new double[rounds];
    double[] slot = new double[rounds];
    int compositeBytes = 0;
    try (FrameRenderer renderer = new FrameRenderer(settings); IndexedPngWriter png = new IndexedPngWriter(settings.png())) {
      SlotComposite grid = new SlotComposite(CompositeGrid.at(500));
      for (int r = 0; r < rounds; r++) {
        long s0 = System.nanoTime();
        grid.clear();
        for (int m = 0; m < inputs.length; m++) {
          Member member = members.get(m);
          long a = System.nanoTime();
          FrameRenderer.Decoded d = renderer.decode(ByteBuffer.wrap(inputs[m]), member.format(), member.scaling());
          long b = System.nanoTime();
          renderer.encode(d);
          long c = System.nanoTime();
          grid.add(d.indices(), d.geometry(), d.width(), d.height());
          long e = System.nanoTime();
          decode[m][r] = (b - a) / 1e6;
          image[m][r] = (c - b) / 1e6;
          merge[m][r] = (e - c) / 1e6;
        }
        long c0 = System.nanoTime();
        compositeBytes = png.encode(grid.cells(), grid.grid().width(), grid.grid().height()).remaining();
        long c1 = System.nanoTime();
        composite[r] = (c1 - c0) / 1e6;
        slot[r] = (c1 - s0) / 1e6;
      }
    }
    System.out.printf(Locale.ROOT, "composite slot compute, 5 members, %d x %d composite (%d bytes); ms, first slot"
        + " (cold) and median of %d more%n", CompositeGrid.at(500).width(), CompositeGrid.at(500).height(), compositeBytes,
        iterations);
    System.out.printf(Locale.ROOT, "%-10s %17s %17s %17s%n", "member", "decode", "own image", "merge");
    for (int m = 0; m < members.size(); m++) {
      System.out.printf(Locale.ROOT, "%-10s %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f%n", members.get(m).id(),
          decode[m][0], median(warm(decode[m])), image[m][0], median(warm(image[m])), merge[m][0], median(warm(merge[m])));
    }
    System.out.printf(Locale.ROOT, "composite PNG: %.1f ms cold, %.1f ms warm%n", composite[0], median(warm(composite)));
    System.out.printf(Locale.ROOT, "slot: %.1f ms cold, %.1f ms warm%n", slot[0], median(warm(slot)));
  }

  private static double[] warm(double[] v) {
    return java.util.Arrays.copyOfRange(v, 1, v.length);
  }
}
