package org.radarbeam.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A refused file's message is one line of bounded length, whatever the file made it quote. */
class BadInputExceptionTest {
  @Test
  void messagesAreOneLineOfBoundedLength() {
    BadInputException e = new BadInputException(BadInputException.Kind.CORRUPT, "a\nb\u0085c" + "d".repeat(5000));
    assertEquals("a?b?c" + "d".repeat(BadInputException.MAX_MESSAGE - 5) + "...", e.getMessage());
    assertEquals("short", new BadInputException(BadInputException.Kind.EMPTY, "short", null).getMessage());
    assertEquals("x?y?z", new BadInputException(BadInputException.Kind.CORRUPT, "x\u2028y\u2029z").getMessage());
    // the limit falls inside a pair of surrogates: the pair goes whole
    String cut = new BadInputException(BadInputException.Kind.CORRUPT, "e".repeat(BadInputException.MAX_MESSAGE - 1)
        + "\uD83D\uDE00 and more").getMessage();
    assertEquals("e".repeat(BadInputException.MAX_MESSAGE - 1) + "...", cut);
  }
}
