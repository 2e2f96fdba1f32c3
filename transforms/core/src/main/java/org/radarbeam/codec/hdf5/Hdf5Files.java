package org.radarbeam.codec.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputSniffer;

/**
 * Opens HDF5 files held in memory for the decoders (ODIM_H5, netCDF-4): checks the bytes first,
 * turns jhdf's exceptions into one-line CORRUPT failures, and closes the file when describing it
 * fails.
 */
public final class Hdf5Files {
  /**
   * Most values an attribute read for radar metadata may hold: real ones hold one, or a short text
   * stored as characters. jhdf turns every value into a Java object, so a crafted attribute of
   * millions of one-byte values would take gigabytes of heap.
   */
  static final long MAX_ATTRIBUTE_VALUES = 4096;
  /** Variable-length values each point into the file's heap: a few references can name one large object many times. */
  static final long MAX_VARIABLE_LENGTH_VALUES = 16;
  /**
   * Most bytes the variable-length values of one attribute or small data set may name together,
   * counted in the sizes of the heap objects they name ({@link GlobalHeaps}). jhdf makes a Java object
   * of what every reference names, so a few hundred references to one large object of the file's heap
   * would take gigabytes; real metadata names a few dozen bytes.
   */
  static final long MAX_VARIABLE_LENGTH_BYTES = 1 << 16;
  /** References a variable-length value's raw data may hold: jhdf resolves every one it finds there. */
  static final long MAX_REFERENCES = 4096;

  private Hdf5Files() {}

