package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.PngDecode;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.testing.RealData;

/**
 * Every real file of ${radarbeam.shared}/testdata/real: composites render (two against golden
 * images of the reference system), everything else is refused with its precise kind.
 */
class RealFilesTest {
  static final Path REAL = RealData.dir();

  static final Scaling DWD_DEFAULTS = new Scaling(1.0, 0.0, 65535, 0, false);
  static final Scaling SHMU_DEFAULTS = new Scaling(1.0, 0.0, -32768, 0, true);

  /** A composite that renders, with what the file's documentation (SOURCES.md) says about it. */
  static final class Composite {
    final String path;
    final int width;
    final int height;
    final long nominal;
    final String dataset;
    final Scaling scaling;
    final Scaling defaults;

    Composite(String path, int width, int height, long nominal, String dataset, Scaling scaling, Scaling defaults) {
      this.path = path;
      this.width = width;
      this.height = height;
      this.nominal = nominal;
      this.dataset = dataset;
      this.scaling = scaling;
      this.defaults = defaults;
    }

    @Override
    public String toString() {
      return path;
    }
  }

  static final List<Composite> COMPOSITES = List.of(
      new Composite("dwd/composite_hx_test.hd5", 4400, 4800, 1763391600L, "/dataset1/data1/data",
          new Scaling(0.002929821616590115, -64.00292982161659, 65535, 0, false), DWD_DEFAULTS),
      new Composite("opera/T_PABV21_C_EUOC_20241126010000.hdf", 3800, 4400, 1732582800L, "/dataset1/data1/data",
          new Scaling(1.0, 0.0, -9999000.0, -8888000.0, false), Scaling.ODIM_DEFAULTS),
      new Composite("smhi/comp4ctfilter.h5", 1022, 1916, 1395738000L, "/dataset1/data1/data",
          new Scaling(0.4, -30.0, 255, 0, false), Scaling.ODIM_DEFAULTS),
      new Composite("smhi/composite_swe_gmap.h5", 800, 1090, 1241179200L, "/dataset1/data1/data",
          new Scaling(0.4, -30.0, 255, 0, false), Scaling.ODIM_DEFAULTS),
      new Composite("smhi/swecomposite_gmap.h5", 800, 1090, 1241179200L, "/dataset1/data1/data",
          new Scaling(0.4, -30.0, 255, 0, false), Scaling.ODIM_DEFAULTS),
      new Composite("arpae/COMP_MAX_v20.h5", 256, 256, 1363617000L, "/dataset1/data1/data",
          new Scaling(0.3137254901960784, -20.0, 255, 0, false), Scaling.ODIM_DEFAULTS),
      new Composite("shmu/radar_zmax.hdf", 64, 48, 1779049200L, "/dataset1/data1/data",
          new Scaling(0.5019685039370079, -32.50196850393701, -1, 0, true), SHMU_DEFAULTS));

  static final List<String> POLAR_VOLUMES = List.of(
      "shmu/T_PAGZ41_C_LZIB_20130313075500.hdf",
      "chmi/T_PAGZ60_C_OKPR_20130116165952.hdf",
      "imgw/2013010309000800dBZ.h5",
      "dwd/ras07-vol5minng01_sweeph5allm_any_05-2013032807530200-pro-10392-hd5");

  static final List<String> WITHOUT_DBZH = List.of(
      "opera/T_PAAH21_C_EUOC_20180824180000.hdf",
      "opera/T_PAAH22_C_EUOC_20241126010000.hdf",
      "rmi/belgium.comp.hdf");

  /** Per test, not per class: a class whose @BeforeAll skips shows no test as run or skipped, and no reason. */
  @BeforeEach
  void requireRealData() {
    RealData.requireDir();
  }

  static byte[] read(String rel) throws IOException {
    Path p = REAL.resolve(rel);
    RealData.requireThat(Files.isRegularFile(p), p.toAbsolutePath());
    return Files.readAllBytes(p);
  }

  static Stream<Composite> composites() {
    return COMPOSITES.stream();
  }

