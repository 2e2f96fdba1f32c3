package org.radarbeam.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.radarbeam.codec.netcdf.OmszFixtures;
import org.radarbeam.codec.odim.OdimFixtures;
import org.radarbeam.codec.odim.OdimFixtures.Level;
import org.radarbeam.geo.NativeCrs;

/**
 * Writes one 5-minute slot, 2025-11-17 15:00 UTC, of synthetic SHMU, CHMI, OMSZ and ARSO frames
 * on their real grids, laid out as imeteo-radar reads them, named as the providers name them, for
 * bench/composite.sh, which adds the real DWD frame. Each holds a few smooth echo cells of
 * 10-55 dBZ over a dry background, with no data outside a roughly circular coverage; the seeds
 * are fixed, so every run writes the same bytes.
 *
 * <p>Usage: CompositeSlotFiles DIR (writes DIR/shmu, DIR/chmi, DIR/omsz, DIR/arso).
 */
public final class CompositeSlotFiles {
  static final String SHMU_PROJDEF = "+proj=merc +lon_0=18.7 +lat_0=0 +lon_ts=0 +lat_ts=48.43 +ellps=sphere";
  static final String CHMI_PROJDEF = "+proj=merc +lat_ts=0 +lon_0=0 +x_0=-1254222.15 +y_0=-6702777.85";

  /** The slot's nominal time, UTC. */
  private static final LocalDateTime NOMINAL = LocalDateTime.of(2025, 11, 17, 15, 0);
  /** dBZ of a pixel outside the coverage. */
  private static final float NO_DATA = Float.NaN;
  /** dBZ of a covered pixel without echo. */
  private static final float DRY = Float.NEGATIVE_INFINITY;