  /**
   * The values of an attribute, read by jhdf only once they are known to be few; more are a
   * BAD_ATTRIBUTE failure naming {@code path} (e.g. "/what/date").
   */
  public static Object attributeData(Attribute a, String path) throws BadInputException {
    boolean variable = a.getDataType() instanceof VariableLength;
    long max = variable ? MAX_VARIABLE_LENGTH_VALUES : MAX_ATTRIBUTE_VALUES;
    if (a.getSize() > max) {
      throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE, "attribute " + path + " holds " + a.getSize()
          + (variable ? " variable-length" : "") + " values, at most " + max + " are read");
    }
    requirePlainType(a.getDataType(), "attribute " + path);
    if (variable) {
      requireBoundedReferences(a.getNode().getHdfFile().getHdfBackingStorage(), (VariableLength) a.getDataType(),
          a.getBuffer(), "attribute " + path);
    }
    return a.getData();
  }

  /**
   * The values of data set {@code ds}, already known to be small (see
   * {@link ChunkedRasterDecoder#requireSmall}); variable-length values are first bounded in the bytes
   * they name, as {@link #attributeData} does.
   *
   * @param what names the data set in messages, e.g. "netCDF-4 variable GMTime"
   */
  public static Object smallDatasetData(Dataset ds, String what) throws BadInputException {
    requirePlainType(ds.getDataType(), what);
    if (ds.getDataType() instanceof VariableLength v) {
      if (!(ds instanceof DatasetBase stored)) {
        throw new BadInputException(BadInputException.Kind.UNSUPPORTED, what + " holds variable-length values"
            + " in a layout that is not read");
      }
      requireBoundedReferences(ds.getHdfFile().getHdfBackingStorage(), v, stored.getDataBuffer(), what);
    }
    return ds.getData();
  }

  /**
   * Refuses a type that jhdf would read into more than the sizes checked here say: radar metadata are
   * numbers and text (fixed-length, or variable-length of numbers or characters). jhdf sizes an array
   * type's values by the dimensions the type declares, which nothing ties to its declared size, and
   * compound, enumerated and reference types are read through further structures of their own.
   */
  static void requirePlainType(DataType type, String what) throws BadInputException {
    DataType base = type instanceof VariableLength v ? v.getParent() : type;
    if (!(base instanceof FixedPoint || base instanceof FloatingPoint || base instanceof StringData)
        || base.getSize() < 1) {
      throw new BadInputException(BadInputException.Kind.UNSUPPORTED, what + " is of HDF5 type "
          + type.getClass().getSimpleName() + (base == type ? "" : " of " + base.getClass().getSimpleName())
          + ", not numbers or text");
    }
  }

  /**
   * Refuses the variable-length values stored in {@code raw} as HDF5 stores them (each its length,
   * then the collection address and index of the global heap object it names) when they name more
   * than {@link #MAX_VARIABLE_LENGTH_BYTES} together, counted in the sizes of the objects themselves,
   * which jhdf reads whole whatever length a value declares. Every reference in {@code raw} counts,
   * as jhdf resolves them all.
   */
  static void requireBoundedReferences(HdfBackingStorage storage, VariableLength type, ByteBuffer raw, String what)
      throws BadInputException {
    ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int size = type.getSize();
    int offsets = storage.getSizeOfOffsets();
    if (size < 4 + offsets + 4) {
      throw new BadInputException(BadInputException.Kind.CORRUPT, "corrupt HDF5: " + what + " has variable-length"
          + " values of " + size + " bytes");
    }
    long references = b.remaining() / size;
    if (references > MAX_REFERENCES) {
      throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE, what + " holds " + references
          + " variable-length values, at most " + MAX_REFERENCES + " are read");
    }
    GlobalHeaps heaps = new GlobalHeaps(storage);
    long total = 0;
    for (long i = 0; i < references; i++) {
      ByteBuffer id = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      id.position((int) (b.position() + i * size + size - offsets - 4)); // past the length, as jhdf reads it
      long address = HdfBytes.unsigned(id, offsets);
      long index = Integer.toUnsignedLong(id.getInt());
      total += heaps.objectSize(address, index, what);
      if (total > MAX_VARIABLE_LENGTH_BYTES) {
        throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE, what + " names more than "
            + MAX_VARIABLE_LENGTH_BYTES + " bytes through its " + references + " variable-length values");
      }
    }
  }

  /** What a decoder reads from an opened file. */
  @FunctionalInterface
  public interface Describer<T> {
    T describe(HdfFile file) throws BadInputException;
  }

  /**
   * @param data the file, from index 0 to its limit (e.g. a worker's reused array, which may hold the
   *     bytes of a larger file read before past that limit)
   * @param format named in failure messages, e.g. "HDF5" or "netCDF-4 (HDF5)"
   * @return what {@code describer} made of the file; it owns the open file from then on
   */
  public static <T> T open(ByteBuffer data, String format, Describer<T> describer) throws BadInputException {
    InputSniffer.requireHdf5(data);
    HdfFile file;
    try {
      // jhdf takes a buffer's capacity for the file's size: a view whose capacity is its limit keeps a
      // structure that points past the file's end from reading an earlier file's bytes there
      file = HdfFile.fromByteBuffer(data.slice(0, data.limit()));
    } catch (RuntimeException e) {
      throw corrupt(format, e);
    }
    try {
      V1BTrees.requireSoundGroups(file); // before any look-up walks a group's index
      return describer.describe(file);
    } catch (BadInputException e) {
      file.close();
      throw e;
    } catch (RuntimeException e) {
      file.close();
      throw corrupt(format, e);
    } catch (StackOverflowError e) { // jhdf recurses into what the file nests
      file.close();
      throw new BadInputException(BadInputException.Kind.CORRUPT, "corrupt " + format + ": structures nested too"
          + " deep to read");
    }
  }

  /**
   * Checks the member indexes of {@code file}'s groups before they are looked up in ({@link V1BTrees}),
   * for a file opened elsewhere than through {@link #open}.
   */
  public static void requireSoundGroups(HdfFile file) throws BadInputException {
    try {
      V1BTrees.requireSoundGroups(file);
    } catch (RuntimeException e) {
      throw corrupt("HDF5", e);
    }
  }

  /** A CORRUPT failure naming the root cause of {@code e} in one line of at most 200 characters. */
  public static BadInputException corrupt(String format, RuntimeException e) {
    return new BadInputException(BadInputException.Kind.CORRUPT, "corrupt " + format + ": " + reason(e), e);
  }

  /**
   * The root cause of {@code e} as a reason a file is corrupt. jhdf's own exceptions say what it could
   * not read; the Java ones it lets through while it reads a structure say only how the reading
   * failed ("newLimit > capacity", "Could not convert to unsigned value: -3"), so they are named by
   * what that means for the file.
   */
  static String reason(RuntimeException e) {
    Throwable root = BadInputException.rootCause(e);
    String message = BadInputException.rootMessage(e);
    if (root instanceof HdfException) {
      return message;
    }
    String java = root.getMessage() == null ? message : root.getClass().getSimpleName() + ": " + message;
    if (root instanceof BufferUnderflowException || root instanceof BufferOverflowException
        || root instanceof IndexOutOfBoundsException
        || root instanceof IllegalArgumentException && message.matches("new(Limit|Position) > .*")) {
      return "a structure runs past the end of the bytes it lies in (" + java + ")";
    }
    if (root instanceof ArithmeticException || root instanceof NegativeArraySizeException) {
      return "a size, count or address out of range (" + java + ")";
    }
    return java;
  }
}
