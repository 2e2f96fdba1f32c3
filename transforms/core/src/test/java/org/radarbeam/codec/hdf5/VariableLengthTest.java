package org.radarbeam.codec.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
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

  @Test
  void valuesCutShortAreCorrupt() {
    try (HdfFile file = open(VariableLengthFiles.hdf5(SHORT, "names", 2, null, 0))) {
      ByteBuffer oneValue = ByteBuffer.wrap(new byte[16]);
      BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Files.requireBoundedReferences(
          (io.jhdf.object.datatype.VariableLength) ((Dataset) file.getChild("names")).getDataType(), oneValue, 2,
          "data set names"));
      assertEquals(Kind.CORRUPT, e.kind());
    }
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
