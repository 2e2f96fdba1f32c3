package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.odim.OdimFixtures.Level;
import org.radarbeam.codec.odim.OdimFixtures.Storage;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.PngDecode;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;

/** ODIM metadata: scaling lookup by level, nominal time, quantity selection, object checks. */
class OdimReaderTest {
  @TempDir
  static Path dir;

  private static final OdimReader DBZH = new OdimReader("DBZH", 50_000_000L);
  /** 2025-11-17 15:00:00 UTC. */
  private static final long NOMINAL = 1763391600L;

  private static OdimFrame open(byte[] file) throws BadInputException {
    return DBZH.open(file, Scaling.ODIM_DEFAULTS);
  }

  @Test
  void nominalTimeDoesNotDependOnTheDefaultTimeZone() throws Exception {
    // surefire runs the suite in Europe/Berlin; also try zones far from UTC on both sides
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    TimeZone saved = TimeZone.getDefault();
    try {
      for (String zone : new String[] {"Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (OdimFrame f = open(file)) {
          assertEquals(NOMINAL, f.nominalTime().getEpochSecond(), "nominal time under " + zone);
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void nominalTimeIsRootDateAndTimeInUtc() throws Exception {
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).done().bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals(Instant.ofEpochSecond(NOMINAL), f.nominalTime());
      assertEquals(NOMINAL, f.nominalTime().getEpochSecond());
    }
  }

  /** Keyed to the minute, as times from file names are: a polar volume's 07:50:35 is 07:50. */
  @ParameterizedTest(name = "date {0} time {1} -> {2}")
  @CsvSource({
    "20251117, 150000, 1763391600",
    "20251117, 1500, 1763391600",
    "20251117, 150030, 1763391600",
    "20250615, 120500, 1749989100",
    "20240229, 235959, 1709251140",
    "20260329, 013000, 1774747800",
  })
  void nominalTimeVariants(String date, String time, long epoch) throws Exception {
    byte[] file = OdimFixtures.comp().date(date).time(time).field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals(epoch, f.nominalTime().getEpochSecond());
    }
  }

  @Test
  void nominalTimeFallsBackOnDatasetStartDateAndTime() throws Exception {
    // the fixture's dataset1/what says startdate 20251117, starttime 150003: 15:00 to the minute
    byte[] file = OdimFixtures.comp().date(null).time(null).field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals(NOMINAL, f.nominalTime().getEpochSecond());
    }
  }

