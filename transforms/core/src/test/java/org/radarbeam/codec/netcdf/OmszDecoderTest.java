package org.radarbeam.codec.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.codec.netcdf.OmszFixtures.Layout;
import org.radarbeam.codec.odim.Bombs;
import org.radarbeam.codec.netcdf.OmszFixtures.Omsz;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.RadarPalette;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.png.PngFilter;

/**
 * OMSZ decoding against values computed by hand from how imeteo-radar reads OMSZ files (int8 read
 * as uint8, dBZ = raw x 0.5 - 32, raw 0 and 255 no data, no fill-value masking, La1 north, rows
 * north to south) and renders them (its colour scale, the 10 dBZ threshold and the 256-level
 * quantisation).
 */
class OmszDecoderTest {
  private static final long MAX_PIXELS = 50_000_000L;
  private static final int T = -1; // transparent

  // imeteo-radar's colours for the values below; level = floor((dBZ + 35) / 120 x 255) and bin =
  // floor(-35 + level x 120 / 255 + 0.5), worked out by hand.
  private static final int RGB_10 = 0x008C6C; // raw 84 = 10.0 dBZ: level 95 -> 9.71 -> bin 10
  private static final int RGB_18 = 0x00D320; // raw 100 = 18.0: level 112 -> 17.71 -> 18
  private static final int RGB_31 = 0xD8DF00; // raw 127 = 31.5: level 141 -> 31.35 -> 31
  private static final int RGB_32 = 0xE1DA00; // raw 128 = 32.0 (level 142) and raw 129 = 32.5 (level 143) -> 32
  private static final int RGB_33 = 0xEAD500; // raw 130 = 33.0: level 144 -> 32.76 -> 33
  private static final int RGB_48 = 0xF93400; // raw 160 = 48.0: level 176 -> 47.82 -> 48
  private static final int RGB_68 = 0xBC3B9E; // raw 200 = 68.0: level 218 -> 67.59 -> 68
  private static final int RGB_85 = 0xFCACFC; // raw 254 = 95.0: clipped to level 255 -> 85

  /** 5 x 4, first row north. Raw 129 is int8 -127, the netCDF default fill value. */
  private static final int[] RAW = {
    0, 255, 129, 84, 83,
    100, 128, 130, 254, 1,
    160, 129, 0, 255, 84,
    127, 2, 200, 129, 100,
  };
  private static final int[] RGB = {
    T, T, RGB_32, RGB_10, T, // 0 background, 255 outside, 32.5 dBZ, 10.0, 9.5 below threshold
    RGB_18, RGB_32, RGB_33, RGB_85, T, // 1 = -31.5 dBZ
    RGB_48, RGB_32, T, T, RGB_10,
    RGB_31, T, RGB_68, RGB_32, RGB_18, // 2 = -31 dBZ
  };

  @TempDir
  static Path tmp;

  private static Omsz fixture() {
    return new Omsz(5, 4, RAW.clone());
  }

