package org.radarbeam.geo;

/**
 * The destination grid GDAL suggests for warping a source grid to EPSG:3857, as upstream gets it
 * from rasterio's {@code calculate_default_transform} (GDALSuggestedWarpOutput2 over an exact
 * GenImgProj transformer). Re-stated step by step from GDAL 3.x alg/gdaltransformer.cpp, because
 * the result must match upstream's to 1e-5 degrees and every sampling detail moves the bounds:
 * <ol>
 *   <li>nSteps = (int)(min(W, H) / 50 + 0.5), clamped to 20..100; sample nSteps + 1 points along
 *       each edge (top, bottom, left, right, in that order) at pixel coordinates ratio * W or * H;
 *   <li>if any fails, or fails to come back within W/nSteps, H/nSteps pixels through the inverse
 *       transform, sample a full (nSteps + 1)^2 grid instead;
 *   <li>the bbox of the successful points, plus the points of a bisection (16 steps) wherever
 *       Mercator x changes sign between neighbouring top/bottom samples (GDAL's antimeridian
 *       search; in 3857 it fires where a source edge crosses the Greenwich meridian);
 *   <li>square pixel size = |T(0,0) -> T(W,H)| (transformed top-left to bottom-right corner,
 *       or the bbox diagonal if that has a zero component) / sqrt(W^2 + H^2);
 *   <li>dims = (int)(extent / size + 0.5);
 *   <li>GDAL's right/bottom border checks (shrink the pixel by 0..100% of one pixel if the last
 *       column or row would fall completely outside the source), then maxX and minY follow from
 *       the dims.
 * </ol>
 * GDAL's longitude sign-discontinuity fix (ticket 7243) only concerns geographic destinations
 * and is left out.
 */
public final class SuggestedWarpOutput {
  private static final double[] BORDER_RATIOS = {0.000, 0.001, 0.010, 0.100, 1.000};

  private SuggestedWarpOutput() {}

  /** The suggested EPSG:3857 grid for {@code src}. */
  public static WebMercatorGrid compute(NativeGrid src) {
    return compute(new GridTransform(src));
  }

  static WebMercatorGrid compute(GridTransform t) {
    final int w = t.source().width();
    final int h = t.source().height();
    int steps = (int) ((double) Math.min(h, w) / 50 + 0.5);
    steps = Math.min(Math.max(steps, 20), 100);
    final double step = 1.0 / steps;
    final int n1 = steps + 1;

    double[] xs = new double[n1 * n1];
    double[] ys = new double[n1 * n1];
    boolean[] ok = new boolean[n1 * n1];
    double[] p = new double[2];

    for (int i = 0; i <= steps; i++) {
      double ratio = i == steps ? 1.0 : i * step;
      xs[i] = ratio * w; // top
      ys[i] = 0.0;
      xs[n1 + i] = ratio * w; // bottom
      ys[n1 + i] = h;
      xs[2 * n1 + i] = 0.0; // left
      ys[2 * n1 + i] = ratio * h;
      xs[3 * n1 + i] = w; // right
      ys[3 * n1 + i] = ratio * h;
    }
    int samples = 4 * n1;
    int failed = 0;
    for (int i = 0; i < samples; i++) {
      ok[i] = t.toMercator(xs[i], ys[i], p);
      xs[i] = p[0];
      ys[i] = p[1];
      if (!ok[i]) {
        failed++;
      }
    }
    if (failed == 0) {
      failed = revertFailures(t, xs, ys, samples, steps, w, h);
    }
    boolean grid = failed > 0;
    if (grid) {
      samples = 0;
      for (int i = 0; i <= steps; i++) {
        double ratio = i == steps ? 1.0 : i * step;
        for (int j = 0; j <= steps; j++) {
          double ratio2 = j == steps ? 1.0 : j * step;
          ok[samples] = t.toMercator(ratio2 * w, ratio * h, p);
          xs[samples] = p[0];
          ys[samples] = p[1];
          samples++;
        }
      }
    }

    // Bounds of the successful points, with GDAL's bisection where x changes sign.
    double minX = 0;
    double minY = 0;
    double maxX = 0;
    double maxY = 0;
    boolean got = false;
    failed = 0;
    for (int i = 0; i < samples; i++) {
      int xi;
      int yi;
      if (grid) {
        xi = i % n1;
        yi = i / n1;
      } else if (i < 2 * n1) {
        xi = i % n1;
        yi = i < n1 ? 0 : steps;
      } else {
        xi = 0;
        yi = 0;
      }
      if (xi > 0 && (ok[i - 1] || ok[i])) {
        double outBefore = xs[i - 1];
        double outAfter = xs[i];
        double inBefore = (double) (xi - 1) * w / steps;
        double inAfter = (double) xi * w / steps;
        boolean validBefore = ok[i - 1];
        boolean validAfter = ok[i];
        int iter = 0;
        while ((!validBefore || !validAfter || outBefore * outAfter < 0.0) && iter < 16) {
          double mid = (inBefore + inAfter) / 2.0;
          double y = (double) yi * h / steps;
          if (!t.toMercator(mid, y, p)) {
            if (!validBefore) {
              inBefore = mid;
            } else if (!validAfter) {
              inAfter = mid;
            } else {
              break;
            }
          } else {
            if (!got) {
              got = true;
              minX = maxX = p[0];
              minY = maxY = p[1];
            } else {
              minX = Math.min(minX, p[0]);
              minY = Math.min(minY, p[1]);
              maxX = Math.max(maxX, p[0]);
              maxY = Math.max(maxY, p[1]);
            }
            if (!validBefore || outBefore * p[0] < 0) {
              validAfter = true;
              inAfter = mid;
              outAfter = p[0];
            } else {
              validBefore = true;
              outBefore = p[0];
              inBefore = mid;
            }
          }
          iter++;
        }
      }
      if (!ok[i]) {
        failed++;
        continue;
      }
      if (!got) {
        got = true;
        minX = maxX = xs[i];
        minY = maxY = ys[i];
      } else {
        minX = Math.min(minX, xs[i]);
        minY = Math.min(minY, ys[i]);
        maxX = Math.max(maxX, xs[i]);
        maxY = Math.max(maxY, ys[i]);
      }
    }
    if (failed > samples - 10) {
      throw new IllegalArgumentException("too many points (" + failed + " of " + samples
          + ") failed to transform to Web Mercator: " + t.source());
    }

    double dx = 0.0;
    double dy = 0.0;
    if (ok[0] && ok[samples - 1]) {
      dx = xs[samples - 1] - xs[0];
      dy = ys[samples - 1] - ys[0];
    }
    if (dx == 0.0 || dy == 0.0) {
      dx = maxX - minX;
      dy = maxY - minY;
    }
    double diagonal = Math.sqrt(dx * dx + dy * dy);
    double pixelSize = diagonal / Math.sqrt((double) w * w + (double) h * h);
    double pixels = (maxX - minX) / pixelSize;
    double lines = (maxY - minY) / pixelSize;
    if (!(pixels < Integer.MAX_VALUE - 1) || !(lines < Integer.MAX_VALUE - 1)) {
      throw new IllegalArgumentException("destination grid too big or undefined: " + pixels + " x " + lines);
    }
    int nPixels = (int) (pixels + 0.5);
    int nLines = (int) (lines + 0.5);
    if (nPixels < 1 || nLines < 1) {
      throw new IllegalArgumentException("empty destination grid for " + t.source());
    }

    double sizeX = pixelSize;
    double sizeY = pixelSize;
    for (double ratio : BORDER_RATIOS) {
      double tryX = sizeX - sizeX * ratio / nPixels;
      if (!mustAdjustRight(t, minX + nPixels * tryX, maxY, nLines, tryX, sizeY)) {
        sizeX = tryX;
        break;
      }
    }
    for (double ratio : BORDER_RATIOS) {
      double tryY = sizeY - sizeY * ratio / nLines;
      if (!mustAdjustBottom(t, minX, maxY - nLines * tryY, nPixels, sizeX, tryY)) {
        sizeY = tryY;
        break;
      }
    }
    return new WebMercatorGrid(minX, maxY, sizeX, sizeY, nPixels, nLines);
  }

