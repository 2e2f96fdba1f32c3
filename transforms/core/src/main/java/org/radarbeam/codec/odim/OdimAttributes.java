package org.radarbeam.codec.odim;

import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.hdf5.Hdf5Files;

/**
 * Reads ODIM attributes as real files store them: scalars or 1-element arrays, strings padded
 * with NULs or spaces, integers of any width (including unsigned 64 bit), numbers as strings.
 */
final class OdimAttributes {
  private OdimAttributes() {}

  /** The child group at {@code path} below {@code g}, or null. */
  static Group group(Group g, String path) {
    if (g == null) {
      return null;
    }
    Node n;
    try {
      n = g.getByPath(path);
    } catch (RuntimeException e) {
      return null;
    }
    return n instanceof Group ? (Group) n : null;
  }

  /** The attribute's value unwrapped from a 1-element array, or null if absent. */
  static Object raw(Group g, String name) throws BadInputException {
    if (g == null) {
      return null;
    }
    Attribute a = g.getAttributes().get(name);
    if (a == null || a.isEmpty()) {
      return null;
    }
    Object v = Hdf5Files.attributeData(a, g.getPath() + name);
    while (v != null && v.getClass().isArray()) {
      if (Array.getLength(v) == 0) {
        return null;
      }
      v = Array.get(v, 0);
    }
    return v;
  }

  static String string(Group g, String name) throws BadInputException {
    Object v = raw(g, name);
    if (v == null) {
      return null;
    }
    String s = v.toString();
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\0' || Character.isWhitespace(s.charAt(end - 1)))) {
      end--;
    }
    int nul = s.indexOf('\0');
    if (nul >= 0 && nul < end) {
      end = nul;
    }
    return s.substring(0, end).trim();
  }

  /** A numeric attribute, or NaN if absent; a value that is not a number is a bad input. */
  static double number(Group g, String name) throws BadInputException {
    Object v = raw(g, name);
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    String s = string(g, name);
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE,
          "attribute " + g.getPath() + name + " is not a number: '" + BadInputException.quoted(s) + "'");
    }
  }

  /** The first group of {@code groups} (most specific first) that has {@code name}, or null. */
  static Group firstWith(String name, Group... groups) {
    for (Group g : groups) {
      if (g != null && g.getAttributes().containsKey(name)) {
        return g;
      }
    }
    return null;
  }

  /** {@code name} looked up most specific first; {@code fallback} if no group has it. */
  static double number(String name, double fallback, Group... groups) throws BadInputException {
    Group g = firstWith(name, groups);
    if (g == null) {
      return fallback;
    }
    double v = number(g, name);
    return Double.isNaN(v) ? fallback : v;
  }

  /**
   * As {@link #number(String, double, Group...)}, but a value that is there and NaN is a bad input, not
   * absent: a gain or offset of NaN is no scaling, and the source's defaults would paint wrong colours.
   */
  static double definedNumber(String name, double fallback, Group... groups) throws BadInputException {
    Group g = firstWith(name, groups);
    if (g == null || raw(g, name) == null) { // absent, or an empty value: the defaults, as for any attribute
      return fallback;
    }
    double v = number(g, name);
    if (Double.isNaN(v)) {
      throw new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE, "attribute " + g.getPath() + name
          + " is NaN");
    }
    return v;
  }

  static String string(String name, Group... groups) throws BadInputException {
    Group g = firstWith(name, groups);
    return g == null ? null : string(g, name);
  }
}
