package org.radarbeam.codec.hdf5;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small HDF5 files, written byte by byte, whose variable-length strings all reference one object of
 * the file's global heap: a root group with a 4 x 4 byte data set {@code refl2D}, a data set of
 * variable-length strings and, optionally, a root attribute of them. jhdf's writer makes no
 * variable-length values, and only hand-made files can name one heap object many times (what a
 * crafted file would do to make jhdf build a string per reference).
 */
final class VariableLengthFiles {
  private static final long UNDEFINED = -1L;
  /** Superblock version 0 with 8-byte offsets and lengths: the root group's object header follows it. */
  private static final int SUPERBLOCK = 96;
  private static final int VLEN_VALUE = 16; // length, heap collection address, object index

  private VariableLengthFiles() {}

  /**
   * @param object what every reference names
   * @param dataset the data set of {@code datasetRefs} references
   * @param attribute the root attribute of {@code attributeRefs} references; none if null
   */
  static byte[] hdf5(byte[] object, String dataset, int datasetRefs, String attribute, int attributeRefs) {
    return hdf5(object, object.length, dataset, datasetRefs, attribute, attributeRefs);
  }

  /** As {@link #hdf5(byte[], String, int, String, int)}, every value declaring {@code declared} bytes, true or not. */
  static byte[] hdf5(byte[] object, int declared, String dataset, int datasetRefs, String attribute, int attributeRefs) {
    // layout: superblock, root header, the two data sets' headers, their data, the global heap
    byte[] gridHeader = datasetHeader(dataspace(4, 4), fixedPoint(), contiguous(0, 16));
    byte[] stringsHeader = datasetHeader(dataspace(datasetRefs), strings(), contiguous(0, (long) datasetRefs * VLEN_VALUE));
    int rootSize = header(rootMessages(dataset, attribute, attributeRefs, 0, 0, 0, 0).toArray(new byte[0][])).length;
    long grid = SUPERBLOCK + rootSize;
    long strings = grid + gridHeader.length;
    long gridData = strings + stringsHeader.length;
    long stringsData = gridData + 16;
    long heap = stringsData + (long) datasetRefs * VLEN_VALUE;
    int padded = (object.length + 7) & ~7;
    long eof = heap + 32 + padded;

    ByteBuffer b = ByteBuffer.allocate((int) eof).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}).put(new byte[] {0, 0, 0, 0, 0, 8, 8, 0})
        .putShort((short) 4).putShort((short) 16).putInt(0)
        .putLong(0).putLong(UNDEFINED).putLong(eof).putLong(UNDEFINED)
        .putLong(0).putLong(SUPERBLOCK).putInt(0).putInt(0).putLong(0).putLong(0);
    b.put(header(rootMessages(dataset, attribute, attributeRefs, declared, heap, grid, strings)
        .toArray(new byte[0][])));
    b.put(datasetHeader(dataspace(4, 4), fixedPoint(), contiguous(gridData, 16)));
    b.put(datasetHeader(dataspace(datasetRefs), strings(), contiguous(stringsData, (long) datasetRefs * VLEN_VALUE)));
    b.put(new byte[16]);
    b.put(references(datasetRefs, declared, heap));
    b.put("GCOL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(32L + padded)
        .putShort((short) 1).putShort((short) 0).putInt(0).putLong(object.length).put(object).put(new byte[padded - object.length]);
    return b.array();
  }

  /** {@code nc} zipped as OMSZ serves its netCDF files. */
  static byte[] zip(String name, byte[] nc) throws IOException {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(z)) {
      out.putNextEntry(new ZipEntry(name));
      out.write(nc);
      out.closeEntry();
    }
    return z.toByteArray();
  }

  private static List<byte[]> rootMessages(String dataset, String attribute, int refs, int length, long heap, long grid,
      long strings) {
    List<byte[]> m = new ArrayList<>();
    m.add(message(0x02, bytes(x -> x.put((byte) 0).put((byte) 0).putLong(UNDEFINED).putLong(UNDEFINED))));
    m.add(message(0x06, link("refl2D", grid)));
    m.add(message(0x06, link(dataset, strings)));
    if (attribute != null) {
      byte[] name = (attribute + "\0").getBytes(StandardCharsets.US_ASCII);
      byte[] type = strings();
      byte[] space = dataspace(refs);
      m.add(message(0x0C, bytes(x -> {
        x.put((byte) 1).put((byte) 0).putShort((short) name.length).putShort((short) type.length)
            .putShort((short) space.length);
        x.put(padded(name)).put(padded(type)).put(padded(space)).put(references(refs, length, heap));
      })));
    }
    return m;
  }

  /** {@code refs} variable-length values of {@code length} bytes, each naming object 1 of the collection at {@code heap}. */
  private static byte[] references(int refs, int length, long heap) {
    ByteBuffer b = ByteBuffer.allocate(refs * VLEN_VALUE).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < refs; i++) {
      b.putInt(length).putLong(heap).putInt(1);
    }
    return b.array();
  }

  private static byte[] link(String name, long address) {
    return bytes(x -> x.put((byte) 1).put((byte) 0).put((byte) name.length())
        .put(name.getBytes(StandardCharsets.US_ASCII)).putLong(address));
  }

  private static byte[] dataspace(long... dims) {
    return bytes(x -> {
      x.put((byte) 1).put((byte) dims.length).put((byte) 0).put(new byte[5]);
      for (long d : dims) {
        x.putLong(d);
      }
    });
  }

  /** Unsigned 8-bit integers. */
  private static byte[] fixedPoint() {
    return bytes(x -> x.put((byte) 0x10).put(new byte[3]).putInt(1).putShort((short) 0).putShort((short) 8));
  }

  /** Variable-length ASCII strings of 8-bit characters. */
  private static byte[] strings() {
    return bytes(x -> x.put((byte) 0x19).put(new byte[] {1, 0, 0}).putInt(VLEN_VALUE).put(fixedPoint()));
  }

  private static byte[] contiguous(long address, long size) {
    return bytes(x -> x.put((byte) 3).put((byte) 1).putLong(address).putLong(size));
  }

  private static byte[] message(int type, byte[] data) {
    byte[] body = padded(data);
    return bytes(x -> x.putShort((short) type).putShort((short) body.length).put((byte) 0).put(new byte[3]).put(body));
  }

  /** A version 1 object header of the given messages (each already framed by {@link #message}). */
  private static byte[] header(byte[]... messages) {
    int size = 0;
    for (byte[] m : messages) {
      size += m.length;
    }
    ByteBuffer b = ByteBuffer.allocate(16 + size).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 1).put((byte) 0).putShort((short) messages.length).putInt(1).putInt(size).putInt(0);
    for (byte[] m : messages) {
      b.put(m);
    }
    return b.array();
  }

  private static byte[] datasetHeader(byte[] dataspace, byte[] type, byte[] layout) {
    return header(message(0x01, dataspace), message(0x03, type), message(0x08, layout));
  }

  private static byte[] padded(byte[] data) {
    byte[] out = new byte[(data.length + 7) & ~7];
    System.arraycopy(data, 0, out, 0, data.length);
    return out;
  }

  private interface Writer {
    void write(ByteBuffer b);
  }

  private static byte[] bytes(Writer w) {
    ByteBuffer b = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);
    w.write(b);
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }
}
