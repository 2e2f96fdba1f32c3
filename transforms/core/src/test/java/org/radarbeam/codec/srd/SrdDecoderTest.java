package org.radarbeam.codec.srd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.RadarPalette;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.png.PngFilter;

/**
 * SRD-3 decoding against values computed by hand from how imeteo-radar reads SRD-3 files (header,
 * defaults, one latin-1 character per cell, value = start + slope x (code - offset), code ==
 * offset no data) and renders them (its colour scale, the 10 dBZ threshold and the 256-level
 * quantisation).
 */
class SrdDecoderTest {
  private static final long MAX_PIXELS = 50_000_000L;
  private static final int T = -1;

  // imeteo-radar's colours; level = floor((dBZ + 35) / 120 x 255) and bin =
  // floor(-35 + level x 120 / 255 + 0.5), worked out by hand.
  private static final int RGB_10 = 0x008C6C; // 10.5 dBZ: level 96 -> 10.18 -> bin 10
  private static final int RGB_15 = 0x00B440; // 15 dBZ: level 106 -> 14.88 -> 15
  private static final int RGB_18 = 0x00D320; // 18: level 112 -> 17.71 -> 18
  private static final int RGB_24 = 0x43EE02; // 24: level 125 -> 23.82 -> 24
  private static final int RGB_36 = 0xFCC400; // 36: level 150 -> 35.59 -> 36
  private static final int RGB_42 = 0xFC8C00; // 42: level 163 -> 41.71 -> 42
  private static final int RGB_85 = 0xFCACFC; // >= 85: level 255 -> 85

