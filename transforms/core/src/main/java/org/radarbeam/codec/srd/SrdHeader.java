package org.radarbeam.codec.srd;

import static org.radarbeam.codec.BadInputException.quoted;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * The header of an SRD-3 file, as imeteo-radar reads it: lines {@code key value...} read as latin-1,
 * text after {@code #} a comment, ended by a line that is exactly {@code DATA} (line ends \n or
 * \r\n). Keys are matched case-insensitively; a repeated key keeps its last value; a UTF-8 byte
 * order mark before the first line is skipped.
 *
 * <ul>
 *   <li>{@code time Y M D h m}: the nominal time, UTC. Required: a frame without it is refused
 *       (upstream falls back on "now", which would file the frame under the wrong time).
 *   <li>{@code ncell W H}: grid size, default 401 301.
 *   <li>{@code offset}: the code of "no data", default 64 ('@').
 *   <li>{@code start}, {@code slope}: value = start + slope x (code - offset), defaults 12.0, 3.0.
 *   <li>{@code domain} (default SI0) and {@code unit} (default DBZ): informational; a unit other
 *       than dBZ is refused by {@link SrdDecoder}.
 * </ul>
 */
public final class SrdHeader {
  /**
   * Most bytes the header may take: ARSO's are under 2 KB. Read line by line into a map, a file of
   * millions of short lines would take hundreds of megabytes before its DATA line was missed.
   */
  static final int MAX_HEADER_BYTES = 1 << 16;
  private static final Pattern INT = Pattern.compile("[+-]?\\d{1,9}");
  /**
   * A decimal number, its quantifiers possessive: a greedy {@code \d+\.?\d*} backtracks in
   * quadratic time over a long run of digits that ends in another character (64K digits took a
   * minute). Tokens longer than {@link #MAX_NUMBER} characters are refused before matching.
   */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d{1,3}+)?+");
  /** Longest number read from a header: far more digits than a double holds. */
  private static final int MAX_NUMBER = 64;

  public final Instant time;
  public final int width;
  public final int height;
  public final double offset;
  public final double start;
  public final double slope;
  public final String domain;
  public final String unit;
  /** Byte offset of the first byte after the DATA line. */
  public final int dataStart;

  private SrdHeader(Instant time, int width, int height, double offset, double start, double slope,
      String domain, String unit, int dataStart) {
    this.time = time;
    this.width = width;
    this.height = height;
    this.offset = offset;
    this.start = start;
    this.slope = slope;
    this.domain = domain;
    this.unit = unit;
    this.dataStart = dataStart;
  }

  /** Parses the header of the SRD-3 file in {@code data}. */
  public static SrdHeader parse(byte[] data) throws BadInputException {
    return parse(data, data.length);
  }

  /** Parses the header of the SRD-3 file in the first {@code length} bytes of {@code data}. */
  public static SrdHeader parse(byte[] data, int length) throws BadInputException {
    Lines lines = Lines.read(data, length);
    Map<String, String> values = lines.values;
    int dataStart = lines.dataStart;
    if (dataStart < 0) {
      throw new BadInputException(Kind.CORRUPT, "SRD header has no DATA line ("
          + (length > MAX_HEADER_BYTES ? "in its first " + MAX_HEADER_BYTES + " of " + length : length)
          + " bytes, first line '" + quoted(lines.firstLine) + "')");
    }

    Instant time = time(values);

    int width = ArsoGrid.DEFAULT_WIDTH;
    int height = ArsoGrid.DEFAULT_HEIGHT;
    String ncell = values.get("ncell");
    if (ncell != null) {
      String[] t = tokens(ncell);
      if (t.length < 2 || !INT.matcher(t[0]).matches() || !INT.matcher(t[1]).matches()) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header ncell '" + quoted(ncell) + "' is not two integers (width height)");
      }
      width = Integer.parseInt(t[0]);
      height = Integer.parseInt(t[1]);
      if (width < 1 || height < 1) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header ncell '" + quoted(ncell) + "' is not a positive width and height");
      }
    }
    double offset = number(values, "offset", 64);
    double start = number(values, "start", 12.0);
    double slope = number(values, "slope", 3.0);
    if (slope == 0) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header slope is 0 (every cell would have the same value)");
    }
    String domain = values.getOrDefault("domain", "SI0");
    String unit = values.getOrDefault("unit", "DBZ");
    return new SrdHeader(time, width, height, offset, start, slope, domain.isEmpty() ? "SI0" : domain,
        unit.isEmpty() ? "DBZ" : unit, dataStart);
  }

  /**
   * The nominal time of an SRD-3 file from its first bytes (enough to hold the header; the DATA
   * line need not be among them), for providers that publish only their newest file.
   */
  public static Instant timeOf(byte[] head, int length) throws BadInputException {
    return time(Lines.read(head, length).values);
  }

  private static Instant time(Map<String, String> values) throws BadInputException {
    String text = values.get("time");
    if (text == null) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header has no time (Y M D h m); refusing to guess the nominal time");
    }
    String[] t = tokens(text);
    if (t.length < 5) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header time '" + quoted(text) + "' has " + t.length
          + " values, expected Y M D h m");
    }
    int[] v = new int[5];
    for (int i = 0; i < 5; i++) {
      if (!INT.matcher(t[i]).matches()) {
        throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header time '" + quoted(text) + "' is not numeric (expected Y M D h m)");
      }
      v[i] = Integer.parseInt(t[i]);
    }
    if (v[0] < 1900 || v[0] > 9999) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header time '" + quoted(text) + "' has year " + v[0]
          + ", expected four digits");
    }
    try {
      return LocalDateTime.of(v[0], v[1], v[2], v[3], v[4]).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header time '" + quoted(text) + "' is not a valid date and time");
    }
  }

  private static double number(Map<String, String> values, String key, double fallback) throws BadInputException {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    String[] t = tokens(text);
    if (t.length == 0 || t[0].length() > MAX_NUMBER || !DECIMAL.matcher(t[0]).matches()) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header " + key + " '" + quoted(text) + "' is not a number");
    }
    double v = Double.parseDouble(t[0]);
    if (!Double.isFinite(v)) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "SRD header " + key + " '" + quoted(text) + "' is not a finite number");
    }
    return v;
  }

  private static String[] tokens(String text) {
    String s = text.trim();
    return s.isEmpty() ? new String[0] : s.split("\\s+");
  }

  private static boolean startsWithBom(byte[] data, int length) {
    return length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF;
  }

  private static int indexOf(byte[] data, int length, byte b, int from) {
    for (int i = from; i < length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The header's key/value lines (keys lower case, a repeated key keeps its last value) up to DATA. */
  private static final class Lines {
    final Map<String, String> values = new LinkedHashMap<>();
    /** Offset of the first byte after the DATA line; -1 if the bytes hold none. */
    int dataStart = -1;
    String firstLine;

    static Lines read(byte[] data, int size) {
      int length = Math.min(size, MAX_HEADER_BYTES);
      Lines h = new Lines();
      int pos = startsWithBom(data, length) ? 3 : 0;
      while (pos < length) {
        int eol = indexOf(data, length, (byte) '\n', pos);
        int lineEnd = eol < 0 ? length : eol;
        int end = lineEnd > pos && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        String line = new String(data, pos, end - pos, StandardCharsets.ISO_8859_1);
        if (h.firstLine == null) {
          h.firstLine = line;
        }
        if (line.equals("DATA")) {
          h.dataStart = eol < 0 ? length : eol + 1;
          break;
        }
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (!text.isEmpty()) {
          String[] kv = text.split("\\s+", 2);
          h.values.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1].trim() : "");
        }
        pos = eol < 0 ? length : eol + 1;
      }
      return h;
    }
  }
}
