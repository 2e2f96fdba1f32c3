package org.radarbeam.codec.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.VariableLength;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.netcdf.OmszDecoder;
import org.radarbeam.palette.Scaling;

/**
 * Variable-length strings name objects of the file's heap, and jhdf builds a string for every
 * reference: their bytes are counted first, so a few hundred references to one large object are a
 * failure, not gigabytes of heap.
 */
class VariableLengthTest {
  private static final byte[] SHORT = "46.5".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LARGE = filled(1 << 20);

  @Test
  void shortStringsAreRead() throws BadInputException {
    try (HdfFile file = open(VariableLengthFiles.hdf5(SHORT, "names", 3, "title", 2))) {
      Object data = Hdf5Files.smallDatasetData((Dataset) file.getChild("names"), "data set names");
      assertArrayEquals(new String[] {"46.5", "46.5", "46.5"}, (String[]) data);
      Object attribute = Hdf5Files.attributeData(file.getAttribute("title"), "/title");
      assertArrayEquals(new String[] {"46.5", "46.5"}, (String[]) attribute);
    }
  }

  @Test
  void manyReferencesToOneLargeObjectAreRefusedBeforeReading() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(LARGE, "names", 256, "title", 16))) {
      BadInputException data = assertThrows(BadInputException.class,
          () -> Hdf5Files.smallDatasetData((Dataset) file.getChild("names"), "data set names"));
      assertEquals(Kind.BAD_ATTRIBUTE, data.kind());
      assertEquals("data set names names more than 65536 bytes through its 256 variable-length values", data.getMessage());
      BadInputException attribute = assertThrows(BadInputException.class,
          () -> Hdf5Files.attributeData(file.getAttribute("title"), "/title"));
      assertEquals(Kind.BAD_ATTRIBUTE, attribute.kind());
      assertTrue(attribute.getMessage().startsWith("attribute /title names more than 65536 bytes"), attribute.getMessage());
    }
  }

  @Test
  void oneLargeObjectAloneIsRefusedToo() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(filled(70_000), "names", 1, null, 0))) {
      assertThrows(BadInputException.class,
          () -> Hdf5Files.smallDatasetData((Dataset) file.getChild("names"), "data set names"));
    }
  }

  /** jhdf reads a named object whole: a value that declares one byte of a megabyte object counts a megabyte. */
  @Test
  void valuesAreCountedByTheObjectsTheyNameNotTheLengthsTheyDeclare() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(LARGE, 1, "names", 256, "title", 16))) {
      BadInputException data = assertThrows(BadInputException.class,
          () -> Hdf5Files.smallDatasetData((Dataset) file.getChild("names"), "data set names"));
      assertEquals("data set names names more than 65536 bytes through its 256 variable-length values", data.getMessage());
      BadInputException attribute = assertThrows(BadInputException.class,
          () -> Hdf5Files.attributeData(file.getAttribute("title"), "/title"));
      assertTrue(attribute.getMessage().startsWith("attribute /title names more than 65536 bytes"), attribute.getMessage());
    }
  }

  @Test
  void valuesThatNameNoHeapObjectAreCorrupt() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(SHORT, "names", 2, null, 0))) {
      io.jhdf.storage.HdfBackingStorage storage = file.getHdfBackingStorage();
      VariableLength type = (VariableLength) ((Dataset) file.getChild("names")).getDataType();
      long heap = storage.size() - 32 - 8; // the collection: its header and one 4-byte object padded to 8
      BadInputException noObject = assertThrows(BadInputException.class,
          () -> Hdf5Files.requireBoundedReferences(storage, type, reference(heap, 7), "data set names"));
      assertEquals(Kind.CORRUPT, noObject.kind());
      assertEquals("corrupt HDF5: data set names: a value names object 7, which the global heap at " + heap
          + " does not hold", noObject.getMessage());
      BadInputException noHeap = assertThrows(BadInputException.class,
          () -> Hdf5Files.requireBoundedReferences(storage, type, reference(0, 1), "data set names"));
      assertEquals("corrupt HDF5: data set names: no global heap at 0", noHeap.getMessage());
      BadInputException outside = assertThrows(BadInputException.class,
          () -> Hdf5Files.requireBoundedReferences(storage, type, reference(1L << 40, 1), "data set names"));
      assertEquals(Kind.CORRUPT, outside.kind());
      assertDoesNotThrow(() -> Hdf5Files.requireBoundedReferences(storage, type, reference(heap, 1), "data set names"));
    }
  }

  /** More values than any metadata holds are refused before any heap is read, however small each is. */
  @Test
  void moreVariableLengthValuesThanAllowedAreRefused() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(SHORT, "names", 2, null, 0))) {
      io.jhdf.storage.HdfBackingStorage storage = file.getHdfBackingStorage();
      VariableLength type = (VariableLength) ((Dataset) file.getChild("names")).getDataType();
      int values = (int) Hdf5Files.MAX_REFERENCES + 1;
      ByteBuffer raw = ByteBuffer.allocate(values * type.getSize()); // every value empty: index 0, no collection
      BadInputException e = assertThrows(BadInputException.class,
          () -> Hdf5Files.requireBoundedReferences(storage, type, raw, "data set names"));
      assertEquals(Kind.BAD_ATTRIBUTE, e.kind());
      assertEquals("data set names holds " + values + " variable-length values, at most " + Hdf5Files.MAX_REFERENCES
          + " are read", e.getMessage());
      assertDoesNotThrow(() -> Hdf5Files.requireBoundedReferences(storage, type,
          ByteBuffer.allocate((values - 1) * type.getSize()), "data set names"));
    }
  }

  /**
   * Variable-length values are bounded through the raw bytes of a data set jhdf read from the file; a
   * data set of any other kind (here one that is only its type) is refused before its values are read.
   */
  @Test
  void variableLengthValuesOfADataSetNotReadFromAFileAreUnsupported() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(SHORT, "names", 2, null, 0))) {
      io.jhdf.object.datatype.DataType type = ((Dataset) file.getChild("names")).getDataType();
      Dataset other = (Dataset) java.lang.reflect.Proxy.newProxyInstance(Dataset.class.getClassLoader(),
          new Class<?>[] {Dataset.class}, (proxy, method, args) -> {
            if (method.getName().equals("getDataType")) {
              return type;
            }
            throw new AssertionError("read " + method.getName() + " of a data set refused by its type");
          });
      BadInputException e = assertThrows(BadInputException.class,
          () -> Hdf5Files.smallDatasetData(other, "data set names"));
      assertEquals(Kind.UNSUPPORTED, e.kind());
      assertEquals("data set names holds variable-length values in a layout that is not read", e.getMessage());
    }
  }

  /** A variable-length type too small to hold a length, a heap address and an index names nothing jhdf can read. */
  @Test
  void variableLengthValuesTooSmallForAReferenceAreCorrupt() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(SHORT, "names", 2, null, 0))) {
      io.jhdf.storage.HdfBackingStorage storage = file.getHdfBackingStorage();
      // version 1, class 9 (variable-length) of strings, 15 bytes a value; its base: 1-byte strings
      ByteBuffer message = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      message.put((byte) 0x19).put((byte) 1).put((byte) 0).put((byte) 0).putInt(15);
      message.put((byte) 0x13).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1).flip();
      VariableLength type = (VariableLength) io.jhdf.object.datatype.DataType.readDataType(message);
      assertEquals(15, type.getSize());
      BadInputException e = assertThrows(BadInputException.class,
          () -> Hdf5Files.requireBoundedReferences(storage, type, ByteBuffer.allocate(30), "data set names"));
      assertEquals(Kind.CORRUPT, e.kind());
      assertEquals("corrupt HDF5: data set names has variable-length values of 15 bytes", e.getMessage());
    }
  }

  /**
   * A collection of 5000 entries that all repeat one index is walked to its end by jhdf, again for
   * every value read: entries are counted as walked, so it is refused at the 4097th.
   */
  @Test
  void aHeapOfManyEntriesOfOneIndexIsCorrupt() {
    byte[] file = VariableLengthFiles.hdf5(new byte[16 * 5000], "names", 1, null, 0);
    int heap = file.length - 32 - 16 * 5000;
    ByteBuffer entries = ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).position(heap + 16);
    while (entries.remaining() >= 16) {
      entries.putShort((short) 1).putShort((short) 0).putInt(0).putLong(0); // index 1, empty, again and again
    }
    try (HdfFile f = open(file)) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> Hdf5Files.smallDatasetData((Dataset) f.getChild("names"), "data set names"));
      assertEquals("corrupt HDF5: data set names: the global heap at " + heap + " holds more than 4096 objects",
          e.getMessage());
    }
  }

  /** Metadata of types other than numbers and text are refused before jhdf reads them (types.h5, by libhdf5). */
  @Test
  void metadataOfOtherTypesAreUnsupported() throws Exception {
    try (HdfFile file = open(types())) {
      assertEquals(46.5, Hdf5Files.attributeData(file.getAttribute("plain"), "/plain"));
      assertEquals("20251117", Hdf5Files.attributeData(file.getAttribute("text"), "/text"));
      assertArrayEquals(new float[] {0, 1, 2}, (float[]) Hdf5Files.smallDatasetData((Dataset) file.getChild("plainset"),
          "data set plainset"));
      for (String name : new String[] {"array", "compound", "enum"}) {
        BadInputException e = assertThrows(BadInputException.class,
            () -> Hdf5Files.attributeData(file.getAttribute(name), "/" + name));
        assertEquals(Kind.UNSUPPORTED, e.kind(), name);
        assertTrue(e.getMessage().startsWith("attribute /" + name + " is of HDF5 type ")
            && e.getMessage().endsWith(", not numbers or text"), e.getMessage());
      }
      BadInputException e = assertThrows(BadInputException.class,
          () -> Hdf5Files.smallDatasetData((Dataset) file.getChild("arrays"), "data set arrays"));
      assertEquals("data set arrays is of HDF5 type ArrayDataType, not numbers or text", e.getMessage());
    }
  }

  /** 2^30 x 2^30 x 2 doubles are 2^64 bytes: multiplied out, a count of zero bytes, which passed as small. */
  @Test
  void aShapeWhoseBytesPassALongIsNotSmall() throws Exception {
    byte[] bytes = types();
    byte[] shape = ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(5).putLong(7).array();
    byte[] huge = ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(1L << 30).putLong(1L << 30)
        .putLong(2).array();
    for (int at = 0; at <= bytes.length - 24; at++) { // the data space's sizes and maximum sizes
      if (Arrays.equals(bytes, at, at + 24, shape, 0, 24)) {
        System.arraycopy(huge, 0, bytes, at, 24);
      }
    }
    try (HdfFile file = open(bytes); ChunkedRasterDecoder decoder = new ChunkedRasterDecoder()) {
      Dataset cube = (Dataset) file.getChild("cube");
      assertEquals(1L << 61, cube.getSize());
      BadInputException e = assertThrows(BadInputException.class, () -> decoder.requireSmall(cube, "data set cube", 4096));
      assertEquals("data set cube holds 2305843009213693952 values, expected a few", e.getMessage());
    }
  }

  private static byte[] types() throws java.io.IOException {
    try (var in = VariableLengthTest.class.getResourceAsStream("/hdf5/types.h5")) {
      return in.readAllBytes();
    }
  }

  /** One variable-length value (its length, then the collection's address and the object's index). */
  private static ByteBuffer reference(long heap, int index) {
    return ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4).putLong(heap).putInt(index).flip();
  }

  @Test
  void anOmszFileWhoseGridCornerNamesOneLargeObject256TimesIsAFailure() throws Exception {
    byte[] nc = VariableLengthFiles.hdf5(LARGE, "La1", 256, null, 0);
    byte[] zip = VariableLengthFiles.zip("radar_composite-refl2D-20251201_1200.nc", nc);
    try (OmszDecoder d = new OmszDecoder(50_000_000L)) {
      BadInputException e = assertThrows(BadInputException.class, () -> d.open(zip, Scaling.ODIM_DEFAULTS));
      assertEquals("ZIP member radar_composite-refl2D-20251201_1200.nc: netCDF-4 variable La1 names more than 65536"
          + " bytes through its 256 variable-length values", e.getMessage());
    }
  }

  private static HdfFile open(byte[] hdf5) {
    return HdfFile.fromByteBuffer(ByteBuffer.wrap(hdf5));
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'A');
    return b;
  }
}
