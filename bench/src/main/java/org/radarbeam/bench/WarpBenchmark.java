package org.radarbeam.bench;

import static org.radarbeam.bench.BenchArgs.arg;
import static org.radarbeam.bench.BenchArgs.median;
import static org.radarbeam.bench.BenchArgs.realDwdFrame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.radarbeam.geo.NativeGrid;
import org.radarbeam.geo.SuggestedWarpOutput;
import org.radarbeam.geo.WarpPlan;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;

/**
 * Cost of the Web Mercator warp on one ODIM file: plan build (once per grid and worker), warp per
 * frame, and a reprojected frame against a native one. Native = FrameRenderer.render (open, decode,
 * PNG of the native grid); reprojected = the same open + decode, the warp, and the PNG of the
 * warped grid (same IndexedPngWriter settings). Target: reprojected / native <= 1.5.
 *
 * <p>Usage: WarpBenchmark [FILE] [--iterations=N] [--step=N]; FILE defaults to the DWD HX file
 * under ${radarbeam.shared:-../shared}/testdata/real.
 */
public final class WarpBenchmark {
  private WarpBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = args.length > 0 && !args[0].startsWith("--") ? Paths.get(args[0])
        : realDwdFrame();
    int iterations = Integer.parseInt(arg(args, "iterations", "10"));
    int step = Integer.parseInt(arg(args, "step", String.valueOf(WarpPlan.DEFAULT_STEP)));
    byte[] input = Files.readAllBytes(file);
    RenderSettings settings = RenderSettings.defaults();
    Scaling defaults = new Scaling(1, 0, 65535, 0, false);

    try (FrameRenderer renderer = new FrameRenderer(settings);
        IndexedPngWriter png = new IndexedPngWriter(settings.png())) {
      FrameRenderer.Rendered first = renderer.render(input, defaults);
      NativeGrid grid = NativeGrid.of(first.geometry(), first.width(), first.height());

      long t0 = System.nanoTime();
      WarpPlan plan = WarpPlan.build(grid, SuggestedWarpOutput.compute(grid), step, WarpPlan.DEFAULT_TOLERANCE);
      double coldBuild = (System.nanoTime() - t0) / 1e6;
      double[] builds = new double[5];
      for (int i = 0; i < builds.length; i++) {
        long b0 = System.nanoTime();
        plan = WarpPlan.build(grid, SuggestedWarpOutput.compute(grid), step, WarpPlan.DEFAULT_TOLERANCE);
        builds[i] = (System.nanoTime() - b0) / 1e6;
      }
      byte[] dst = new byte[plan.width() * plan.height()];
      for (int i = 0; i < 3; i++) { // warm-up
        renderer.render(input, defaults);
        plan.warp(renderer.lastIndices(), dst);
        png.write(dst, plan.width(), plan.height());
      }

      double[] nativeMs = new double[iterations];
      double[] nativePng = new double[iterations];
      double[] warpMs = new double[iterations];
      double[] warpedPng = new double[iterations];
      double[] reprojectedMs = new double[iterations];
      int nativeBytes = 0;
      int warpedBytes = 0;
      for (int i = 0; i < iterations; i++) {
        long a = System.nanoTime();
        FrameRenderer.Rendered r = renderer.render(input, defaults);
        long b = System.nanoTime();
        FrameRenderer.Timings t = renderer.lastTimings();
        plan.warp(renderer.lastIndices(), dst);
        long c = System.nanoTime();
        warpedBytes = png.write(dst, plan.width(), plan.height()).length;
        long d = System.nanoTime();
        nativeBytes = r.png().length;
        nativeMs[i] = (b - a) / 1e6;
        nativePng[i] = t.png / 1e6;
        warpMs[i] = (c - b) / 1e6;
        warpedPng[i] = (d - c) / 1e6;
        reprojectedMs[i] = nativeMs[i] - nativePng[i] + warpMs[i] + warpedPng[i];
      }
      long srcPixels = (long) first.width() * first.height();
      long dstPixels = (long) plan.width() * plan.height();
      System.out.printf(Locale.ROOT, "file %s: native %dx%d -> Web Mercator %dx%d%n",
          file.getFileName(), first.width(), first.height(), plan.width(), plan.height());
      double[] bb = plan.bounds();
      System.out.printf(Locale.ROOT, "bounds W %.6f S %.6f E %.6f N %.6f%n", bb[0], bb[1], bb[2], bb[3]);
      System.out.printf(Locale.ROOT, "plan: build %.1f ms cold (first in JVM), %.1f ms warm; step %d, max error %.4f px,"
          + " %d refined cells, %d bytes = %.4f bytes per destination pixel%n",
          coldBuild, median(builds), step, plan.maxError(), plan.refinedCells(), plan.memoryBytes(),
          (double) plan.memoryBytes() / dstPixels);
      System.out.printf(Locale.ROOT, "warp per frame (median of %d): %.1f ms = %.2f ns per destination pixel%n",
          iterations, median(warpMs), median(warpMs) * 1e6 / dstPixels);
      System.out.printf(Locale.ROOT, "native frame: %.1f ms (PNG %.1f ms, %d bytes)%n",
          median(nativeMs), median(nativePng), nativeBytes);
      System.out.printf(Locale.ROOT, "reprojected frame: %.1f ms (warp %.1f ms, PNG %.1f ms, %d bytes)%n",
          median(reprojectedMs), median(warpMs), median(warpedPng), warpedBytes);
      System.out.printf(Locale.ROOT, "ratio reprojected / native: %.2f (target <= 1.5); pixels %.3fx%n",
          median(reprojectedMs) / median(nativeMs), (double) dstPixels / srcPixels);
    }
  }

}