  // ---------------------------------------------------------------------------------------------
  // Pixels, extents, times: both netCDF flavours

  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2, 5})
  void classicPixelsGeometryAndTime(int version) throws Exception {
    byte[] zip = OmszFixtures.zip("radar_composite-refl2D-20191121_1200.nc", OmszFixtures.classic(fixture(), version));
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(zip, Scaling.ODIM_DEFAULTS)) {
      assertEquals("CDF-" + version, f.format());
      assertFixtureFrame(f);
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void netcdf4PixelsGeometryAndTime(Layout layout) throws Exception {
    byte[] zip = OmszFixtures.zip("radar_composite-refl2D-20191121_1200.nc", OmszFixtures.netcdf4(fixture(), layout, tmp));
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(zip, Scaling.ODIM_DEFAULTS)) {
      assertEquals("netCDF-4", f.format());
      assertFixtureFrame(f);
    }
  }

  private static void assertFixtureFrame(OmszFrame f) throws BadInputException {
    assertEquals(5, f.width());
    assertEquals(4, f.height());
    assertEquals(SampleType.UINT8, f.sampleType());
    assertEquals("DBZH", f.quantity());
    assertEquals(Instant.parse("2019-11-21T12:00:00Z"), f.nominalTime());
    assertPixels(f, RGB);

    GridGeometry g = f.geometry();
    assertEquals("+proj=longlat +datum=WGS84 +no_defs", g.projdef());
    assertEquals(5, g.xsize());
    assertEquals(4, g.ysize());
    assertEquals(0.0125, g.xscale(), 1e-12);
    assertEquals(0.008, g.yscale(), 1e-12);
    // corners are pixel centres: north = La1, south = La1 - 3 x 0.008, west = Lo1, east = Lo1 + 4 x 0.0125
    assertCorner(13.5, 50.5, g.ulLon(), g.ulLat());
    assertCorner(13.55, 50.5, g.urLon(), g.urLat());
    assertCorner(13.5, 50.476, g.llLon(), g.llLat());
    assertCorner(13.55, 50.476, g.lrLon(), g.lrLat());
  }

  /** The real grid: 961 columns x 813 rows of 0.0125 x 0.008 degrees from La1 50.5, Lo1 13.5 give 44.004 .. 50.5 N, 13.5 .. 25.5 E. */
  @ParameterizedTest(name = "CDF-{0}")
  @ValueSource(ints = {1, 2})
  void realGridExtentFromSpec(int version) throws Exception {
    int w = 961;
    int h = 813;
    int[] raw = new int[w * h];
    raw[0] = 129; // north-west corner: 32.5 dBZ
    raw[w - 1] = 84; // north-east: 10 dBZ
    raw[(h - 1) * w] = 255; // south-west: outside coverage
    raw[h * w - 1] = 160; // south-east: 48 dBZ
    byte[] zip = OmszFixtures.zip("radar.nc", OmszFixtures.classic(new Omsz(w, h, raw), version));
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(zip, Scaling.ODIM_DEFAULTS)) {
      GridGeometry g = f.geometry();
      assertArrayEquals(new double[] {13.5, 44.004, 25.5, 50.5}, g.cornerBounds(), 1e-9);
      byte[] out = decode(f);
      assertEquals(RGB_32, RadarPalette.rgb(out[0] & 0xFF));
      assertEquals(RGB_10, RadarPalette.rgb(out[w - 1] & 0xFF));
      assertEquals(0, out[(h - 1) * w]);
      assertEquals(RGB_48, RadarPalette.rgb(out[h * w - 1] & 0xFF));
      assertEquals(3, count(out, b -> b != 0)); // everything else is raw 0: background
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "201911211200|2019-11-21T12:00:00Z",
    "20191121120000|2019-11-21T12:00:00Z",
    "20191121120530|2019-11-21T12:05:00Z", // kept to the minute, as every nominal time: keys have no seconds
    "2019-11-21 12:00|2019-11-21T12:00:00Z",
    "2019-11-21T12:00:00Z|2019-11-21T12:00:00Z",
    "202407012355|2024-07-01T23:55:00Z", // summer: Berlin is UTC+2, the day must not move
    "202412312330|2024-12-31T23:30:00Z", // new year's eve: Berlin is UTC+1
  })
  void gmTimeIsUtc(String gmTime, String utc) throws Exception {
    Omsz o = fixture();
    o.gmTime = gmTime;
    for (byte[] nc : new byte[][] {OmszFixtures.classic(o, 1), OmszFixtures.netcdf4(o, Layout.CONTIGUOUS, tmp)}) {
      try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(OmszFixtures.zip("a.nc", nc), Scaling.ODIM_DEFAULTS)) {
        assertEquals(Instant.parse(utc), f.nominalTime(), f.format());
      }
    }
  }

  @Test
  void nominalTimeDoesNotDependOnTheDefaultTimeZone() throws Exception {
    byte[] zip = OmszFixtures.zip("a.nc", OmszFixtures.classic(fixture(), 1));
    java.util.TimeZone saved = java.util.TimeZone.getDefault();
    try {
      for (String zone : new String[] {"Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles", "UTC"}) {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
        try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(zip, Scaling.ODIM_DEFAULTS)) {
          assertEquals(Instant.parse("2019-11-21T12:00:00Z"), f.nominalTime(), zone);
        }
      }
    } finally {
      java.util.TimeZone.setDefault(saved);
    }
  }

  @Test
  void noGmTimeLeavesTheTimeToTheFileName() throws Exception {
    Omsz o = fixture();
    o.gmTime = null;
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS);
        OmszFrame f = d.open(OmszFixtures.zip("a.nc", OmszFixtures.classic(o, 2)), Scaling.ODIM_DEFAULTS)) {
      assertNull(f.nominalTime());
      assertPixels(f, RGB);
    }
  }

  @Test
  void scalarsMayBeGlobalAttributes() throws Exception {
    Omsz o = fixture();
    o.scalarsAsAttributes = true;
    for (byte[] nc : new byte[][] {OmszFixtures.classic(o, 1), OmszFixtures.netcdf4(o, Layout.CONTIGUOUS, tmp)}) {
      try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(OmszFixtures.zip("a.nc", nc), Scaling.ODIM_DEFAULTS)) {
        assertCorner(13.5, 50.5, f.geometry().ulLon(), f.geometry().ulLat());
        assertCorner(13.55, 50.476, f.geometry().lrLon(), f.geometry().lrLat());
      }
    }
  }

  @Test
  void recordVariableWithOneRecord() throws Exception {
    Omsz o = fixture();
    o.recordVariable = true;
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS);
        OmszFrame f = d.open(OmszFixtures.zip("a.nc", OmszFixtures.classic(o, 1)), Scaling.ODIM_DEFAULTS)) {
      assertPixels(f, RGB);
    }
  }

  @Test
  void cdf5UnsignedBytes() throws Exception {
    Omsz o = fixture();
    o.reflType = NetcdfClassicWriter.UBYTE;
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS);
        OmszFrame f = d.open(OmszFixtures.zip("a.nc", OmszFixtures.classic(o, 5)), Scaling.ODIM_DEFAULTS)) {
      assertPixels(f, RGB);
    }
  }

  @Test
  void firstNcMemberIsTaken() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("readme.txt", "OMSZ radar composite".getBytes(StandardCharsets.US_ASCII));
    m.put("dir/", new byte[0]);
    m.put("radar.NC", OmszFixtures.classic(fixture(), 1));
    Omsz other = fixture();
    Arrays.fill(other.raw, 160);
    m.put("second.nc", OmszFixtures.classic(other, 1));
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(OmszFixtures.zip(m), Scaling.ODIM_DEFAULTS)) {
      assertPixels(f, RGB);
    }
  }

  /** Through the shared LUT and indexed PNG writer, read back with javax.imageio. */
  @Test
  void pngOfTheFrame() throws Exception {
    byte[] zip = OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(fixture(), Layout.CHUNKED_DEFLATE, tmp));
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS); OmszFrame f = d.open(zip, Scaling.ODIM_DEFAULTS);
        IndexedPngWriter png = new IndexedPngWriter(6, PngFilter.NONE, false)) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.write(decode(f), f.width(), f.height())));
      assertEquals(0, img.getRGB(0, 0) >>> 24, "raw 0: transparent");
      assertEquals(0xFF000000 | RGB_32, img.getRGB(2, 0), "raw 129: 32.5 dBZ drawn");
      assertEquals(0xFF000000 | RGB_68, img.getRGB(2, 3), "south row, raw 200");
    }
  }

  @Test
  void scalingIsFixedAndIgnoresFillValue() {
    assertEquals(0.5, OmszDecoder.SCALING.gain());
    assertEquals(-32.0, OmszDecoder.SCALING.offset());
    assertTrue(OmszDecoder.SCALING.isMissing(0, SampleType.UINT8));
    assertTrue(OmszDecoder.SCALING.isMissing(255, SampleType.UINT8));
    assertFalse(OmszDecoder.SCALING.isMissing(129, SampleType.UINT8)); // int8 -127, the default _FillValue
    assertEquals(32.5f, OmszDecoder.SCALING.physical(129));
  }

  // ---------------------------------------------------------------------------------------------
  // Bad input

  @Test
  void emptyHtmlAndNotZip() {
    assertBad(Kind.EMPTY, "empty", () -> open(new byte[0]));
    assertBad(Kind.HTML, "HTML page", () -> open("<!DOCTYPE html><html><body>404</body></html>".getBytes(StandardCharsets.US_ASCII)));
    assertBad(Kind.UNSUPPORTED, "not a ZIP archive", () -> open(OmszFixtures.classic(fixture(), 1)));
    assertBad(Kind.UNSUPPORTED, "not a ZIP archive", () -> open("hello".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void zipWithoutNcMember() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("readme.txt", "no data today".getBytes(StandardCharsets.US_ASCII));
    m.put("radar.nc.bak", OmszFixtures.classic(fixture(), 1));
    assertBad(Kind.MISSING_DATA, "ZIP has no .nc member (members: readme.txt, radar.nc.bak)", () -> open(OmszFixtures.zip(m)));
    assertBad(Kind.MISSING_DATA, "ZIP has no .nc member (members: none)", () -> open(OmszFixtures.zip(new LinkedHashMap<>())));
  }

  @Test
  void truncatedZip() {
    Omsz big = new Omsz(200, 100, new int[20000]);
    for (int i = 0; i < big.raw.length; i++) {
      big.raw[i] = (i * 7919) % 256; // little redundancy, so the deflated member is long
    }
    byte[] zip = OmszFixtures.zip("radar.nc", OmszFixtures.classic(big, 1));
    byte[] cut = Arrays.copyOf(zip, zip.length / 2);
    assertBad(Kind.TRUNCATED, "truncated ZIP: member radar.nc ends early", () -> open(cut));
  }

  /**
   * A member whose deflated data runs on past the archive's end, in an archive that still ends with
   * its end record, was not cut short: it is corrupt. Here a stored deflate block claims 65535 bytes.
   */
  @Test
  void aMemberThatEndsEarlyInsideACompleteArchiveIsCorrupt() {
    byte[] block = {0, (byte) 0xFF, (byte) 0xFF, 0, 0, 'C', 'D', 'F', 1}; // not final, stored, LEN 65535
    byte[] zip = OmszFixtures.zipWithSizes("radar.nc", block, 99);
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 8); // the local header says deflated
    assertBad(Kind.CORRUPT, "corrupt ZIP: member radar.nc ends early inside a complete archive (", () -> open(zip));
    assertBad(Kind.TRUNCATED, "truncated ZIP: member radar.nc ends early (",
        () -> open(Arrays.copyOf(zip, zip.length - 1)));
  }

  /** Only the first ten names are kept for the message: an archive may hold a million members. */
  @Test
  void aZipOfManyMembersListsTheFirstTen() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < 25; i++) {
      m.put("m" + i + ".txt", new byte[] {1});
    }
    assertBad(Kind.MISSING_DATA, "ZIP has no .nc member (members: m0.txt, m1.txt, m2.txt, m3.txt, m4.txt, m5.txt, m6.txt,"
        + " m7.txt, m8.txt, m9.txt, ... 25 in all)", () -> open(OmszFixtures.zip(m)));
  }

  @Test
  void corruptZip() {
    byte[] zip = OmszFixtures.zip("radar.nc", OmszFixtures.classic(fixture(), 1));
    byte[] bad = zip.clone();
    for (int i = 60; i < 90; i++) {
      bad[i] ^= 0x5A; // inside the deflated data
    }
    BadInputException e = assertThrows(BadInputException.class, () -> open(bad));
    assertOneLine(e.getMessage());
    assertTrue(e.kind() == Kind.CORRUPT || e.kind() == Kind.TRUNCATED, e.kindName() + ": " + e.getMessage());
    assertTrue(e.getMessage().contains("ZIP"), e.getMessage());
  }

  @Test
  void truncatedMember() throws Exception {
    byte[] cdf = OmszFixtures.classic(fixture(), 2);
    assertBad(Kind.TRUNCATED, "ZIP member radar.nc: truncated netCDF header (CDF-2)",
        () -> open(OmszFixtures.zip("radar.nc", Arrays.copyOf(cdf, 40))));
    assertBad(Kind.TRUNCATED, "ZIP member radar.nc: truncated netCDF (CDF-2): variable refl2D needs 20 values from byte",
        () -> open(OmszFixtures.zip("radar.nc", Arrays.copyOf(cdf, cdf.length - 10))));
    byte[] h5 = OmszFixtures.netcdf4(fixture(), Layout.CHUNKED_DEFLATE, tmp);
    assertBad(Kind.TRUNCATED, "ZIP member radar.nc: truncated HDF5",
        () -> open(OmszFixtures.zip("radar.nc", Arrays.copyOf(h5, h5.length - 100))));
  }

  @Test
  void nonNetcdfMember() {
    assertBad(Kind.CORRUPT, "ZIP member radar.nc: not netCDF (no CDF or HDF5 signature; 18 bytes starting 74686973",
        () -> open(OmszFixtures.zip("radar.nc", "this is not netCDF".getBytes(StandardCharsets.US_ASCII))));
    assertBad(Kind.EMPTY, "ZIP member radar.nc: empty netCDF", () -> open(OmszFixtures.zip("radar.nc", new byte[0])));
    byte[] cdf = OmszFixtures.classic(fixture(), 1);
    cdf[11] = 0x0B; // the dimension list tag (bytes 8..11) says "variables"
    assertBad(Kind.CORRUPT, "ZIP member radar.nc: corrupt netCDF header: expected dimension list tag 0x0A or 0 at byte 8, found 0x0000000B",
        () -> open(OmszFixtures.zip("radar.nc", cdf)));
  }

  @Test
  void zipBombIsBoundedByDefault() throws Exception {
    long t0 = System.nanoTime();
    byte[] bomb = bomb("bomb.nc", OmszDecoder.DEFAULT_MAX_MEMBER_BYTES + (1 << 20));
    assertTrue(bomb.length < 1 << 19, "bomb of " + bomb.length + " bytes (a ZIP bomb is small)");
    assertBad(Kind.TOO_LARGE, "ZIP member bomb.nc inflates to more than 64 MiB (refused as a possible ZIP bomb)", () -> open(bomb));
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bomb test took too long");
  }

  @Test
  void zipBombBeforeTheNcMemberIsBoundedToo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.setLevel(Deflater.BEST_SPEED);
      z.putNextEntry(new ZipEntry("bomb.txt"));
      z.write(new byte[1 << 20]);
      z.closeEntry();
      z.putNextEntry(new ZipEntry("radar.nc"));
      z.write(OmszFixtures.classic(fixture(), 1));
      z.closeEntry();
    }
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS, 64 << 10)) {
      assertBad(Kind.TOO_LARGE, "ZIP member bomb.txt inflates to more than 64 KiB", () -> d.open(bytes.toByteArray(), Scaling.ODIM_DEFAULTS));
    }
  }

  /** 200 members of 63 MiB each before the .nc: each is under the limit, together they are 12.6 GB. */
  @Test
  void manyLargeMembersBeforeTheNcAreRefusedTogether() throws Exception {
    byte[] zip = OmszFixtures.zipOfZeroMembers(200, 63L << 20, "radar.nc", OmszFixtures.classic(fixture(), 1));
    assertTrue(zip.length < 16 << 20, "a ZIP of " + zip.length + " bytes");
    long t0 = System.nanoTime();
    assertBad(Kind.TOO_LARGE, "ZIP member m001.bin and the 1 before it inflate to more than 64 MiB together"
        + " (refused as a possible ZIP bomb)", () -> open(zip));
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused after inflating 64 MiB, not 12.6 GB");
  }

  /**
   * jhdf reads the scalars and GMTime itself, inflating their chunks without a bound: they are
   * checked first. Here GMTime declares 4000 bytes and its chunk inflates to 2 MiB.
   */
  @Test
  void aSmallVariableWhoseChunkInflatesPastItsSizeIsCorrupt() throws Exception {
    Omsz o = fixture();
    o.gmTimeBytes = new byte[4000];
    new java.util.Random(3).nextBytes(o.gmTimeBytes);
    byte[] nc = OmszFixtures.netcdf4(o, Layout.CONTIGUOUS, tmp);
    byte[] bomb = Bombs.replaceChunk(nc, "/GMTime", new int[] {0}, Bombs.zlib(new byte[0], 2 << 20));
    assertBad(Kind.CORRUPT, "ZIP member a.nc: corrupt HDF5: netCDF-4 variable GMTime chunk at [0] inflates to more than the"
        + " 4000 bytes its chunk layout declares", () -> open(OmszFixtures.zip("a.nc", bomb)));
    o.gmTimeBytes = new byte[5000];
    byte[] large = OmszFixtures.netcdf4(o, Layout.CONTIGUOUS, tmp);
    assertBad(Kind.BAD_ATTRIBUTE, "ZIP member a.nc: netCDF-4 variable GMTime holds 5000 values, expected a few",
        () -> open(OmszFixtures.zip("a.nc", large)));
  }

  /** The .nc member counts with those before it. */
  @Test
  void theNcMemberCountsWithTheMembersBeforeIt() throws Exception {
    byte[] nc = OmszFixtures.classic(fixture(), 1);
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS, 64 << 10)) {
      assertBad(Kind.TOO_LARGE, "ZIP member radar.nc and the 1 before it inflate to more than 64 KiB together",
          () -> d.open(OmszFixtures.zipOfZeroMembers(1, 64 << 10, "radar.nc", nc), Scaling.ODIM_DEFAULTS));
      try (OmszFrame f = d.open(OmszFixtures.zipOfZeroMembers(1, (64 << 10) - nc.length, "radar.nc", nc),
          Scaling.ODIM_DEFAULTS)) {
        assertPixels(f, RGB);
      }
    }
  }

  /** The local header claims 100 bytes; the bytes actually inflated are what is counted. */
  @Test
  void zipBombWithLyingHeader() throws Exception {
    byte[] member = new byte[1 << 20];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ZipEntry e = new ZipEntry("radar.nc");
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(e);
      z.write(member);
      z.closeEntry();
    }
    byte[] zip = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(member);
    ByteBuffer h = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    h.putShort(6, (short) (h.getShort(6) & ~8)); // no data descriptor: the header's sizes count
    h.putInt(14, (int) crc.getValue());
    h.putInt(18, (int) e.getCompressedSize());
    h.putInt(22, 100); // the claim
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS, 64 << 10)) {
      assertBad(Kind.TOO_LARGE, "ZIP member radar.nc inflates to more than 64 KiB", () -> d.open(zip, Scaling.ODIM_DEFAULTS));
    }
  }

  @Test
  void memberAtTheLimitIsRead() throws Exception {
    byte[] nc = OmszFixtures.classic(fixture(), 1);
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS, nc.length); OmszFrame f = d.open(OmszFixtures.zip("a.nc", nc), Scaling.ODIM_DEFAULTS)) {
      assertPixels(f, RGB);
    }
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS, nc.length - 1)) {
      assertBad(Kind.TOO_LARGE, "inflates to more than " + (nc.length - 1) + " bytes",
          () -> d.open(OmszFixtures.zip("a.nc", nc), Scaling.ODIM_DEFAULTS));
    }
  }

  @Test
  void netcdfWithoutRefl2D() {
    Omsz o = fixture().without("refl2D");
    assertBad(Kind.MISSING_DATA, "ZIP member radar.nc: netCDF (CDF-1) has no variable refl2D (variables: La1, Lo1, Dx, Dy, GMTime)",
        () -> open(OmszFixtures.zip("radar.nc", OmszFixtures.classic(o, 1))));
    assertBad(Kind.MISSING_DATA, "ZIP member radar.nc: netCDF-4 has no variable refl2D (variables: ",
        () -> open(OmszFixtures.zip("radar.nc", OmszFixtures.netcdf4(o, Layout.CONTIGUOUS, tmp))));
  }

  @Test
  void refl2DOfAnotherType() {
    Omsz o = fixture();
    o.reflType = NetcdfClassicWriter.FLOAT;
    assertBad(Kind.UNSUPPORTED, "netCDF (CDF-2) variable refl2D is float, expected 8-bit integers",
        () -> open(OmszFixtures.zip("radar.nc", OmszFixtures.classic(o, 2))));
  }

  @Test
  void missingOrBadScalars() {
    for (String name : new String[] {"La1", "Lo1", "Dx", "Dy"}) {
      assertBad(Kind.BAD_ATTRIBUTE, "netCDF has no " + name + " (",
          () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(fixture().without(name), 1))));
      assertBad(Kind.BAD_ATTRIBUTE, "netCDF has no " + name + " (",
          () -> open(OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(fixture().without(name), Layout.CONTIGUOUS, tmp))));
    }
    Omsz negative = fixture();
    negative.dy = -0.008;
    assertBad(Kind.BAD_ATTRIBUTE, "Dy=-0.008 is not a positive latitude step",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(negative, 2))));
    Omsz nan = fixture();
    nan.la1 = Double.NaN;
    assertBad(Kind.BAD_ATTRIBUTE, "La1=NaN is not a finite number", () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(nan, 2))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"noon", "2019-13-21 12:00", "2019112112", "21.11.2019"})
  void unreadableGmTime(String gmTime) {
    Omsz o = fixture();
    o.gmTime = gmTime;
    assertBad(Kind.BAD_ATTRIBUTE, "unreadable GMTime '" + gmTime + "' (expected yyyyMMddHHmm[ss], UTC)",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(o, 1))));
  }

  @Test
  void tooManyPixelsRefusedBeforeReadingData() {
    assertBad(Kind.TOO_LARGE, "grid 5x4 = 20 pixels exceeds --maxPixels=19", () -> {
      try (OmszDecoder d = new OmszDecoder(19)) {
        d.open(OmszFixtures.zip("a.nc", OmszFixtures.classic(fixture(), 1)), Scaling.ODIM_DEFAULTS);
      }
    });
    // a header declaring 100000 x 100000 cells over a few bytes: refused for its size, not read
    NetcdfClassicWriter w = new NetcdfClassicWriter(2);
    int lat = w.dim("lat", 100_000);
    int lon = w.dim("lon", 100_000);
    w.var("refl2D", NetcdfClassicWriter.BYTE, new byte[0], lat, lon);
    assertBad(Kind.TOO_LARGE, "grid 100000x100000 = 10000000000 pixels exceeds --maxPixels=50000000",
        () -> open(OmszFixtures.zip("a.nc", w.toBytes())));
  }

  @Test
  void cdf5DimensionsWhoseProductOverflowsAreRefused() {
    // (2^32 - 1) x (2^32 + 1) = 2^64 - 1: -1 as a long, which no pixel limit would catch
    NetcdfClassicWriter w = new NetcdfClassicWriter(5);
    int y = w.dim("y", (1L << 32) - 1);
    int x = w.dim("x", (1L << 32) + 1);
    w.var("refl2D", NetcdfClassicWriter.BYTE, new byte[0], y, x);
    assertBad(Kind.TOO_LARGE, "grid 4294967297x4294967295 exceeds --maxPixels=50000000",
        () -> open(OmszFixtures.zip("a.nc", w.toBytes())));
    assertBad(Kind.CORRUPT, "netCDF-4 variable refl2D has shape [-1, 5], beyond what its format can hold",
        () -> OmszGrid.shape(new long[] {-1, 5}, "netCDF-4", MAX_PIXELS));
  }

  /** refl2D must be one 2-D grid: fewer dimensions, or more than one grid along a leading one, are not read. */
  @Test
  void refl2DOfOtherThanOneGridIsUnsupported() {
    NetcdfClassicWriter line = new NetcdfClassicWriter(1);
    line.var("refl2D", NetcdfClassicWriter.BYTE, new byte[] {1, 2, 3}, line.dim("lon", 3));
    assertBad(Kind.UNSUPPORTED, "ZIP member a.nc: CDF-1 variable refl2D has 1 dimensions, expected a 2-D grid",
        () -> open(OmszFixtures.zip("a.nc", line.toBytes())));
    NetcdfClassicWriter two = new NetcdfClassicWriter(1);
    two.var("refl2D", NetcdfClassicWriter.BYTE, new byte[12], two.dim("level", 2), two.dim("lat", 2), two.dim("lon", 3));
    assertBad(Kind.UNSUPPORTED, "ZIP member a.nc: CDF-1 variable refl2D has shape [2, 2, 3], expected one 2-D grid",
        () -> open(OmszFixtures.zip("a.nc", two.toBytes())));
    assertBad(Kind.MISSING_DATA, "netCDF-4 variable refl2D is empty (5x0)",
        () -> OmszGrid.shape(new long[] {1, 0, 5}, "netCDF-4", MAX_PIXELS));
  }

  /** A record variable of a file that holds no record yet has no grid. */
  @Test
  void aRecordVariableWithNoRecordIsMissingData() {
    Omsz o = fixture();
    o.recordVariable = true;
    byte[] nc = OmszFixtures.classic(o, 1);
    ByteBuffer.wrap(nc).putInt(4, 0); // numrecs
    assertBad(Kind.MISSING_DATA, "netCDF (CDF-1) variable refl2D has no records", () -> open(OmszFixtures.zip("a.nc", nc)));
  }

  /** Steps and corners that place no grid on the globe. */
  @Test
  void aGridOffTheGlobeIsABadAttribute() {
    Omsz flat = fixture();
    flat.dx = 0;
    assertBad(Kind.BAD_ATTRIBUTE, "Dx=0.0 is not a positive longitude step", () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(flat, 2))));
    Omsz north = fixture();
    north.la1 = 90.01;
    assertBad(Kind.BAD_ATTRIBUTE, "latitudes 89.986 .. 90.01 (La1=90.01, Dy=0.008, 4 rows) leave -90 .. 90",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(north, 2))));
    Omsz south = fixture();
    south.la1 = -89.99;
    assertBad(Kind.BAD_ATTRIBUTE, "(La1=-89.99, Dy=0.008, 4 rows) leave -90 .. 90",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(south, 2))));
    Omsz east = fixture();
    east.lo1 = 359.99;
    assertBad(Kind.BAD_ATTRIBUTE, "(Lo1=359.99, Dx=0.0125, 5 columns) leave -180 .. 360",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(east, 2))));
    Omsz west = fixture();
    west.lo1 = -180.5;
    assertBad(Kind.BAD_ATTRIBUTE, "longitudes -180.5 .. -180.45 (Lo1=-180.5, Dx=0.0125, 5 columns) leave -180 .. 360",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.classic(west, 2))));
  }

  @Test
  void netcdf4Refl2DOfAnotherTypeIsUnsupported() {
    Omsz shorts = fixture();
    shorts.reflRows = new short[4][5];
    assertBad(Kind.UNSUPPORTED, "netCDF-4 variable refl2D is 16-bit integers, expected 8-bit integers (byte)",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(shorts, Layout.CONTIGUOUS, tmp))));
    Omsz floats = fixture();
    floats.reflRows = new float[4][5];
    assertBad(Kind.UNSUPPORTED, "netCDF-4 variable refl2D is FloatingPoint, expected 8-bit integers (byte)",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(floats, Layout.CONTIGUOUS, tmp))));
  }

  /** Root attributes of netCDF-4: a number as text is read, as is GMTime as a text attribute; several values are not one. */
  @Test
  void netcdf4ScalarsAndTimeAsRootAttributes() throws Exception {
    Omsz o = fixture();
    o.rootAttributes.put("La1", "50.5");
    o.rootAttributes.put("GMTime", "201911211205");
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS);
        OmszFrame f = d.open(OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(o, Layout.CONTIGUOUS, tmp)), Scaling.ODIM_DEFAULTS)) {
      assertEquals(Instant.parse("2019-11-21T12:05:00Z"), f.nominalTime());
      assertCorner(13.5, 50.5, f.geometry().ulLon(), f.geometry().ulLat());
      assertPixels(f, RGB);
    }
    Omsz two = fixture();
    two.rootAttributes.put("La1", new double[] {50.5, 51.5});
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF-4 La1 has 2 values, expected one",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(two, Layout.CONTIGUOUS, tmp))));
    Omsz text = fixture();
    text.rootAttributes.put("Lo1", "east");
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF-4 Lo1 is not a number ('east')",
        () -> open(OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(text, Layout.CONTIGUOUS, tmp))));
  }

  /**
   * A small variable stored in chunks, deflated or not, is read once each chunk is known to inflate to
   * no more than it declares: here GMTime as bytes in chunks of 5.
   */
  @ParameterizedTest(name = "deflated: {0}")
  @ValueSource(booleans = {true, false})
  void aSmallVariableInSeveralChunksIsRead(boolean deflate) throws Exception {
    Omsz o = fixture();
    o.gmTimeBytes = "201911211210".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    o.gmTimeChunk = 5;
    o.gmTimeDeflate = deflate;
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS);
        OmszFrame f = d.open(OmszFixtures.zip("a.nc", OmszFixtures.netcdf4(o, Layout.CONTIGUOUS, tmp)), Scaling.ODIM_DEFAULTS)) {
      assertEquals(Instant.parse("2019-11-21T12:10:00Z"), f.nominalTime());
      assertPixels(f, RGB);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** As the renderer opens an OMSZ input: the content check of every format, then the decoder. */
  private static OmszFrame open(byte[] zip) throws BadInputException {
    InputSniffer.requireContent(zip, InputFormat.NETCDF_ZIP);
    try (OmszDecoder d = new OmszDecoder(MAX_PIXELS)) {
      OmszFrame f = d.open(zip, Scaling.ODIM_DEFAULTS);
      f.close();
      return f;
    }
  }

  /** A deflated ZIP with one member of {@code size} zero bytes. */
  private static byte[] bomb(String name, long size) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.setLevel(Deflater.BEST_SPEED);
      z.putNextEntry(new ZipEntry(name));
      for (long n = 0; n < size; n += zeros.length) {
        z.write(zeros, 0, (int) Math.min(zeros.length, size - n));
      }
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  static byte[] decode(OmszFrame f) throws BadInputException {
    PaletteLut lut = new PaletteLut(f.sampleType(), f.scaling(), 10.0);
    byte[] out = new byte[f.width() * f.height() + 7];
    Arrays.fill(out, (byte) 0x7F);
    f.decode(lut, out);
    for (int i = f.width() * f.height(); i < out.length; i++) {
      assertEquals(0x7F, out[i], "decode wrote past the grid");
    }
    return Arrays.copyOf(out, f.width() * f.height());
  }

  /** Each pixel: transparent (index 0) where {@code rgb} is -1, else the palette entry of that colour. */
  static void assertPixels(OmszFrame f, int[] rgb) throws BadInputException {
    byte[] out = decode(f);
    for (int i = 0; i < rgb.length; i++) {
      int index = out[i] & 0xFF;
      String at = "pixel " + i + " (row " + i / f.width() + ", column " + i % f.width() + ")";
      if (rgb[i] == T) {
        assertEquals(0, index, at + " should be transparent");
      } else {
        assertTrue(index > 0, at + " should be drawn");
        assertEquals(String.format("%06X", rgb[i]), String.format("%06X", RadarPalette.rgb(index)), at);
      }
    }
  }

  private static void assertCorner(double lon, double lat, double gotLon, double gotLat) {
    assertEquals(lon, gotLon, 1e-9, "lon");
    assertEquals(lat, gotLat, 1e-9, "lat");
  }

  private static int count(byte[] b, java.util.function.IntPredicate p) {
    int n = 0;
    for (byte x : b) {
      if (p.test(x)) {
        n++;
      }
    }
    return n;
  }

  static void assertBad(Kind kind, String fragment, Executable open) {
    BadInputException e = assertThrows(BadInputException.class, open);
    assertOneLine(e.getMessage());
    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
  }

  static void assertOneLine(String message) {
    assertTrue(message != null && !message.isEmpty(), "no message");
    assertFalse(message.contains("\n") || message.contains("\r"), "message on more than one line: " + message);
  }
}
