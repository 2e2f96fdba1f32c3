package org.radarbeam.codec.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radarbeam.codec.netcdf.OmszDecoderTest.assertBad;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.netcdf.NetcdfClassicReader.Variable;

/** The hand-written netCDF classic reader against files written to the format specification. */
class NetcdfClassicReaderTest {

  @Test
  void cdf5TypesAndCounts() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(5);
    w.gatt("title", NetcdfClassicWriter.CHAR, "CDF-5 fixture");
    w.gatt("big", NetcdfClassicReader.NC_INT64, new long[] {1L << 40});
    w.var("b", NetcdfClassicReader.NC_BYTE, new byte[] {-5});
    w.var("ub", NetcdfClassicReader.NC_UBYTE, new byte[] {(byte) 250});
    w.var("s", NetcdfClassicReader.NC_SHORT, new short[] {-300});
    w.var("us", NetcdfClassicReader.NC_USHORT, new short[] {(short) 65000});
    w.var("i", NetcdfClassicReader.NC_INT, new int[] {70000});
    w.var("ui", NetcdfClassicReader.NC_UINT, new int[] {-1});
    w.var("f", NetcdfClassicReader.NC_FLOAT, new float[] {0.008f});
    w.var("d", NetcdfClassicReader.NC_DOUBLE, new double[] {-32.5});
    w.var("l", NetcdfClassicReader.NC_INT64, new long[] {-(1L << 40)});
    NetcdfClassicReader r = NetcdfClassicReader.parse(w.toBytes());
    assertEquals(5, r.version());
    assertEquals("CDF-5 fixture", r.attributeText(r.globalAttributes().get("title")));
    assertEquals(1L << 40, r.attributeNumber(r.globalAttributes().get("big")));
    assertEquals(-5, r.scalar(r.variable("b")));
    assertEquals(250, r.scalar(r.variable("ub")));
    assertEquals(-300, r.scalar(r.variable("s")));
    assertEquals(65000, r.scalar(r.variable("us")));
    assertEquals(70000, r.scalar(r.variable("i")));
    assertEquals(4294967295.0, r.scalar(r.variable("ui")));
    assertEquals(0.008, r.scalar(r.variable("f"))); // float32 through its shortest decimal
    assertEquals(-32.5, r.scalar(r.variable("d")));
    assertEquals(-(1L << 40), r.scalar(r.variable("l")));
  }

  @Test
  void dimensionsVariablesAndAttributes() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(2);
    int time = w.dim("time", 0);
    int lat = w.dim("latitude", 3);
    int lon = w.dim("lon", 2);
    w.var("GMTime", NetcdfClassicWriter.CHAR, "2019-11-21 12:00", w.dim("n", 16));
    w.var("refl2D", NetcdfClassicWriter.BYTE, new byte[] {1, 2, 3, 4, 5, 6}, time, lat, lon)
        .att("_FillValue", NetcdfClassicWriter.BYTE, new byte[] {-127});
    byte[] bytes = w.toBytes();
    NetcdfClassicReader r = NetcdfClassicReader.parse(bytes);
    assertEquals(1, r.numrecs());
    Variable v = r.variable("refl2D");
    assertTrue(r.isRecordVariable(v));
    assertArrayEquals(new long[] {1, 3, 2}, r.shape(v));
    assertEquals(List.of("time", "latitude", "lon"), r.dimensionNames(v));
    assertEquals(-127, r.attributeNumber(v.attributes.get("_FillValue")));
    int at = r.dataOffset(v, 6);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, java.util.Arrays.copyOfRange(bytes, at, at + 6));
    assertEquals("2019-11-21 12:00", r.chars(r.variable("GMTime")));
    assertFalse(r.isRecordVariable(r.variable("GMTime")));
  }

  @Test
  void emptyFileHasAbsentLists() throws Exception {
    for (int version : new int[] {1, 2, 5}) {
      NetcdfClassicReader r = NetcdfClassicReader.parse(new NetcdfClassicWriter(version).toBytes());
      assertTrue(r.dimensions().isEmpty());
      assertTrue(r.variables().isEmpty());
      assertTrue(r.globalAttributes().isEmpty());
    }
  }

  @Test
  void streamingNumrecs() throws Exception {
    byte[] b = new NetcdfClassicWriter(1).toBytes();
    ByteBuffer.wrap(b).putInt(4, -1);
    assertEquals(-1, NetcdfClassicReader.parse(b).numrecs());
  }

  @Test
  void refusesBrokenHeaders() {
    NetcdfClassicWriter w1 = new NetcdfClassicWriter(1);
    w1.var("x", NetcdfClassicReader.NC_UBYTE, new byte[] {1});
    assertBad(Kind.CORRUPT, "corrupt netCDF header: variable x has unknown nc_type 7", () -> NetcdfClassicReader.parse(w1.toBytes()));

    byte[] huge = new NetcdfClassicWriter(1).toBytes();
    ByteBuffer.wrap(huge).putInt(8, 0x0A).putInt(12, 0x7FFFFFFF);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: 2147483647 dimensions in a file of 32 bytes", () -> NetcdfClassicReader.parse(huge));

    NetcdfClassicWriter w2 = new NetcdfClassicWriter(2);
    w2.dim("lat", 2);
    w2.var("x", NetcdfClassicWriter.BYTE, new byte[] {1, 2}, 0);
    byte[] b2 = w2.toBytes();
    assertBad(Kind.TRUNCATED, "truncated netCDF header (CDF-2)", () -> NetcdfClassicReader.parse(java.util.Arrays.copyOf(b2, 30)));

    assertBad(Kind.CORRUPT, "not a netCDF classic file", () -> NetcdfClassicReader.parse("CDF\u0003....".getBytes()));
  }

  /** A 64-bit begin near 2^63 wrapped the bounds check and indexed the file at a negative offset. */
  @Test
  void aBeginBeyondTheFileIsTruncatedWhateverItsSize() throws Exception {
    for (int version : new int[] {2, 5}) {
      NetcdfClassicWriter w = new NetcdfClassicWriter(version);
      w.dim("lat", 2);
      w.var("x", NetcdfClassicWriter.BYTE, new byte[] {1, 2}, 0);
      byte[] b = w.toBytes();
      int header = (int) NetcdfClassicReader.parse(b).variable("x").begin;
      for (long begin : new long[] {0x7FFFFFFFFFFFFFF0L, b.length - 1, b.length + 1}) {
        ByteBuffer.wrap(b).putLong(header - 8, begin);
        NetcdfClassicReader r = NetcdfClassicReader.parse(b);
        assertBad(Kind.TRUNCATED, "truncated netCDF (CDF-" + version + "): variable x needs 2 values from byte " + begin,
            () -> r.dataOffset(r.variable("x"), 2));
      }
    }
  }

  /**
   * Shapes whose value count passes a long's sign: the count wrapped to one that passed the bounds
   * (2^31 - 16 characters, or exactly one value), and the text's buffer was sized by it.
   */
  @Test
  void shapesWhoseProductPassesALongAreRefused() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(5);
    int g1 = w.dim("g1", 3);
    int g2 = w.dim("g2", 3074457346334086480L); // 3 x this is 2^63 + 2^31 - 16 (mod 2^64)
    int h1 = w.dim("h1", 7);
    int h2 = w.dim("h2", 0x6DB6DB6DB6DB6DB7L); // 7 x this is 1 (mod 2^64)
    w.var("GMTime", NetcdfClassicWriter.CHAR, "2019-11-21 12:00", g1, g2);
    w.var("La1", NetcdfClassicWriter.DOUBLE, new double[] {46.5}, h1, h2);
    NetcdfClassicReader r = NetcdfClassicReader.parse(w.toBytes());
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF variable GMTime has more than 4096 characters, expected a short text",
        () -> r.chars(r.variable("GMTime")));
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF variable La1 has more than one value, expected one",
        () -> r.scalar(r.variable("La1")));
  }

  /** Values that begin inside the header would be read from its bytes as if they were data. */
  @Test
  void aVariableThatBeginsInsideTheHeaderIsCorrupt() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(1);
    w.dim("lat", 2);
    w.var("x", NetcdfClassicWriter.BYTE, new byte[] {1, 2}, 0);
    byte[] b = w.toBytes();
    int header = (int) NetcdfClassicReader.parse(b).variable("x").begin;
    ByteBuffer.wrap(b).putInt(header - 4, 0);
    NetcdfClassicReader r = NetcdfClassicReader.parse(b);
    assertBad(Kind.CORRUPT, "corrupt netCDF (CDF-1): variable x begins at byte 0, inside the header, which ends at "
        + header, () -> r.dataOffset(r.variable("x"), 2));
  }

  /** A text quoted in a failure is cut short: a long attribute makes no long failure record. */
  @Test
  void aLongTextIsQuotedInPart() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(1);
    w.gatt("La1", NetcdfClassicWriter.CHAR, "5".repeat(4000) + "x");
    NetcdfClassicReader r = NetcdfClassicReader.parse(w.toBytes());
    org.radarbeam.codec.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.radarbeam.codec.BadInputException.class, () -> r.attributeNumber(r.globalAttributes().get("La1")));
    assertEquals("netCDF attribute La1 is not a number ('" + "5".repeat(60) + "...')", e.getMessage());
  }

  /**
   * A text attribute of megabytes (GMTime, or a number as text) is refused before it is read: a few KB
   * zipped, 16 MiB of GMTime made 150 MB of strings and builders on its way to an unreadable time.
   */
  @Test
  void aTextAttributeOfMoreThan4096CharactersIsRefusedUnread() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(1);
    w.gatt("La1", NetcdfClassicWriter.CHAR, "5".repeat(1 << 20));
    w.gatt("GMTime", NetcdfClassicWriter.CHAR, "2".repeat(4097));
    w.gatt("ok", NetcdfClassicWriter.CHAR, "201911211200" + " ".repeat(4096 - 12));
    NetcdfClassicReader r = NetcdfClassicReader.parse(w.toBytes());
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF attribute La1 has 1048576 characters, expected a short text (at most 4096)",
        () -> r.attributeNumber(r.globalAttributes().get("La1")));
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF attribute GMTime has 4097 characters, expected a short text (at most 4096)",
        () -> r.attributeText(r.globalAttributes().get("GMTime")));
    assertEquals("201911211200", r.attributeText(r.globalAttributes().get("ok")).trim());
  }

  /**
   * A header of more dimensions, attributes and variables than netCDF allows (8192) is refused before
   * they are read: each costs 12 to 32 bytes in the file but a hundred or more once read, and 16 MiB
   * of dimensions (32 KB zipped) held 100 MB of the heap.
   */
  @Test
  void aHeaderOfMoreEntriesThanNetcdfAllowsIsTooLarge() throws Exception {
    assertEquals(8192, NetcdfClassicReader.parse(dimensions(8192)).dimensions().size());
    assertBad(Kind.TOO_LARGE, "netCDF header with 8193 dimensions holds more than 8192 dimensions, attributes and variables"
        + " in all (refused before reading them)", () -> NetcdfClassicReader.parse(dimensions(8193)));
    assertBad(Kind.TOO_LARGE, "netCDF header with 1000000 dimensions holds more than 8192",
        () -> NetcdfClassicReader.parse(dimensions(1_000_000)));
    NetcdfClassicWriter w = new NetcdfClassicWriter(2);
    for (int i = 0; i < 4000; i++) {
      w.gatt("g" + i, NetcdfClassicWriter.BYTE, new byte[] {1});
    }
    for (int i = 0; i < 200; i++) {
      NetcdfClassicWriter.Var v = w.var("v" + i, NetcdfClassicWriter.BYTE, new byte[] {1});
      for (int k = 0; k < 20; k++) {
        v.att("a" + k, NetcdfClassicWriter.BYTE, new byte[] {1});
      }
    }
    assertBad(Kind.TOO_LARGE, "holds more than 8192 dimensions, attributes and variables in all",
        () -> NetcdfClassicReader.parse(w.toBytes()));
  }

  /** A CDF-1 header of {@code n} dimensions of length 1 named "d" and no attributes or variables. */
  private static byte[] dimensions(int n) {
    ByteBuffer b = ByteBuffer.allocate(16 + 12 * n + 16);
    b.put(new byte[] {'C', 'D', 'F', 1}).putInt(0).putInt(0x0A).putInt(n);
    for (int i = 0; i < n; i++) {
      b.putInt(1).put(new byte[] {'d', 0, 0, 0}).putInt(1);
    }
    return b.putInt(0).putInt(0).putInt(0).putInt(0).array();
  }

  /** A CDF-5 count near 2^63 is named as it is, not as the end of a byte range that wraps past a long's sign. */
  @Test
  void aCountPastTheFileIsNamedAsItIs() {
    NetcdfClassicWriter w = new NetcdfClassicWriter(5);
    w.gatt("title", NetcdfClassicWriter.CHAR, "x");
    byte[] b = w.toBytes();
    ByteBuffer.wrap(b).putLong(56, Long.MAX_VALUE); // the value count of title
    assertBad(Kind.TRUNCATED, "truncated netCDF header (CDF-5): global attribute title values needs 9223372036854775804"
        + " bytes from byte 64, the file has 80", () -> NetcdfClassicReader.parse(b));
  }

  /** Headers whose lists contradict the format: each a one-line CORRUPT failure naming what is wrong. */
  @Test
  void refusesHeadersThatBreakTheFormatsRules() {
    NetcdfClassicWriter twoRecords = new NetcdfClassicWriter(1);
    twoRecords.dim("time", 0);
    twoRecords.dim("time2", 0);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: more than one record (length 0) dimension",
        () -> NetcdfClassicReader.parse(twoRecords.toBytes()));

    NetcdfClassicWriter cdf5Type = new NetcdfClassicWriter(2); // nc_type 7 (ubyte) exists only in CDF-5
    cdf5Type.gatt("flag", NetcdfClassicReader.NC_UBYTE, new byte[] {1});
    assertBad(Kind.CORRUPT, "corrupt netCDF header: global attribute flag has unknown nc_type 7",
        () -> NetcdfClassicReader.parse(cdf5Type.toBytes()));

    NetcdfClassicWriter noSuchDimension = new NetcdfClassicWriter(1);
    noSuchDimension.dim("lat", 2);
    noSuchDimension.var("x", NetcdfClassicWriter.BYTE, new byte[] {1, 2}, 3);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: variable x uses dimension id 3 of 1",
        () -> NetcdfClassicReader.parse(noSuchDimension.toBytes()));

    NetcdfClassicWriter recordLast = new NetcdfClassicWriter(1);
    int lat = recordLast.dim("lat", 2);
    int time = recordLast.dim("time", 0);
    recordLast.var("x", NetcdfClassicWriter.BYTE, new byte[] {1, 2}, lat, time);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: variable x has the record dimension in position 1 (only the first may be)",
        () -> NetcdfClassicReader.parse(recordLast.toBytes()));
  }

  @Test
  void refusesNamesOfNoOrOfThousandsOfCharacters() throws Exception {
    NetcdfClassicWriter unnamed = new NetcdfClassicWriter(1);
    unnamed.dim("", 2);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: dimension name of length 0 at byte 20",
        () -> NetcdfClassicReader.parse(unnamed.toBytes()));
    NetcdfClassicWriter long5000 = new NetcdfClassicWriter(1);
    long5000.var("v".repeat(5000), NetcdfClassicWriter.BYTE, new byte[] {1});
    assertBad(Kind.CORRUPT, "corrupt netCDF header: variable name of length 5000 at byte ",
        () -> NetcdfClassicReader.parse(long5000.toBytes()));
    // netCDF's NC_MAX_NAME
    NetcdfClassicWriter long256 = new NetcdfClassicWriter(1);
    long256.var("v".repeat(256), NetcdfClassicWriter.BYTE, new byte[] {1});
    assertEquals(1, NetcdfClassicReader.parse(long256.toBytes()).variables().size());
    NetcdfClassicWriter long257 = new NetcdfClassicWriter(1);
    long257.gatt("g".repeat(257), NetcdfClassicWriter.BYTE, new byte[] {1});
    assertBad(Kind.CORRUPT, "corrupt netCDF header: global attribute name of length 257 at byte ",
        () -> NetcdfClassicReader.parse(long257.toBytes()));
  }

  /** Counts, and a 64-bit begin, are never negative (only numrecs may be -1: a file being written). */
  @Test
  void refusesNegativeCountsAndBegins() throws Exception {
    byte[] cdf1 = new NetcdfClassicWriter(1).toBytes();
    ByteBuffer.wrap(cdf1).putInt(8, 0x0A).putInt(12, -2); // the dimension list: tag, count
    assertBad(Kind.CORRUPT, "corrupt netCDF header: negative number of dimensions -2", () -> NetcdfClassicReader.parse(cdf1));
    byte[] cdf5 = new NetcdfClassicWriter(5).toBytes();
    ByteBuffer.wrap(cdf5).putInt(12, 0x0A).putLong(16, -2);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: negative number of dimensions -2", () -> NetcdfClassicReader.parse(cdf5));
    byte[] numrecs = new NetcdfClassicWriter(1).toBytes();
    ByteBuffer.wrap(numrecs).putInt(4, -2);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: negative numrecs -2", () -> NetcdfClassicReader.parse(numrecs));

    NetcdfClassicWriter w = new NetcdfClassicWriter(2);
    w.dim("lat", 2);
    w.var("x", NetcdfClassicWriter.BYTE, new byte[] {1, 2}, 0);
    byte[] b = w.toBytes();
    int header = (int) NetcdfClassicReader.parse(b).variable("x").begin;
    ByteBuffer.wrap(b).putLong(header - 8, -8);
    assertBad(Kind.CORRUPT, "corrupt netCDF header: variable x begins at -8", () -> NetcdfClassicReader.parse(b));
  }

  /** An absent list (tag 0) must count 0 elements, as the format says. */
  @Test
  void refusesAnAbsentListThatCountsElements() {
    byte[] b = new NetcdfClassicWriter(1).toBytes();
    ByteBuffer.wrap(b).putInt(20, 3); // the global attribute list: tag 0, count 3
    assertBad(Kind.CORRUPT, "corrupt netCDF header: absent global attribute list with count 3", () -> NetcdfClassicReader.parse(b));
  }

  /** A scalar of type char is a number if its character is a digit, and text is expected of char variables only. */
  @Test
  void scalarsAsTextAndTextOfOtherTypes() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(1);
    w.var("La1", NetcdfClassicWriter.CHAR, "7"); // a scalar: one character
    w.var("Lo1", NetcdfClassicWriter.CHAR, "e");
    w.var("GMTime", NetcdfClassicWriter.SHORT, new short[] {2019});
    w.gatt("none", NetcdfClassicWriter.DOUBLE, new double[0]);
    w.gatt("code", NetcdfClassicWriter.INT, new int[] {42, 43});
    NetcdfClassicReader r = NetcdfClassicReader.parse(w.toBytes());
    assertEquals(7, r.scalar(r.variable("La1")));
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF variable Lo1 is not a number ('e')", () -> r.scalar(r.variable("Lo1")));
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF variable GMTime is short, expected char", () -> r.chars(r.variable("GMTime")));
    assertBad(Kind.BAD_ATTRIBUTE, "netCDF attribute none has no value", () -> r.attributeNumber(r.globalAttributes().get("none")));
    assertEquals("", r.attributeText(r.globalAttributes().get("none")));
    assertEquals("42.0", r.attributeText(r.globalAttributes().get("code")));
  }

  @Test
  void typesAreNamedAsTheFormatNamesThem() {
    String[] names = {"byte", "char", "short", "int", "float", "double", "ubyte", "ushort", "uint", "int64", "uint64"};
    for (int type = 1; type <= 11; type++) {
      assertEquals(names[type - 1], NetcdfClassicReader.typeName(type));
    }
    assertEquals("type 12", NetcdfClassicReader.typeName(12));
    assertEquals(-1, NetcdfClassicReader.typeSize(12));
  }

  /** CDF-5's uint64 above 2^63 reads as its unsigned value, as a double can hold it. */
  @Test
  void unsigned64BitValuesReadUnsigned() throws Exception {
    NetcdfClassicWriter w = new NetcdfClassicWriter(5);
    w.var("u", NetcdfClassicReader.NC_UINT64, new long[] {-1L});
    w.var("v", NetcdfClassicReader.NC_UINT64, new long[] {12345L});
    NetcdfClassicReader r = NetcdfClassicReader.parse(w.toBytes());
    assertEquals(18446744073709551615.0, r.scalar(r.variable("u")));
    assertEquals(12345.0, r.scalar(r.variable("v")));
  }
}