  @Test
  void everyRealFileIsCoveredAndIntact() throws Exception {
    TreeSet<String> found;
    try (Stream<Path> s = Files.walk(REAL)) {
      found = s.filter(Files::isRegularFile).map(p -> REAL.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.equals("SHA256SUMS") && !n.endsWith(".md"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    TreeSet<String> known = new TreeSet<>();
    COMPOSITES.forEach(c -> known.add(c.path));
    known.addAll(POLAR_VOLUMES);
    known.addAll(WITHOUT_DBZH);
    assertEquals(known, found, "every file in " + REAL + " has an expectation here, and every expectation a file");

    Path sums = REAL.resolve("SHA256SUMS");
    if (Files.isRegularFile(sums)) {
      for (String line : Files.readAllLines(sums)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split("\\s+", 2);
        String rel = parts[1].replaceFirst("^\\./", "");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(rel)));
        assertEquals(parts[0], sha, "SHA-256 of " + rel + " (golden checks assume the original bytes)");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("composites")
  void compositeMetadata(Composite c) throws Exception {
    byte[] data = read(c.path);
    try (OdimReader reader = new OdimReader("DBZH", RenderSettings.DEFAULT_MAX_PIXELS);
        OdimFrame f = reader.open(data, c.defaults)) {
      assertEquals(c.width, f.width());
      assertEquals(c.height, f.height());
      assertEquals(c.dataset, f.datasetPath());
      assertEquals("DBZH", f.quantity());
      assertEquals(c.nominal, f.nominalTime().getEpochSecond(), "nominal time of " + c.path);
      assertEquals(c.scaling, f.scaling(), "scaling of " + c.path);
      assertFalse(f.geometry().projdef() == null || f.geometry().projdef().isEmpty(), "projdef");
      assertFalse(Double.isNaN(f.geometry().cornerBounds()[0]), "corners");
    }
  }

  /**
   * Renders each composite and compares the PNG, pixel by pixel, with imeteo-radar's rendering rule
   * ({@link org.radarbeam.palette.SpecRule}) applied to the raw values as jhdf reads them. For DWD
   * and SHMU this also ties that rule to the reference system's golden images.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("composites")
  void compositeRendersPerTheSpecRule(Composite c) throws Exception {
    byte[] data = read(c.path);
    FrameRenderer.Rendered r;
    try (FrameRenderer renderer = new FrameRenderer(RenderSettings.defaults())) {
      r = renderer.render(data, c.defaults);
    }
    assertEquals(c.width, r.width());
    assertEquals(c.height, r.height());
    assertEquals(c.nominal, r.nominalTime().getEpochSecond());
    byte[] got = PngDecode.indices(r.png());
    byte[] want;
    try (HdfFile h = HdfFile.fromBytes(data)) {
      Dataset ds = h.getDatasetByPath(c.dataset);
      Scaling s = c.scaling;
      Object raw = ds.getData(); // uint8/uint16 come back widened to int[][], float64 as double[][]
      want = Decoded.expected(raw, false, s.gain(), s.offset(), s.nodata(), s.undetect(), false, 10.0);
      if (s.raw255IsNodata()) {
        int[][] ints = (int[][]) raw;
        for (int y = 0; y < ints.length; y++) {
          for (int x = 0; x < ints[y].length; x++) {
            if (ints[y][x] == 255) {
              want[y * c.width + x] = 0;
            }
          }
        }
      }
    }
    Decoded.assertIndices(want, got, c.width, c.path);
    assertTrue(Decoded.drawn(got) > 0, c.path + " draws some echo");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("polarVolumes")
  void polarVolumesAreNotComposites(String rel) throws Exception {
    BadInputException e = BadInputTest.refused(read(rel), Kind.NOT_COMPOSITE);
    assertTrue(e.getMessage().contains("polar volume"), e.getMessage());
  }

  static Stream<String> polarVolumes() {
    return POLAR_VOLUMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withoutDbzh")
  void compositesWithoutDbzhAreMissingData(String rel) throws Exception {
    BadInputException e = BadInputTest.refused(read(rel), Kind.MISSING_DATA);
    assertTrue(e.getMessage().contains("no data set with quantity DBZH"), e.getMessage());
  }

  static Stream<String> withoutDbzh() {
    return WITHOUT_DBZH.stream();
  }

  @Test
  void dwdGolden() throws Exception {
    byte[] data = read("dwd/composite_hx_test.hd5");
    FrameRenderer.Rendered r;
    try (FrameRenderer renderer = new FrameRenderer(RenderSettings.defaults())) {
      r = renderer.render(data, DWD_DEFAULTS);
    }
    assertEquals(4400, r.width());
    assertEquals(4800, r.height());
    assertEquals(1763391600L, r.nominalTime().getEpochSecond());
    assertEquals("DBZH", r.quantity());
    PngDecode.RgbaSummary s = PngDecode.rgbaSummary(r.png());
    assertEquals(1_294_452L, s.nonTransparent, "non-transparent pixels");
    Map<String, Long> h = s.histogram;
    assertEquals(56358L, h.get("0,140,108"), "pixels of 10 dBZ colour");
    assertEquals(2836L, h.get("252,204,0"), "pixels of 35 dBZ colour");
    assertEquals(3L, h.get("241,17,0"), "pixels of 51 dBZ colour");
    assertEquals("331e1a1e64477066d65e27130e22c647fc442a103ada4c5ab49960b584e379a7", s.sha256, "RGBA SHA-256");
  }

  @Test
  void shmuGolden() throws Exception {
    byte[] data = read("shmu/radar_zmax.hdf");
    FrameRenderer.Rendered r;
    try (FrameRenderer renderer = new FrameRenderer(RenderSettings.defaults())) {
      r = renderer.render(data, SHMU_DEFAULTS);
    }
    assertEquals(64, r.width());
    assertEquals(48, r.height());
    assertEquals(1779049200L, r.nominalTime().getEpochSecond());
    PngDecode.RgbaSummary s = PngDecode.rgbaSummary(r.png());
    assertEquals(1955L, s.nonTransparent, "non-transparent pixels");
    assertEquals("d2150a5e495e5e829762c61bfcfb4e0e7fd33fdf27fc50876b8b0998b6984e74", s.sha256, "RGBA SHA-256");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dwd/composite_hx_test.hd5", "shmu/radar_zmax.hdf"})
  void goldenImagesDoNotDependOnPngFilterOrLevel(String rel) throws Exception {
    byte[] data = read(rel);
    Scaling d = rel.startsWith("dwd") ? DWD_DEFAULTS : SHMU_DEFAULTS;
    List<String> shas = new ArrayList<>();
    for (Object[] v : new Object[][] {{org.radarbeam.png.PngFilter.UP, 1}, {org.radarbeam.png.PngFilter.SUB, 9}}) {
      try (FrameRenderer renderer = new FrameRenderer(new RenderSettings("DBZH", 10.0, RenderSettings.DEFAULT_MAX_PIXELS,
          (Integer) v[1], (org.radarbeam.png.PngFilter) v[0]))) {
        shas.add(PngDecode.rgbaSummary(renderer.render(data, d).png()).sha256);
      }
    }
    String want = rel.startsWith("dwd")
        ? "331e1a1e64477066d65e27130e22c647fc442a103ada4c5ab49960b584e379a7"
        : "d2150a5e495e5e829762c61bfcfb4e0e7fd33fdf27fc50876b8b0998b6984e74";
    assertEquals(List.of(want, want), shas);
  }

  @Test
  void oneRendererServesAllRealFilesInTurn() throws Exception {
    // buffers, LUT cache, decoder and PNG writer are reused across sizes, types and failures
    try (FrameRenderer renderer = new FrameRenderer(RenderSettings.defaults())) {
      for (int round = 0; round < 2; round++) {
        for (String rel : List.of("shmu/radar_zmax.hdf", "rmi/belgium.comp.hdf", "smhi/composite_swe_gmap.h5",
            "shmu/T_PAGZ41_C_LZIB_20130313075500.hdf", "arpae/COMP_MAX_v20.h5", "shmu/radar_zmax.hdf")) {
          byte[] data = read(rel);
          if (rel.contains("T_PAGZ") || rel.startsWith("rmi")) {
            assertThrows(BadInputException.class, () -> renderer.render(data, Scaling.ODIM_DEFAULTS));
            continue;
          }
          Scaling d = rel.startsWith("shmu") ? SHMU_DEFAULTS : Scaling.ODIM_DEFAULTS;
          FrameRenderer.Rendered r = renderer.render(data, d);
          if (rel.equals("shmu/radar_zmax.hdf")) {
            assertEquals("d2150a5e495e5e829762c61bfcfb4e0e7fd33fdf27fc50876b8b0998b6984e74", PngDecode.rgbaSummary(r.png()).sha256);
          }
        }
      }
    }
  }
}
