package org.radarbeam.output;

import java.util.Locale;

/**
 * The JSON string quoting the small metadata files and report lines need (no JSON library in the core). Text
 * beyond ASCII is escaped ({@code \u00fc}), so the files and lines read the same whatever charset a JVM's
 * standard output was given ({@code -Dfile.encoding}).
 */
public final class Json {
  private Json() {}

  /** {@code v} as a JSON string literal, or {@code null}. */
  public static String quote(String v) {
    if (v == null) {
      return "null";
    }
    StringBuilder s = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
