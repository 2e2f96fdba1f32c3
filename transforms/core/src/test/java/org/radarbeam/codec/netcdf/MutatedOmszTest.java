package org.radarbeam.codec.netcdf;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.MutantOutcome;
import org.radarbeam.codec.netcdf.OmszFixtures.Omsz;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.PngCompression;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;

/**
 * Mutated OMSZ files, rendered as the pipeline renders them: each either renders or is refused with
 * a BadInputException of one line, within a few seconds, whatever its netCDF header or ZIP headers
 * say. Mutations are drawn from fixed seeds over synthetic fixtures, so every run sees the same
 * files: field-aware changes to the netCDF header (counts, lengths, nc_types, vsize, begin offsets),
 * re-zipped so they reach past the ZIP layer, and to the ZIP's local, central and end records.
 */
class MutatedOmszTest {
  private static final int MUTANTS = 400;
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Scaling DEFAULTS = new Scaling(0.5, -32, 255, 0, false);
  private static final long[] INT32 = {0, 1, -1, 2, 4, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFFL,
      0x80000000L, 0xFFFFFFFEL, 0x40000000, 4096, 4097, 8192, 8193};
  private static final long[] INT64 = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
      1L << 32, 1L << 40, 1L << 62, Long.MAX_VALUE / 8 + 1};
  /** Offset and width of the fields of a local header, a central directory entry and the end record. */
  private static final int[][] LOCAL = {{4, 2}, {6, 2}, {8, 2}, {14, 4}, {18, 4}, {22, 4}, {26, 2}, {28, 2}};
  private static final int[][] CENTRAL = {{8, 2}, {10, 2}, {16, 4}, {20, 4}, {24, 4}, {28, 2}, {30, 2}, {32, 2}, {42, 4}};
  private static final int[][] END = {{8, 2}, {10, 2}, {12, 4}, {16, 4}, {20, 2}};

  private static FrameRenderer nativeGrid;
  private static FrameRenderer webMercator;

  @BeforeAll
  static void renderers() {
    nativeGrid = new FrameRenderer(RenderSettings.defaults());
    webMercator = new FrameRenderer(new RenderSettings(RenderSettings.DEFAULT_QUANTITY, RenderSettings.DEFAULT_MIN_DBZ,
        RenderSettings.DEFAULT_MAX_PIXELS, PngCompression.rle(), Projection.WEBMERCATOR));
  }

  @AfterAll
  static void close() {
    nativeGrid.close();
    webMercator.close();
  }

  /** The netCDF classic seeds: CDF-1, -2 and -5, a record variable, scalars as global attributes. */
  private static byte[] seed(int which) {
    Random r = new Random(7);
    int[] raw = new int[24 * 16];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(256);
    }
    Omsz o = new Omsz(24, 16, raw);
    o.recordVariable = which == 3;
    o.scalarsAsAttributes = which == 4;
    return OmszFixtures.classic(o, which == 0 || which == 3 ? 1 : which == 1 ? 2 : 5);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void mutatedNetcdfRezipped(int which) {
    byte[] nc = seed(which);
    int headerEnd = headerEnd(nc);
    run("netCDF seed " + which, which, r -> rezip(r, mutateNetcdf(r, nc, headerEnd)));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void mutatedZip(int which) {
    byte[] nc = seed(which);
    run("ZIP seed " + which, 100 + which, r -> mutateZip(r, rezip(r, nc)));
  }

  private interface Mutator {
    byte[] next(Random r);
  }

  /** Renders {@link #MUTANTS} mutants; any outcome but a frame or a one-line BadInputException fails. */
  private static void run(String what, long seed, Mutator mutator) {
    Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    int ok = 0;
    for (int i = 0; i < MUTANTS; i++) {
      Random r = new Random(seed * 1_000_003L + i);
      FrameRenderer renderer = r.nextInt(4) == 0 ? webMercator : nativeGrid;
      byte[] mutant = mutator.next(r);
      String id = what + ", mutant " + i + " (" + mutant.length + " bytes)";
      Kind kind = assertTimeoutPreemptively(BOUND,
          () -> MutantOutcome.of(renderer, mutant, InputFormat.NETCDF_ZIP, DEFAULTS, id), id + " took too long");
      if (kind == null) {
        ok++;
      } else {
        kinds.merge(kind, 1, Integer::sum);
      }
    }
    assertTrue(ok > 0 && !kinds.isEmpty(), what + ": the mutants should both render and fail: " + ok + " rendered, " + kinds);
  }

  static int headerEnd(byte[] nc) {
    try {
      return (int) NetcdfClassicReader.parse(nc).variables().values().stream().mapToLong(v -> v.begin).min().orElse(nc.length);
    } catch (BadInputException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The netCDF zipped in one of three ways: ZipOutputStream (deflated, a data descriptor), stored or deflated with sizes. */
  static byte[] rezip(Random r, byte[] nc) {
    switch (r.nextInt(3)) {
      case 0: return OmszFixtures.zip("omsz.nc", nc);
      case 1: return OmszFixtures.zipWithSizes("omsz.nc", nc, 0);
      default: return OmszFixtures.zipWithSizes("omsz.nc", nc, 8);
    }
  }

  /** One to four changes, most of them to aligned fields of the header. */
  static byte[] mutateNetcdf(Random r, byte[] nc, int headerEnd) {
    byte[] b = nc.clone();
    boolean wide = nc[3] != 1;
    for (int k = 1 + r.nextInt(4); k > 0 && b.length >= 8; k--) {
      int limit = r.nextInt(5) == 0 ? b.length : Math.min(headerEnd, b.length);
      int at = 4 * r.nextInt(limit / 4);
      ByteBuffer buf = ByteBuffer.wrap(b);
      switch (r.nextInt(8)) {
        case 0, 1, 2 -> {
          if (wide && r.nextBoolean() && at + 8 <= b.length) {
            buf.putLong(at, r.nextInt(3) == 0 ? buf.getLong(at) + r.nextInt(9) - 4 : INT64[r.nextInt(INT64.length)]);
          } else if (at + 4 <= b.length) {
            buf.putInt(at, (int) (r.nextInt(3) == 0 ? buf.getInt(at) + r.nextInt(9) - 4 : INT32[r.nextInt(INT32.length)]));
          }
        }
        case 3 -> b[at + r.nextInt(4) % (b.length - at)] ^= (byte) (1 << r.nextInt(8));
        case 4 -> b[at] = (byte) (r.nextBoolean() ? 0 : r.nextBoolean() ? 0xFF : r.nextInt());
        case 5 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
        case 6 -> b[3] = (byte) new int[] {1, 2, 5, 3, 0}[r.nextInt(5)];
        default -> {
          int from = 4 * r.nextInt(limit / 4);
          int n = Math.min(4 * (1 + r.nextInt(4)), Math.min(b.length - from, b.length - at));
          System.arraycopy(b.clone(), from, b, at, n);
        }
      }
    }
    return b;
  }

  /** One to three changes to fields of the ZIP's records, single bytes, or the archive's length. */
  static byte[] mutateZip(Random r, byte[] zip) {
    byte[] b = zip.clone();
    for (int k = 1 + r.nextInt(3); k > 0 && b.length > 0; k--) {
      int op = r.nextInt(6);
      if (op < 3) {
        int[][][] fields = {LOCAL, CENTRAL, END};
        int[] signatures = {0x04034b50, 0x02014b50, 0x06054b50};
        int which = r.nextInt(3);
        List<Integer> records = find(b, signatures[which]);
        if (records.isEmpty()) {
          continue;
        }
        int[] f = fields[which][r.nextInt(fields[which].length)];
        int at = records.get(r.nextInt(records.size())) + f[0];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (at + f[1] > b.length) {
          continue;
        }
        if (f[1] == 2) {
          int[] values = {0, 1, 8, 0xFFFF, 0x7FFF, 0x8000, (buf.getShort(at) & 0xFFFF) + 1, (buf.getShort(at) & 0xFFFF) - 1};
          buf.putShort(at, (short) values[r.nextInt(values.length)]);
        } else {
          buf.putInt(at, (int) (r.nextInt(3) == 0 ? buf.getInt(at) + r.nextInt(9) - 4 : INT32[r.nextInt(INT32.length)]));
        }
      } else if (op == 3) {
        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
      } else if (op == 4) {
        b[r.nextInt(b.length)] = (byte) r.nextInt();
      } else {
        b = Arrays.copyOf(b, r.nextInt(b.length + 1));
      }
    }
    return b;
  }

  private static List<Integer> find(byte[] b, int signature) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    java.util.ArrayList<Integer> at = new java.util.ArrayList<>();
    for (int i = 0; i + 4 <= b.length; i++) {
      if (buf.getInt(i) == signature) {
        at.add(i);
      }
    }
    return at;
  }
}