  /** GDAL's check that the edge samples come back (through the inverse) near where they started. */
  private static int revertFailures(GridTransform t, double[] xs, double[] ys, int samples, int steps, int w, int h) {
    double[] p = new double[2];
    int n1 = steps + 1;
    double step = 1.0 / steps;
    for (int i = 0; i < samples; i++) {
      if (!t.toSource(xs[i], ys[i], p)) {
        return 1;
      }
      double ratio = (i % n1) * step;
      if (ratio > 0.99) {
        ratio = 1.0;
      }
      double ex;
      double ey;
      if (i < n1) {
        ex = ratio * w;
        ey = 0.0;
      } else if (i < 2 * n1) {
        ex = ratio * w;
        ey = h;
      } else if (i < 3 * n1) {
        ex = 0.0;
        ey = ratio * h;
      } else {
        ex = w;
        ey = ratio * h;
      }
      if (Math.abs(p[0] - ex) > w / (double) steps || Math.abs(p[1] - ey) > h / (double) steps) {
        return 1;
      }
    }
    return 0;
  }

  /** True when all 21 samples of the right border fail the round trip destination -> source -> destination. */
  private static boolean mustAdjustRight(GridTransform t, double maxX, double maxY, int lines, double sizeX, double sizeY) {
    int bad = 0;
    int n = 0;
    double[] s = new double[2];
    double[] d = new double[2];
    for (double ratio = 0.0; ratio <= 1.01; ratio += 0.05) {
      double sampleRatio = ratio > 0.99 ? 1.0 : ratio; // GDAL clamps the sample, not the check
      double checkRatio = ratio;
      if (ratio > 0.99) {
        ratio = 1.0;
      }
      double y = maxY - sizeY * sampleRatio * lines;
      double ey = maxY - sizeY * checkRatio * lines;
      boolean okay = t.toSource(maxX, y, s) && t.toMercator(s[0], s[1], d);
      if (!okay || Math.abs(d[0] - maxX) > sizeX || Math.abs(d[1] - ey) > sizeY) {
        bad++;
      }
      n++;
    }
    return bad == n;
  }

  /** True when all 21 samples of the bottom border fail the round trip. */
  private static boolean mustAdjustBottom(GridTransform t, double minX, double minY, int pixels, double sizeX, double sizeY) {
    int bad = 0;
    int n = 0;
    double[] s = new double[2];
    double[] d = new double[2];
    for (double ratio = 0.0; ratio <= 1.01; ratio += 0.05) {
      double sampleRatio = ratio > 0.99 ? 1.0 : ratio;
      double checkRatio = ratio;
      if (ratio > 0.99) {
        ratio = 1.0;
      }
      double x = minX + sizeX * sampleRatio * pixels;
      double ex = minX + sizeX * checkRatio * pixels;
      boolean okay = t.toSource(x, minY, s) && t.toMercator(s[0], s[1], d);
      if (!okay || Math.abs(d[0] - ex) > sizeX || Math.abs(d[1] - minY) > sizeY) {
        bad++;
      }
      n++;
    }
    return bad == n;
  }
}