  /** An SRD file: header text, a DATA line, then the cells (latin-1), with the given line end. */
  static byte[] srd(String header, String cells, String eol) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] h = (header.replace("\n", eol) + "DATA" + eol).getBytes(StandardCharsets.ISO_8859_1);
    b.write(h, 0, h.length);
    byte[] c = cells.getBytes(StandardCharsets.ISO_8859_1);
    b.write(c, 0, c.length);
    return b.toByteArray();
  }

  private static final String HEADER = "# ARSO radar composite, SRD-3\n"
      + "domain SI0\n"
      + "time 2024 7 1 23 55   # UTC\n"
      + "ncell 6 3\n"
      + "unit DBZ\n";

  /**
   * Defaults offset 64 ('@'), start 12, slope 3: '@' no data, '?' = 9 (below 10), 'A' = 15,
   * 'B' = 18, 'D' = 24, 'J' = 42, 'Z' = 90, code 200 = 420, DEL (127) = 201, ' ' (32) = -84.
   */
  private static final String CELLS = "@AB?DJ\r\n"
      + "Z\u00C8\u007F A@\r\n"
      + "BD\nJ@ZA\r\n";
  private static final int[] RGB = {
    T, RGB_15, RGB_18, T, RGB_24, RGB_42,
    RGB_85, RGB_85, RGB_85, T, RGB_15, T,
    RGB_18, RGB_24, RGB_42, T, RGB_85, RGB_15,
  };

  @ParameterizedTest
  @CsvSource({"LF", "CRLF"})
  void pixelsWithDefaults(String eol) throws Exception {
    byte[] data = srd(HEADER, CELLS, eol.equals("LF") ? "\n" : "\r\n");
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS); SrdFrame f = d.open(data, Scaling.ODIM_DEFAULTS)) {
      assertEquals(6, f.width());
      assertEquals(3, f.height());
      assertEquals(SampleType.UINT8, f.sampleType());
      assertEquals("DBZH", f.quantity());
      assertEquals(Instant.parse("2024-07-01T23:55:00Z"), f.nominalTime());
      assertEquals("SI0", f.header().domain);
      assertEquals(3.0, f.scaling().gain());
      assertEquals(12.0 - 3.0 * 64, f.scaling().offset());
      assertEquals(64.0, f.scaling().nodata());
      assertEquals(15f, f.scaling().physical('A'));
      assertPixels(f, RGB);
    }
  }

  @Test
  void customScalingFromTheHeader() throws Exception {
    // offset 48 ('0'), start 10, slope 0.5: '0' no data, '/' = 9.5, '1' = 10.5, ':' = 15, 'd' = 36
    String header = "time 2019 11 21 12 0\nncell 5 1\noffset 48\nstart 10.0\nslope 0.5 # half dBZ steps\n";
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS); SrdFrame f = d.open(srd(header, "0/1:d\n", "\n"), Scaling.ODIM_DEFAULTS)) {
      assertEquals(Instant.parse("2019-11-21T12:00:00Z"), f.nominalTime());
      assertPixels(f, new int[] {T, T, RGB_10, RGB_15, RGB_36});
    }
  }

  @Test
  void defaultGridIs401By301() throws Exception {
    char[] cells = new char[401 * 301];
    Arrays.fill(cells, '@');
    cells[0] = 'A'; // north-west cell
    cells[400] = 'J'; // north-east
    cells[401 * 300] = 'B'; // south-west
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < 301; j++) {
      text.append(cells, j * 401, 401).append('\n'); // one line per row, as ARSO writes them
    }
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS);
        SrdFrame f = d.open(srd("time 2024 1 15 6 5\n", text.toString(), "\n"), Scaling.ODIM_DEFAULTS)) {
      assertEquals(401, f.width());
      assertEquals(301, f.height());
      assertEquals(Instant.parse("2024-01-15T06:05:00Z"), f.nominalTime());
      byte[] out = decode(f);
      assertEquals(RGB_15, RadarPalette.rgb(out[0] & 0xFF));
      assertEquals(RGB_42, RadarPalette.rgb(out[400] & 0xFF));
      assertEquals(RGB_18, RadarPalette.rgb(out[401 * 300] & 0xFF));
      int drawn = 0;
      for (byte b : out) {
        drawn += b != 0 ? 1 : 0;
      }
      assertEquals(3, drawn);

      GridGeometry g = f.geometry();
      assertEquals(ArsoGrid.PROJDEF, g.projdef());
      assertEquals(401, g.xsize());
      assertEquals(301, g.ysize());
      assertEquals(1000.0, g.xscale());
      assertEquals(1000.0, g.yscale());
      // corner cell centres: (i, j) = (1, 1), (401, 1), (1, 301), (401, 301)
      assertLonLat(ArsoGridTest.snyderInverse(-204, 144), g.ulLon(), g.ulLat());
      assertLonLat(ArsoGridTest.snyderInverse(196, 144), g.urLon(), g.urLat());
      assertLonLat(ArsoGridTest.snyderInverse(-204, -156), g.llLon(), g.llLat());
      assertLonLat(ArsoGridTest.snyderInverse(196, -156), g.lrLon(), g.lrLat());
    }
  }

  /** --arsoGrid=lonlat: the same cells, placed on the lon/lat box of the cell centres, as imeteo-radar places them. */
  @Test
  void lonLatPlacementTakesTheCellCentresBox() throws Exception {
    try (SrdDecoder lcc = new SrdDecoder(MAX_PIXELS); SrdDecoder lonLat = new SrdDecoder(MAX_PIXELS, ArsoPlacement.LONLAT);
        SrdFrame a = lcc.open(srd(HEADER, CELLS, "\n"), Scaling.ODIM_DEFAULTS);
        SrdFrame b = lonLat.open(srd(HEADER, CELLS, "\n"), Scaling.ODIM_DEFAULTS)) {
      assertArrayEquals(decode(a), decode(b));
      GridGeometry g = b.geometry();
      assertEquals("+proj=longlat +datum=WGS84 +no_defs", g.projdef());
      double[] box = ArsoGrid.cellCentreBounds(b.width(), b.height());
      assertArrayEquals(new double[] {box[0], box[3], box[2], box[3], box[0], box[1], box[2], box[1]},
          new double[] {g.ulLon(), g.ulLat(), g.urLon(), g.urLat(), g.llLon(), g.llLat(), g.lrLon(), g.lrLat()});
    }
    double[] box = ArsoGrid.cellCentreBounds(401, 301);
    assertArrayEquals(new double[] {12.105563, 44.687429, 17.418262, 47.414912}, box, 5e-7);
    // one column of centres spans no box
    try (SrdDecoder lonLat = new SrdDecoder(MAX_PIXELS, ArsoPlacement.LONLAT)) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> lonLat.open(srd("time 2025 11 17 15 0\nncell 1 30\n", "C".repeat(30), "\n"), Scaling.ODIM_DEFAULTS));
      assertEquals("cannot place the grid on a map: --arsoGrid=lonlat needs at least 2x2 cells to span a lon/lat box,"
          + " got 1x30 (use --arsoGrid=lcc)", e.getMessage());
      assertEquals(Kind.BAD_ATTRIBUTE, e.kind());
    }
  }

  /** Through the shared LUT and indexed PNG writer, read back with javax.imageio. */
  @Test
  void pngOfTheFrame() throws Exception {
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS); SrdFrame f = d.open(srd(HEADER, CELLS, "\n"), Scaling.ODIM_DEFAULTS);
        IndexedPngWriter png = new IndexedPngWriter(6, PngFilter.NONE, false)) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.write(decode(f), f.width(), f.height())));
      assertEquals(0, img.getRGB(0, 0) >>> 24, "'@': no data, transparent");
      assertEquals(0xFF000000 | RGB_15, img.getRGB(1, 0), "'A': 15 dBZ");
      assertEquals(0xFF000000 | RGB_15, img.getRGB(5, 2), "south-east 'A'");
    }
  }

  @Test
  void trailingNoDataPaddingIsDropped() throws Exception {
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS); SrdFrame f = d.open(srd(HEADER, CELLS + "@@@@\n", "\n"), Scaling.ODIM_DEFAULTS)) {
      assertPixels(f, RGB);
    }
  }

  @Test
  void headerKeysAreCaseInsensitiveAndLastWins() throws Exception {
    String header = "TIME 2000 1 1 0 0\nTime 2024 2 29 12 30\nNCELL 2 1\n";
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS); SrdFrame f = d.open(srd(header, "AB", "\n"), Scaling.ODIM_DEFAULTS)) {
      assertEquals(Instant.parse("2024-02-29T12:30:00Z"), f.nominalTime());
      assertPixels(f, new int[] {RGB_15, RGB_18});
    }
  }

  @Test
  void byteOrderMarkBeforeTheHeader() throws Exception {
    byte[] plain = srd(HEADER, CELLS, "\n");
    byte[] bom = new byte[plain.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, bom, 3, plain.length);
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS); SrdFrame f = d.open(bom, Scaling.ODIM_DEFAULTS)) {
      assertEquals(Instant.parse("2024-07-01T23:55:00Z"), f.nominalTime());
      assertPixels(f, RGB);
    }
  }

  @Test
  void nominalTimeDoesNotDependOnTheDefaultTimeZone() throws Exception {
    byte[] data = srd(HEADER, CELLS, "\n");
    java.util.TimeZone saved = java.util.TimeZone.getDefault();
    try {
      for (String zone : new String[] {"Europe/Berlin", "Europe/Ljubljana", "Pacific/Kiritimati", "America/Los_Angeles"}) {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
        try (SrdDecoder d = new SrdDecoder(MAX_PIXELS); SrdFrame f = d.open(data, Scaling.ODIM_DEFAULTS)) {
          assertEquals(Instant.parse("2024-07-01T23:55:00Z"), f.nominalTime(), zone);
        }
      }
    } finally {
      java.util.TimeZone.setDefault(saved);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bad input

  @Test
  void emptyAndHtml() {
    assertBad(Kind.EMPTY, "empty", () -> open(new byte[0]));
    assertBad(Kind.HTML, "an HTML page, not SRD-3 text", () -> open("<html><body>Not found</body></html>".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void noDataLine() {
    assertBad(Kind.CORRUPT, "SRD header has no DATA line (55 bytes, first line 'time 2024 7 1 23 55')",
        () -> open("time 2024 7 1 23 55\nncell 6 3\n@AB?DJ@AB?DJ@AB?DJ\nDATA \n".getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** A header is read no further than 64 KiB: millions of short lines before a DATA line are not a header. */
  @Test
  void aHeaderOfMillionsOfLinesIsNotReadToTheEnd() {
    StringBuilder b = new StringBuilder("time 2024 7 1 23 55\n");
    for (int i = 0; b.length() < 4 << 20; i++) {
      b.append(Integer.toString(i, 36)).append('\n');
    }
    byte[] file = b.append("DATA\n0 0 0\n").toString().getBytes(StandardCharsets.US_ASCII);
    assertBad(Kind.CORRUPT, "SRD header has no DATA line (in its first 65536 of " + file.length
        + " bytes, first line 'time 2024 7 1 23 55')", () -> open(file));
  }

  /**
   * A number of 60000 digits that ends in a letter is refused at once: matched with backtracking, it took
   * a minute (the timeout only stops a regression from holding the build).
   */
  @Test
  void aLongRunOfDigitsIsNoNumberAndNoWait() {
    String header = HEADER.replaceAll("(?m)^slope .*\n", "") + "slope " + "1".repeat(60_000) + "x\n";
    byte[] file = srd(header, CELLS, "\n");
    assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> assertBad(Kind.BAD_ATTRIBUTE,
        "SRD header slope '" + "1".repeat(60) + "...' is not a number", () -> open(file)));
    String exact = HEADER.replaceAll("(?m)^slope .*\n", "") + "slope 2.5e1\n";
    assertDoesNotThrow(() -> open(srd(exact, CELLS, "\n")));
  }

  @Test
  void ncellDisagreesWithData() {
    assertBad(Kind.TRUNCATED, "SRD data has 17 cells, ncell says 6x3=18 (1 missing: truncated?)",
        () -> open(srd(HEADER, CELLS.substring(0, CELLS.length() - 3), "\n")));
    assertBad(Kind.CORRUPT, "SRD data has 19 cells, ncell says 6x3=18 (1 extra, 1 of them not the no-data code 64)",
        () -> open(srd(HEADER, CELLS + "A", "\n")));
    assertBad(Kind.CORRUPT, "SRD data has 18 cells, ncell says 6x2=12 (6 extra, 5 of them not the no-data code 64)",
        () -> open(srd(HEADER.replace("ncell 6 3", "ncell 6 2"), CELLS, "\n")));
    assertBad(Kind.TRUNCATED, "SRD data has 18 cells, ncell says 401x301=120701",
        () -> open(srd(HEADER.replace("ncell 6 3\n", ""), CELLS, "\n")));
    assertBad(Kind.TRUNCATED, "SRD data has 0 cells", () -> open(srd(HEADER, "", "\n")));
  }

  @Test
  void aFrameRefusedAfterItsHeaderKeepsItsTime() {
    BadInputException e = assertThrows(BadInputException.class, () -> open(srd(HEADER, "", "\n")));
    assertEquals(java.time.Instant.parse("2024-07-01T23:55:00Z"), e.nominalTime(), "its failure record is filed under it");
    BadInputException noHeader = assertThrows(BadInputException.class,
        () -> open("ncell 6 3\n@AB\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(null, noHeader.nominalTime());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "ncell 6 three|SRD header ncell '6 three' is not two integers (width height)",
    "ncell 6|SRD header ncell '6' is not two integers (width height)",
    "ncell 0 3|SRD header ncell '0 3' is not a positive width and height",
    "offset @|SRD header offset '@' is not a number",
    "start twelve|SRD header start 'twelve' is not a number",
    "slope 3,0|SRD header slope '3,0' is not a number",
    "slope NaN|SRD header slope 'NaN' is not a number",
    "slope 0|SRD header slope is 0",
    "offset 1e999|SRD header offset '1e999' is not a finite number",
    "start 1e300|unusable SRD scaling: slope 3.0, start 1.0E300, offset 64.0",
    "time 2024 07 xx 12 00|SRD header time '2024 07 xx 12 00' is not numeric (expected Y M D h m)",
    "time 2024 07 01 12|SRD header time '2024 07 01 12' has 4 values, expected Y M D h m",
    "time 2024 13 01 12 00|SRD header time '2024 13 01 12 00' is not a valid date and time",
    "time 24 07 01 12 00|SRD header time '24 07 01 12 00' has year 24, expected four digits",
  })
  void badHeaderValues(String line, String message) {
    String header = HEADER.replaceAll("(?m)^" + line.split(" ")[0] + " .*\n", "") + line + "\n";
    assertBad(Kind.BAD_ATTRIBUTE, message, () -> open(srd(header, CELLS, "\n")));
  }

  @Test
  void missingTimeIsRefused() {
    assertBad(Kind.BAD_ATTRIBUTE, "SRD header has no time (Y M D h m)",
        () -> open(srd(HEADER.replace("time 2024 7 1 23 55   # UTC\n", "# time 2024 7 1 23 55\n"), CELLS, "\n")));
  }

  @Test
  void rainRateIsNotReflectivity() {
    assertBad(Kind.UNSUPPORTED, "SRD unit 'MM/H' is not dBZ",
        () -> open(srd(HEADER.replace("unit DBZ", "unit MM/H"), CELLS, "\n")));
  }

  @Test
  void tooManyPixels() {
    assertBad(Kind.TOO_LARGE, "grid 100000x100000 = 10000000000 pixels exceeds --maxPixels=50000000",
        () -> open(srd("time 2024 7 1 23 55\nncell 100000 100000\n", "AB", "\n")));
  }

  // ---------------------------------------------------------------------------------------------

  /** As the renderer opens an SRD input: the content check of every format, then the decoder. */
  private static SrdFrame open(byte[] data) throws BadInputException {
    InputSniffer.requireContent(data, InputFormat.SRD3);
    try (SrdDecoder d = new SrdDecoder(MAX_PIXELS)) {
      return d.open(data, Scaling.ODIM_DEFAULTS);
    }
  }

  private static byte[] decode(SrdFrame f) {
    PaletteLut lut = new PaletteLut(f.sampleType(), f.scaling(), 10.0);
    byte[] out = new byte[f.width() * f.height() + 5];
    Arrays.fill(out, (byte) 0x7F);
    f.decode(lut, out);
    for (int i = f.width() * f.height(); i < out.length; i++) {
      assertEquals(0x7F, out[i], "decode wrote past the grid");
    }
    return Arrays.copyOf(out, f.width() * f.height());
  }

  private static void assertPixels(SrdFrame f, int[] rgb) {
    byte[] out = decode(f);
    for (int i = 0; i < rgb.length; i++) {
      int index = out[i] & 0xFF;
      String at = "cell " + i + " (row " + i / f.width() + ", column " + i % f.width() + ")";
      if (rgb[i] == T) {
        assertEquals(0, index, at + " should be transparent");
      } else {
        assertTrue(index > 0, at + " should be drawn");
        assertEquals(String.format("%06X", rgb[i]), String.format("%06X", RadarPalette.rgb(index)), at);
      }
    }
  }

  private static void assertLonLat(double[] expected, double lon, double lat) {
    assertEquals(expected[0], lon, 1e-9, "lon");
    assertEquals(expected[1], lat, 1e-9, "lat");
  }

  private static void assertBad(Kind kind, String fragment, Executable open) {
    BadInputException e = assertThrows(BadInputException.class, open);
    String m = e.getMessage();
    assertTrue(m != null && !m.isEmpty(), "no message");
    assertFalse(m.contains("\n") || m.contains("\r"), "message on more than one line: " + m);
    assertEquals(kind, e.kind(), m);
    assertTrue(m.contains(fragment), "message '" + m + "' should contain '" + fragment + "'");
  }
}