  /** A file opened elsewhere (to peek at its time) whose group header jhdf cannot read is corrupt, not a crash. */
  @Test
  void peekNominalTimeOfAGarbledGroupIsCorrupt() throws Exception {
    byte[] data = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    try (HdfFile h = HdfFile.fromBytes(data)) {
      long header = h.getByPath("dataset1/data1/what").getAddress();
      for (int i = 0; i < 16; i++) {
        data[(int) header + i] ^= (byte) 0x5A;
      }
    }
    try (HdfFile h = HdfFile.fromBytes(data)) {
      BadInputException e = assertThrows(BadInputException.class, () -> OdimReader.peekNominalTime(h));
      assertEquals(Kind.CORRUPT, e.kind());
      assertTrue(e.getMessage().startsWith("corrupt HDF5: "), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void peekNominalTimeReadsMetadataOnly() throws Exception {
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().write(dir);
    try (HdfFile h = new HdfFile(file)) {
      assertEquals(NOMINAL, OdimReader.peekNominalTime(h).getEpochSecond());
    }
  }

  @Test
  void unreadableNominalTimeIsABadAttribute() throws Exception {
    byte[] file = OdimFixtures.comp().date("2025-11-17").field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    BadInputException e = assertThrows(BadInputException.class, () -> open(file));
    assertEquals(Kind.BAD_ATTRIBUTE, e.kind());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void quantityDbzhPicksData2() throws Exception {
    byte[][] th = OdimFixtures.bytes(50, 37, 11);
    short[][] dbzh = OdimFixtures.shorts(50, 37, 12);
    byte[] file = OdimFixtures.comp()
        .field(1, 1, "TH", th).scaling(0.5, -32, 255, 0).done()
        .field(1, 2, "DBZH", dbzh).scaling(0.002929821616590115, -64.00292982161659, 65535, 0).storage(Storage.SHUFFLE_DEFLATE).done()
        .bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals("/dataset1/data2/data", f.datasetPath());
      assertEquals("DBZH", f.quantity());
      assertEquals(SampleType.UINT16, f.sampleType());
      assertEquals(new Scaling(0.002929821616590115, -64.00292982161659, 65535, 0, false), f.scaling());
    }
    byte[] want = Decoded.expected(dbzh, true, 0.002929821616590115, -64.00292982161659, 65535, 0, false, 10.0);
    Decoded.assertIndices(want, Decoded.indices(file, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 37, "DBZH = data2");
    try (FrameRenderer r = new FrameRenderer(RenderSettings.defaults())) {
      FrameRenderer.Rendered out = r.render(file, Scaling.ODIM_DEFAULTS);
      assertEquals("DBZH", out.quantity());
      assertEquals(NOMINAL, out.nominalTime().getEpochSecond());
      Decoded.assertIndices(want, PngDecode.indices(out.png()), 37, "FrameRenderer with --quantity DBZH");
    }
    // and --quantity TH picks data1, case-insensitively
    byte[] wantTh = Decoded.expected(th, true, 0.5, -32, 255, 0, false, 10.0);
    try (OdimFrame f = new OdimReader("th", 50_000_000L).open(file, Scaling.ODIM_DEFAULTS)) {
      assertEquals("/dataset1/data1/data", f.datasetPath());
      assertEquals("TH", f.quantity());
    }
    Decoded.assertIndices(wantTh, Decoded.indices(file, "TH", Scaling.ODIM_DEFAULTS, 10.0), 37, "TH = data1");
  }

  @Test
  void quantityIsSearchedAcrossDatasets() throws Exception {
    byte[][] dbzh = OdimFixtures.bytes(20, 30, 3);
    byte[] file = OdimFixtures.comp()
        .field(1, 1, "TH", OdimFixtures.bytes(20, 30, 2)).done()
        .field(2, 1, "VRADH", OdimFixtures.bytes(20, 30, 4)).done()
        .field(2, 2, "DBZH", dbzh).done()
        .bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals("/dataset2/data2/data", f.datasetPath());
    }
    Decoded.assertIndices(Decoded.expected(dbzh, true, 0.5, -32, 255, 0, false, 10.0),
        Decoded.indices(file, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 30, "dataset2/data2");
  }

  @Test
  void missingQuantityIsMissingData() throws Exception {
    byte[] file = OdimFixtures.comp()
        .field(1, 1, "TH", OdimFixtures.bytes(5, 4, 2)).done()
        .field(1, 2, "VRADH", OdimFixtures.bytes(5, 4, 3)).done()
        .bytes(dir);
    BadInputException e = assertThrows(BadInputException.class, () -> open(file));
    assertEquals(Kind.MISSING_DATA, e.kind());
    assertTrue(e.getMessage().contains("no data set with quantity DBZH"), e.getMessage());
    assertTrue(e.getMessage().contains("TH") && e.getMessage().contains("VRADH"), e.getMessage());
  }

  @Test
  void aFileNamingNoQuantityGivesItsFirstDataSet() throws Exception {
    byte[][] raster = OdimFixtures.bytes(5, 4, 2);
    byte[] file = OdimFixtures.comp().field(1, 1, null, raster).done().field(1, 2, null, OdimFixtures.bytes(5, 4, 3)).done().bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals("/dataset1/data1/data", f.datasetPath());
      assertNull(f.quantity());
    }
  }

  @ParameterizedTest(name = "scaling at {0}")
  @EnumSource(value = Level.class, names = {"DATA", "DATASET", "ROOT"})
  void scalingIsFoundAtEveryLevel(Level level) throws Exception {
    checkScalingAt(level, false);
  }

  @ParameterizedTest(name = "scaling at {0} as 1-element arrays")
  @EnumSource(value = Level.class, names = {"DATA", "DATASET", "ROOT"})
  void scalingAsOneElementArrays(Level level) throws Exception {
    checkScalingAt(level, true);
  }

  private void checkScalingAt(Level level, boolean arrays) throws Exception {
    byte[][] raster = OdimFixtures.bytes(50, 37, level.ordinal() + (arrays ? 10 : 0));
    double gain = 0.4;
    double offset = -30;
    OdimFixtures.DataField field = OdimFixtures.comp().field(1, 1, "DBZH", raster).scaling(gain, offset, 250, 3).at(level);
    if (arrays) {
      field.arrays();
    }
    byte[] file = field.done().bytes(dir);
    // defaults that would give a different picture if the reader used them
    Scaling defaults = new Scaling(1.0, 0.0, 255, 0, true);
    try (OdimFrame f = DBZH.open(file, defaults)) {
      assertEquals(new Scaling(gain, offset, 250, 3, true), f.scaling(), "scaling read at " + level);
      assertEquals("DBZH", f.quantity());
    }
    byte[] want = Decoded.expected(raster, true, gain, offset, 250, 3, true, 10.0);
    Decoded.assertIndices(want, Decoded.indices(file, "DBZH", defaults, 10.0), 37, "scaling at " + level);
  }

  @Test
  void dataLevelOverridesDatasetLevelOverridesRoot() throws Exception {
    byte[][] raster = OdimFixtures.bytes(50, 37, 77);
    OdimFixtures.Comp comp = OdimFixtures.comp().field(1, 1, "DBZH", raster).scaling(0.4, Double.NaN, Double.NaN, Double.NaN).done();
    comp.extra().group("dataset1/what").attr("gain", 9.0).attr("offset", -31.5).attr("nodata", 254.0);
    comp.extra().group("what").attr("gain", 7.0).attr("offset", 99.0).attr("nodata", 1.0).attr("undetect", 2.0);
    byte[] file = comp.bytes(dir);
    try (OdimFrame f = open(file)) {
      // gain from data, offset and nodata from dataset, undetect from root
      assertEquals(new Scaling(0.4, -31.5, 254, 2, false), f.scaling());
    }
    Decoded.assertIndices(Decoded.expected(raster, true, 0.4, -31.5, 254, 2, false, 10.0),
        Decoded.indices(file, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 37, "mixed levels");
  }

  @Test
  void missingScalingAttributesUseScalingDefaults() throws Exception {
    byte[][] raster = OdimFixtures.bytes(50, 37, 8);
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", raster).at(Level.NONE).done().bytes(dir);
    Scaling imgw = new Scaling(0.5, -32, 255, 0, true);
    try (OdimFrame f = DBZH.open(file, imgw)) {
      assertEquals(new Scaling(0.5, -32, 255, 0, true), f.scaling());
    }
    Decoded.assertIndices(Decoded.expected(raster, true, 0.5, -32, 255, 0, true, 10.0),
        Decoded.indices(file, "DBZH", imgw, 10.0), 37, "IMGW defaults");

    Scaling shmu = new Scaling(1.0, 0.0, -32768, 0, true);
    try (OdimFrame f = DBZH.open(file, shmu)) {
      assertEquals(new Scaling(1.0, 0.0, -32768, 0, true), f.scaling());
    }
    Decoded.assertIndices(Decoded.expected(raster, true, 1.0, 0.0, -32768, 0, true, 10.0),
        Decoded.indices(file, "DBZH", shmu, 10.0), 37, "SHMU defaults");

    try (OdimFrame f = DBZH.open(file, Scaling.ODIM_DEFAULTS)) {
      Scaling s = f.scaling();
      assertEquals(1.0, s.gain());
      assertEquals(0.0, s.offset());
      assertTrue(Double.isNaN(s.nodata()) && Double.isNaN(s.undetect()), "no sentinels: " + s);
      assertFalse(s.raw255IsNodata());
    }
    Decoded.assertIndices(Decoded.expected(raster, true, 1.0, 0.0, Double.NaN, Double.NaN, false, 10.0),
        Decoded.indices(file, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 37, "ODIM defaults");
  }

  @Test
  void partlyMissingScalingMixesFileAndDefaults() throws Exception {
    byte[][] raster = OdimFixtures.bytes(50, 37, 9);
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", raster).scaling(0.5, Double.NaN, 200, Double.NaN).done().bytes(dir);
    Scaling defaults = new Scaling(1.0, -31, 65535, 1, false);
    try (OdimFrame f = DBZH.open(file, defaults)) {
      assertEquals(new Scaling(0.5, -31, 200, 1, false), f.scaling());
    }
    Decoded.assertIndices(Decoded.expected(raster, true, 0.5, -31, 200, 1, false, 10.0),
        Decoded.indices(file, "DBZH", defaults, 10.0), 37, "mixed file and defaults");
  }

  /**
   * jhdf makes one Java object per attribute value: an attribute of millions of one-byte values
   * would take gigabytes, so one that holds more values than metadata ever does is refused unread.
   */
  @Test
  void anAttributeOfManyValuesIsRefusedBeforeItIsRead() throws Exception {
    OdimFixtures.Comp comp = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1))
        .scaling(Double.NaN, Double.NaN, Double.NaN, Double.NaN).done();
    comp.extra().group("dataset1/data1/what").attr("gain", new double[4097]);
    BadInputException e = assertThrows(BadInputException.class, () -> open(comp.bytes(dir)));
    assertEquals(Kind.BAD_ATTRIBUTE, e.kind());
    assertEquals("attribute /dataset1/data1/what/gain holds 4097 values, at most 4096 are read", e.getMessage());

    OdimFixtures.Comp texts = OdimFixtures.comp().date(null).field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done();
    texts.extra().group("what").attr("date", java.util.Collections.nCopies(4097, "20251117").toArray(new String[0]));
    e = assertThrows(BadInputException.class, () -> open(texts.bytes(dir)));
    assertEquals(Kind.BAD_ATTRIBUTE, e.kind());
    assertTrue(e.getMessage().startsWith("attribute /what/date holds 4097 "), e.getMessage());
  }

  @Test
  void numbersStoredAsStringsAndIntegersAreRead() throws Exception {
    byte[][] raster = OdimFixtures.bytes(50, 37, 10);
    OdimFixtures.Comp comp = OdimFixtures.comp().field(1, 1, "DBZH", raster).scaling(Double.NaN, Double.NaN, Double.NaN, Double.NaN).done();
    comp.extra().group("dataset1/data1/what").attr("gain", "0.5").attr("offset", " -32.0 ").attr("nodata", 255L).attr("undetect", new long[] {0L});
    byte[] file = comp.bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals(new Scaling(0.5, -32, 255, 0, false), f.scaling());
    }
  }

  @Test
  void geometryComesFromWhere() throws Exception {
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).done().bytes(dir);
    try (OdimFrame f = open(file)) {
      GridGeometry g = f.geometry();
      assertTrue(g.projdef().startsWith("+proj=stere"), g.projdef());
      assertEquals(37, g.xsize());
      assertEquals(50, g.ysize());
      assertEquals(250.0, g.xscale());
      assertEquals(250.0, g.yscale());
      assertEquals(1.463301510256666, g.ulLon());
      assertEquals(55.862087108249824, g.ulLat());
      assertEquals(18.73161645466747, g.urLon());
      assertEquals(45.68460578137082, g.lrLat());
      double[] b = g.cornerBounds();
      assertEquals(1.463301510256666, b[0]);
      assertEquals(45.68460578137082, b[1]);
      assertEquals(18.73161645466747, b[2]);
      assertEquals(55.862087108249824, b[3]);
    }
    byte[] noWhere = OdimFixtures.comp().noWhere().field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    try (OdimFrame f = open(noWhere)) {
      assertNull(f.geometry().projdef());
      assertTrue(Double.isNaN(f.geometry().ulLon()));
      assertTrue(Double.isNaN(f.geometry().cornerBounds()[0]));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"COMP", "IMAGE", "comp"})
  void cartesianObjectsAreAccepted(String object) throws Exception {
    byte[] file = OdimFixtures.comp().object(object).field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    try (OdimFrame f = open(file)) {
      assertEquals(4, f.width());
      assertEquals(5, f.height());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PVOL, polar volume", "SCAN, polar product", "XSEC, polar product", "XYZ, unsupported ODIM object"})
  void nonCompositeObjectsAreRefused(String object, String message) throws Exception {
    byte[] file = OdimFixtures.comp().object(object).field(1, 1, "DBZH", OdimFixtures.bytes(5, 4, 1)).done().bytes(dir);
    BadInputException e = assertThrows(BadInputException.class, () -> open(file));
    assertEquals(Kind.NOT_COMPOSITE, e.kind());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void sampleTypesAndSize() throws Exception {
    Object[][] cases = {
      {OdimFixtures.bytes(50, 37, 1), false, SampleType.UINT8},
      {OdimFixtures.bytes(50, 37, 1), true, SampleType.INT8},
      {OdimFixtures.shorts(50, 37, 1), false, SampleType.UINT16},
      {OdimFixtures.floats(50, 37, 1), false, SampleType.FLOAT32},
      {OdimFixtures.doubles(50, 37, 1), false, SampleType.FLOAT64},
    };
    for (Object[] c : cases) {
      OdimFixtures.DataField f = OdimFixtures.comp().field(1, 1, "DBZH", c[0]);
      if ((Boolean) c[1]) {
        f.signed();
      }
      try (OdimFrame frame = open(f.done().bytes(dir))) {
        assertEquals(c[2], frame.sampleType());
        assertEquals(37, frame.width());
        assertEquals(50, frame.height());
      }
    }
  }

  /** One grid per data set: a data set of 1 x 4 x 5 is not read as a 4 x 5 grid. */
  @Test
  void aDataSetOfThreeDimensionsIsUnsupported() throws Exception {
    byte[] data = java.nio.file.Files.readAllBytes(OdimFixtures.comp()
        .field(1, 1, "DBZH", new byte[][][] {OdimFixtures.bytes(4, 5, 1)}).storage(Storage.CONTIGUOUS).done().writeUnverified(dir));
    BadInputException e = BadInputTest.refused(data, Kind.UNSUPPORTED);
    assertEquals("data set /dataset1/data1/data has 3 dimensions, expected a 2-D grid", e.getMessage());
  }

  @Test
  void aDataSetOfNoPixelsIsMissingData() throws Exception {
    byte[] data = OdimFixtures.comp().field(1, 1, "DBZH", new byte[77][55]).storage(Storage.CONTIGUOUS).done().bytes(dir);
    BadInputTest.patchDims(data, 77, 55, 0, 55);
    BadInputException e = BadInputTest.refused(data, Kind.MISSING_DATA);
    assertEquals("data set /dataset1/data1/data is empty (55x0)", e.getMessage());
  }

  @Test
  void aDataSetOfTextIsUnsupported() throws Exception {
    String[][] text = new String[4][5];
    for (String[] row : text) {
      java.util.Arrays.fill(row, "ab");
    }
    byte[] data = java.nio.file.Files.readAllBytes(OdimFixtures.comp().field(1, 1, "DBZH", text)
        .storage(Storage.CONTIGUOUS).done().writeUnverified(dir));
    BadInputException e = BadInputTest.refused(data, Kind.UNSUPPORTED);
    assertEquals("data set /dataset1/data1/data has unsupported type StringData", e.getMessage());
  }

  /**
   * Values of a size radarbeam does not map (24-bit integers, 16-bit floats), by the data set's type rewritten
   * in its header: jhdf's writer writes neither.
   */
  @Test
  void integersAndFloatsOfOtherSizesAreUnsupported() throws Exception {
    // a fixed-point type of version 1, unsigned, little-endian, 1 byte, then a float type of 4 bytes
    byte[] uint8 = {0x10, 0, 0, 0, 1, 0, 0, 0};
    byte[] data = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).done().bytes(dir);
    int at = BadInputTest.only(data, uint8);
    data[at + 4] = 3;
    BadInputTest.resealHeaderAround(data, at);
    assertEquals("data set /dataset1/data1/data has 24-bit integers", BadInputTest.refused(data, Kind.UNSUPPORTED).getMessage());

    byte[] float32 = {0x11, 0x20, 0x1F, 0, 4, 0, 0, 0};
    byte[] floats = OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.floats(50, 37, 1)).done().bytes(dir);
    at = BadInputTest.only(floats, float32);
    floats[at + 4] = 2;
    BadInputTest.resealHeaderAround(floats, at);
    assertEquals("data set /dataset1/data1/data has 16-bit floats", BadInputTest.refused(floats, Kind.UNSUPPORTED).getMessage());
  }
}
