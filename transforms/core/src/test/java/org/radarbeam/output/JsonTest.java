package org.radarbeam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {
  /** Quotes, controls and everything beyond ASCII escaped: the text is the same bytes in any charset. */
  @Test
  void quotesAsciiOnly() {
    assertEquals("null", Json.quote(null));
    assertEquals("\"/in/o \\u00fc #1 %41\"", Json.quote("/in/o \u00fc #1 %41"));
    assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\\u2028\\ud83d\\ude00\"", Json.quote("a\"b\\c\n\t\u0001\u007f\u2028\uD83D\uDE00"));
  }
}