  private CompositeSlotFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CompositeSlotFiles DIR");
      System.exit(2);
    }
    Path dir = Paths.get(args[0]);
    shmu(dir.resolve("shmu"));
    chmi(dir.resolve("chmi"));
    omsz(dir.resolve("omsz"));
    arso(dir.resolve("arso"));
  }

  /** ODIM uint8 1560 rows x 2270 columns, scaling in dataset1/what (where imeteo-radar reads SHMU's, not from data1/what). */
  static Path shmu(Path dir) throws IOException {
    int cols = 2270;
    int rows = 1560;
    float[] dbz = echoes(cols, rows, 22);
    OdimFixtures.Comp comp = OdimFixtures.comp().noWhere();
    comp.field(1, 1, "DBZH", odimBytes(dbz, cols, rows, 0.5, -32.5, 255, 0))
        .scaling(0.5, -32.5, 255, 0).at(Level.DATASET).chunks(rows, cols);
    where(comp.extra().group("where"), SHMU_PROJDEF, cols, rows, 13.597751, 46.045447, 23.806870, 50.701424);
    return odim(comp, dir.resolve("T_PABV22_C_LZIB_20251117150000.hdf"), "shmu", dbz, cols, rows);
  }

  /** ODIM uint8 598 x 378 (xsize x ysize), scaling in dataset1/data1/what (where imeteo-radar reads CHMI's). */
  static Path chmi(Path dir) throws IOException {
    int cols = 598;
    int rows = 378;
    float[] dbz = echoes(cols, rows, 23);
    OdimFixtures.Comp comp = OdimFixtures.comp().noWhere();
    comp.field(1, 1, "DBZH", odimBytes(dbz, cols, rows, 0.5, -32, 255, 0))
        .scaling(0.5, -32, 255, 0).at(Level.DATA).chunks(rows, cols);
    where(comp.extra().group("where"), CHMI_PROJDEF, cols, rows, 11.266869, 48.047275, 19.623974, 51.458369);
    return odim(comp, dir.resolve("T_PABV23_C_OKPR_20251117150000.hdf"), "chmi", dbz, cols, rows);
  }

  /** netCDF classic in a ZIP, 813 rows x 961 columns of 0.008 x 0.0125 degrees from 50.5 N, 13.5 E. */
  static Path omsz(Path dir) throws IOException {
    int cols = 961;
    int rows = 813;
    float[] dbz = echoes(cols, rows, 24);
    int[] raw = new int[dbz.length];
    for (int i = 0; i < raw.length; i++) {
      // raw 255 outside coverage, 0 the dry background; dBZ = raw x 0.5 - 32
      raw[i] = Float.isNaN(dbz[i]) ? 255 : dbz[i] == DRY ? 0 : clamp(Math.round((dbz[i] + 32) / 0.5f), 1, 254);
    }
    OmszFixtures.Omsz grid = new OmszFixtures.Omsz(cols, rows, raw);
    grid.gmTime = "202511171500";
    Path file = dir.resolve("radar_composite-refl2D-20251117_1500.nc.zip");
    Files.createDirectories(dir);
    // OmszFixtures.zip stamps the member with the current time: a fixed stamp keeps the bytes the same
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      ZipEntry member = new ZipEntry("radar_composite-refl2D-20251117_1500.nc");
      member.setTimeLocal(NOMINAL); // DOS time, whatever the JVM's time zone
      zip.putNextEntry(member);
      zip.write(OmszFixtures.classic(grid, 1));
      zip.closeEntry();
    }
    report("omsz", file, dbz, cols, rows);
    return file;
  }

  /** SRD-3 text, 401 x 301 cells, one line per row, north first. */
  static Path arso(Path dir) throws IOException {
    int cols = 401;
    int rows = 301;
    float[] dbz = echoes(cols, rows, 25);
    StringBuilder text = new StringBuilder("# ARSO radar composite SI0, zm (synthetic)\n")
        .append("domain SI0\ntime 2025 11 17 15 0\nncell ").append(cols).append(' ').append(rows)
        .append("\nunit DBZ\noffset 64\nstart 12.0\nslope 3.0\nDATA\n");
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float z = dbz[r * cols + c];
        // value = 12 + 3 x (code - 64); '@' (64) is both no data and dry, as ARSO has no undetect code
        int code = Float.isNaN(z) || z < 13.5f ? 64 : clamp(64 + Math.round((z - 12) / 3), 65, 126);
        text.append((char) code);
      }
      text.append('\n');
    }
    Path file = dir.resolve("si0-zm.srd");
    Files.createDirectories(dir);
    Files.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    report("arso", file, dbz, cols, rows);
    return file;
  }

  /**
   * dBZ per pixel, row 0 north: NO_DATA outside a wobbly ellipse inscribed in the grid, else DRY or
   * the strongest of a few Gaussian cells (peaks 30-55 dBZ, cut at 10 dBZ) with +-1.5 dBZ of noise,
   * so the PNG encoder sees texture as in real fields.
   */
  static float[] echoes(int cols, int rows, long seed) {
    Random rnd = new Random(seed);
    int n = 5 + rnd.nextInt(3);
    double[][] cells = new double[n][]; // centre u, v (grid fractions), radius u, v, peak dBZ
    for (int i = 0; i < n; i++) {
      double a = 2 * Math.PI * rnd.nextDouble();
      double d = 0.3 * Math.sqrt(rnd.nextDouble());
      cells[i] = new double[] {0.5 + d * Math.cos(a), 0.5 + d * Math.sin(a),
          0.03 + 0.07 * rnd.nextDouble(), 0.03 + 0.07 * rnd.nextDouble(), 30 + 25 * rnd.nextDouble()};
    }
    double p3 = 2 * Math.PI * rnd.nextDouble();
    double p5 = 2 * Math.PI * rnd.nextDouble();
    float[] out = new float[cols * rows];
    for (int r = 0; r < rows; r++) {
      double v = (r + 0.5) / rows;
      for (int c = 0; c < cols; c++) {
        double u = (c + 0.5) / cols;
        double du = (u - 0.5) / 0.47;
        double dv = (v - 0.5) / 0.47;
        double angle = Math.atan2(dv, du);
        double edge = 1 + 0.05 * Math.sin(3 * angle + p3) + 0.03 * Math.sin(5 * angle + p5);
        if (du * du + dv * dv > edge * edge) {
          out[r * cols + c] = NO_DATA;
          continue;
        }
        double z = 0;
        for (double[] k : cells) {
          double x = (u - k[0]) / k[2];
          double y = (v - k[1]) / k[3];
          z = Math.max(z, k[4] * Math.exp(-0.5 * (x * x + y * y)));
        }
        out[r * cols + c] = z < 10 ? DRY : (float) Math.min(55, z + 3 * (rnd.nextDouble() - 0.5));
      }
    }
    return out;
  }

  /** ODIM uint8 rows: nodata outside coverage, undetect where dry, else the nearest raw value in between. */
  static byte[][] odimBytes(float[] dbz, int cols, int rows, double gain, double offset, int nodata, int undetect) {
    byte[][] out = new byte[rows][cols];
    int lo = Math.min(nodata, undetect) + 1;
    int hi = Math.max(nodata, undetect) - 1;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float z = dbz[r * cols + c];
        int raw = Float.isNaN(z) ? nodata : z == DRY ? undetect : clamp((int) Math.round((z - offset) / gain), lo, hi);
        out[r][c] = (byte) raw;
      }
    }
    return out;
  }

  /**
   * The /where of a Mercator grid whose outer edges are imeteo-radar's static extent for the source:
   * imeteo-radar derives that extent from corners that are pixel centres, so they lie half a pixel
   * inside it.
   */
  static void where(OdimFixtures.H5Group where, String projdef, int cols, int rows,
      double west, double south, double east, double north) {
    NativeCrs crs = NativeCrs.parse(projdef);
    double[] sw = new double[2];
    double[] ne = new double[2];
    crs.forward(west, south, sw);
    crs.forward(east, north, ne);
    double pw = (ne[0] - sw[0]) / cols;
    double ph = (ne[1] - sw[1]) / rows;
    double[] lo = new double[2];
    double[] hi = new double[2];
    crs.inverse(sw[0] + pw / 2, sw[1] + ph / 2, lo);
    crs.inverse(ne[0] - pw / 2, ne[1] - ph / 2, hi);
    where.attr("projdef", projdef)
        .attr("xsize", (long) cols).attr("ysize", (long) rows)
        .attr("xscale", pw).attr("yscale", ph)
        .attr("UL_lon", lo[0]).attr("UL_lat", hi[1])
        .attr("UR_lon", hi[0]).attr("UR_lat", hi[1])
        .attr("LL_lon", lo[0]).attr("LL_lat", lo[1])
        .attr("LR_lon", hi[0]).attr("LR_lat", lo[1]);
  }

  private static Path odim(OdimFixtures.Comp comp, Path file, String source, float[] dbz, int cols, int rows)
      throws IOException {
    Files.createDirectories(file.getParent());
    OdimFixtures.write(comp.tree(), file); // reads the file back and compares it with the tree
    report(source, file, dbz, cols, rows);
    return file;
  }

  private static void report(String source, Path file, float[] dbz, int cols, int rows) throws IOException {
    int covered = 0;
    int echo = 0;
    for (float z : dbz) {
      covered += Float.isNaN(z) ? 0 : 1;
      echo += Float.isNaN(z) || z == DRY ? 0 : 1;
    }
    System.out.printf(Locale.ROOT, "%-5s %dx%d, covered %.0f%%, echo %.1f%%, %d bytes: %s%n", source, cols, rows,
        100.0 * covered / dbz.length, 100.0 * echo / dbz.length, Files.size(file), file);
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
