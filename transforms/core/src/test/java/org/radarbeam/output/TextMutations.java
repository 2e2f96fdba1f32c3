package org.radarbeam.output;

import java.util.Random;

/**
 * Mutations of a text for the tests that read hostile files and pages: bit flips, deleted, duplicated and
 * swapped runs, truncation, inserted bytes and tokens (brackets, quotes, escapes, huge numbers, markup),
 * long runs repeated. Deterministic for a given {@link Random}.
 */
public final class TextMutations {
  private static final String[] TOKENS = {"[", "]", "{", "}", "\"", "\\", "\\u0000", "\\ud800", "\\udc00", "1e999",
      "-0", "9".repeat(400), "\"unix\": ", "\"limit\": ", "\"folders\": [", "\u0000", "\u00ff", "\ud800", "null",
      ", ", ":", "/", "//", ".", "..", "\"a/b\"", "-1", "99999999999999", "NaN", "\n", "\r", "<a href=\"", "\">",
      "</a>", "<", "Index of", "13", "25", "61", "99999", "0000", "_", "-"};

  private TextMutations() {}

  /** {@code seed} after {@code rounds} random mutations. */
  public static String mutate(Random r, String seed, int rounds) {
    StringBuilder s = new StringBuilder(seed);
    for (int k = 0; k < rounds; k++) {
      int n = s.length();
      int p = r.nextInt(n + 1);
      int q = Math.max(0, Math.min(p, n - 1));
      switch (r.nextInt(10)) {
        case 0 -> {
          if (n > 0) {
            s.setCharAt(q, (char) ((s.charAt(q) ^ (1 << r.nextInt(8))) & 0xff));
          }
        }
        case 1 -> {
          if (n > 0) {
            s.delete(q, Math.min(n, q + 1 + r.nextInt(8)));
          }
        }
        case 2 -> {
          if (n > 0) {
            int a = r.nextInt(n);
            s.insert(p, s.substring(a, Math.min(n, a + 1 + r.nextInt(64))));
          }
        }
        case 3 -> s.setLength(p);
        case 4 -> s.insert(p, TOKENS[r.nextInt(TOKENS.length)]);
        case 5 -> s.insert(p, (char) r.nextInt(256));
        case 6 -> s.insert(p, r.nextBoolean() ? String.valueOf(r.nextLong()) : "1".repeat(1 + r.nextInt(30)));
        case 7 -> {
          if (n > 1) {
            int a = r.nextInt(n);
            int b = r.nextInt(n);
            char c = s.charAt(a);
            s.setCharAt(a, s.charAt(b));
            s.setCharAt(b, c);
          }
        }
        case 8 -> {
          if (n > 0 && n < 200_000) {
            int a = r.nextInt(n);
            s.insert(p, s.substring(a, Math.min(n, a + 1 + r.nextInt(16))).repeat(1 + r.nextInt(200)));
          }
        }
        default -> {
          if (n > 0 && Character.isDigit(s.charAt(q))) {
            s.setCharAt(q, (char) ('0' + r.nextInt(10)));
          }
        }
      }
    }
    return s.toString();
  }
}
