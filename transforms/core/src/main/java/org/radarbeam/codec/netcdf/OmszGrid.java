package org.radarbeam.codec.netcdf;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.NominalTime;
import org.radarbeam.geo.GridGeometry;

/** What both netCDF flavours of an OMSZ file share: grid shape, placement on the map, time. */
final class OmszGrid {
  private static final DateTimeFormatter TIME14 =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  private OmszGrid() {}

  /** {rows, cols} of a grid of shape [..., rows, cols] whose leading dimensions are all 1. */
  static int[] shape(long[] shape, String fmt, long maxPixels) throws BadInputException {
    if (shape.length < 2) {
      throw new BadInputException(Kind.UNSUPPORTED, fmt + " variable " + OmszDecoder.VARIABLE + " has " + shape.length
          + " dimensions, expected a 2-D grid");
    }
    for (int i = 0; i < shape.length - 2; i++) {
      if (shape[i] != 1) {
        throw new BadInputException(Kind.UNSUPPORTED, fmt + " variable " + OmszDecoder.VARIABLE + " has shape " + java.util.Arrays.toString(shape)
            + ", expected one 2-D grid");
      }
    }
    long h = shape[shape.length - 2];
    long w = shape[shape.length - 1];
    if (h < 0 || w < 0) {
      throw new BadInputException(Kind.CORRUPT, fmt + " variable " + OmszDecoder.VARIABLE + " has shape "
          + java.util.Arrays.toString(shape) + ", beyond what its format can hold");
    }
    if (h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) { // CDF-5 sizes are 64-bit: w * h could overflow
      throw new BadInputException(Kind.TOO_LARGE, "grid " + w + "x" + h + " exceeds --maxPixels=" + maxPixels);
    }
    long pixels = w * h;
    if (pixels > maxPixels) {
      throw new BadInputException(Kind.TOO_LARGE, "grid " + w + "x" + h + " = " + pixels + " pixels exceeds --maxPixels=" + maxPixels);
    }
    if (pixels == 0) {
      throw new BadInputException(Kind.MISSING_DATA, fmt + " variable " + OmszDecoder.VARIABLE + " is empty (" + w + "x" + h + ")");
    }
    return new int[] {(int) h, (int) w};
  }

  /** Reads one named number of the file; {@code what} says what it means, for the message when it is missing. */
  @FunctionalInterface
  interface Numbers {
    double get(String name, String what) throws BadInputException;
  }

  /** The grid's placement from the scalars La1, Lo1, Dx and Dy, however the file stores them. */
  static GridGeometry geometry(int w, int h, Numbers numbers) throws BadInputException {
    return geometry(w, h, numbers.get("La1", "latitude of the northern row"),
        numbers.get("Lo1", "longitude of the western column"), numbers.get("Dx", "longitude step"),
        numbers.get("Dy", "latitude step"));
  }

  /** Lat/lon grid, rows north to south from La1, corners as pixel centres (south = La1 - (rows-1) Dy, east = Lo1 + (cols-1) Dx). */
  static GridGeometry geometry(int w, int h, double la1, double lo1, double dx, double dy) throws BadInputException {
    requireFinite("La1", la1);
    requireFinite("Lo1", lo1);
    requireFinite("Dx", dx);
    requireFinite("Dy", dy);
    if (dx <= 0) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "Dx=" + dx + " is not a positive longitude step");
    }
    if (dy <= 0) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "Dy=" + dy + " is not a positive latitude step (La1 is the northern row)");
    }
    double north = la1;
    double south = la1 - (h - 1) * dy;
    double west = lo1;
    double east = lo1 + (w - 1) * dx;
    if (north > 90 || south < -90) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "latitudes " + south + " .. " + north + " (La1=" + la1 + ", Dy=" + dy
          + ", " + h + " rows) leave -90 .. 90");
    }
    if (west < -180 || east > 360) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, "longitudes " + west + " .. " + east + " (Lo1=" + lo1 + ", Dx=" + dx
          + ", " + w + " columns) leave -180 .. 360");
    }
    return new GridGeometry(OmszDecoder.PROJDEF, w, h, dx, dy, west, north, east, north, west, south, east, south);
  }

  private static void requireFinite(String name, double v) throws BadInputException {
    if (!Double.isFinite(v)) {
      throw new BadInputException(Kind.BAD_ATTRIBUTE, name + "=" + v + " is not a finite number");
    }
  }

  static BadInputException missing(String name, String what) {
    return new BadInputException(Kind.BAD_ATTRIBUTE, "netCDF has no " + name + " (" + what + ")");
  }

  /**
   * The nominal time in a GMTime text such as "201911211200", "20191121120000" or
   * "2019-11-21 12:00": its digits read as yyyyMMddHHmm[ss], UTC. Null text gives null.
   */
  static Instant parseTime(String text) throws BadInputException {
    if (text == null) {
      return null;
    }
    StringBuilder digits = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    if (digits.length() == 12) {
      digits.append("00");
    }
    if (digits.length() == 14) {
      try {
        return NominalTime.of(LocalDateTime.parse(digits, TIME14));
      } catch (DateTimeParseException e) {
        // fall through to the refusal below
      }
    }
    throw new BadInputException(Kind.BAD_ATTRIBUTE, "unreadable GMTime '" + BadInputException.quoted(text.trim())
        + "' (expected yyyyMMddHHmm[ss], UTC)");
  }

  /** A float32 value through its shortest decimal form: 0.008f gives 0.008, not 0.0080000004. */
  static double decimal(float f) {
    return Double.parseDouble(Float.toString(f));
  }

  static String names(java.util.Collection<String> names) {
    List<String> list = new ArrayList<>();
    for (String n : names) {
      list.add(BadInputException.quoted(n));
      if (list.size() == 20) {
        list.add("...");
        break;
      }
    }
    return list.isEmpty() ? "none" : String.join(", ", list);
  }
}
