package org.radarbeam.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.radarbeam.io.ReusableBuffer;

/**
 * Cheap checks on raw input bytes before any decoder sees them: empty bodies, HTML error pages,
 * foreign formats and HDF5 files cut short, each with a precise reason. The bytes are the first
 * {@code length} of an array (a worker's reusable input buffer may hold more).
 */
public final class InputSniffer {
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

  private InputSniffer() {}

  /**
   * Refuses what can never be a file of {@code format}: an empty body, or an HTML page (servers answer
   * errors and logins with one). Runs once per input, before its format's decoder sees it.
   */
  public static void requireContent(ByteBuffer data, InputFormat format) throws BadInputException {
    if (data.limit() == 0) {
      throw new BadInputException(BadInputException.Kind.EMPTY, "empty file (0 bytes)");
    }
    if (looksLikeHtml(ReusableBuffer.array(data), data.limit())) {
      throw new BadInputException(BadInputException.Kind.HTML,
          "an HTML page, not " + format.expected() + " (the server returned an error or index page)");
    }
  }

  public static void requireContent(byte[] data, InputFormat format) throws BadInputException {
    requireContent(ByteBuffer.wrap(data), format);
  }

  /** True if the body looks like an HTML page (servers answer errors and logins with one). */
  public static boolean looksLikeHtml(byte[] data) {
    return looksLikeHtml(data, data.length);
  }

  /** {@link #looksLikeHtml(byte[])} of the first {@code length} bytes of {@code data}. */
  public static boolean looksLikeHtml(byte[] data, int length) {
    int i = 0;
    while (i < length && i < 64 && Character.isWhitespace(data[i])) {
      i++;
    }
    int n = Math.min(length - i, 256);
    if (n <= 0 || data[i] != '<') {
      return false;
    }
    String head = new String(data, i, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
        || head.startsWith("<body") || head.startsWith("<?xml") || head.startsWith("<!--");
  }

  /** Offset of the HDF5 superblock (0, 512, 1024, ...), or -1 if the data is not HDF5. */
  public static long hdf5SuperblockOffset(byte[] data) {
    return hdf5SuperblockOffset(data, data.length);
  }

  /** {@link #hdf5SuperblockOffset(byte[])} of the first {@code length} bytes of {@code data}. */
  public static long hdf5SuperblockOffset(byte[] data, int length) {
    for (long off = 0; off + HDF5_SIGNATURE.length <= length; off = off == 0 ? 512 : off * 2) {
      boolean match = true;
      for (int k = 0; k < HDF5_SIGNATURE.length && match; k++) {
        match = data[(int) off + k] == HDF5_SIGNATURE[k];
      }
      if (match) {
        return off;
      }
    }
    return -1;
  }

  /**
   * Checks that {@code data} (already past {@link #requireContent}) is a complete HDF5 file: it has
   * the signature and is at least as long as the end-of-file address its superblock declares.
   */
  public static void requireHdf5(ByteBuffer data) throws BadInputException {
    byte[] a = ReusableBuffer.array(data);
    int n = data.limit();
    long sb = hdf5SuperblockOffset(a, n);
    if (sb < 0) {
      throw new BadInputException(BadInputException.Kind.NOT_HDF5,
          "not an HDF5 file (no HDF5 signature; " + n + " bytes starting " + hexHead(a, n) + ")");
    }
    long eof = declaredEndOfFile(a, n, (int) sb);
    if (eof > n) {
      throw new BadInputException(BadInputException.Kind.TRUNCATED,
          "truncated HDF5: " + n + " bytes, but the superblock declares " + eof);
    }
  }

  public static void requireHdf5(byte[] data) throws BadInputException {
    requireHdf5(ByteBuffer.wrap(data));
  }

  /** The end-of-file address declared by the superblock at {@code sb}, or -1 if unreadable. */
  static long declaredEndOfFile(byte[] data, int sb) {
    return declaredEndOfFile(data, data.length, sb);
  }

  private static long declaredEndOfFile(byte[] data, int length, int sb) {
    ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    if (sb + 16 > length) {
      return Long.MAX_VALUE; // cut inside the superblock itself
    }
    int version = data[sb + 8] & 0xFF;
    int offsetSize;
    int addressesAt;
    if (version == 0 || version == 1) {
      offsetSize = data[sb + 13] & 0xFF;
      addressesAt = sb + 24 + (version == 1 ? 4 : 0);
    } else if (version == 2 || version == 3) {
      offsetSize = data[sb + 9] & 0xFF;
      addressesAt = sb + 12;
    } else {
      return -1;
    }
    if (offsetSize != 8 && offsetSize != 4) {
      return -1;
    }
    // v0/v1: base, free-space, end-of-file; v2/v3: base, extension, end-of-file
    int eofAt = addressesAt + 2 * offsetSize;
    if (eofAt + offsetSize > length) {
      return Long.MAX_VALUE;
    }
    long base = offsetSize == 8 ? b.getLong(addressesAt) : b.getInt(addressesAt) & 0xFFFFFFFFL;
    long eof = offsetSize == 8 ? b.getLong(eofAt) : b.getInt(eofAt) & 0xFFFFFFFFL;
    if (eof == -1L) {
      return -1;
    }
    // addresses are unsigned: one of 2^63 or more, or a sum that wraps past a long's sign, lies past any file
    return base < 0 || eof < 0 || base + eof < 0 ? Long.MAX_VALUE : base + eof;
  }

  /** The first (at most 8) bytes in hex, for messages about unrecognised files. */
  public static String hexHead(byte[] data) {
    return hexHead(data, data.length);
  }

  /** {@link #hexHead(byte[])} of the first {@code length} bytes of {@code data}. */
  public static String hexHead(byte[] data, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(8, length); i++) {
      s.append(String.format(Locale.ROOT, "%02x", data[i] & 0xFF));
    }
    return s.toString();
  }
}
