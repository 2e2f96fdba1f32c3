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

  @Test
  void quotedValuesAndRootCausesAreClippedTheSameWay() {
    assertEquals("", BadInputException.quoted(null));
    assertEquals("1?2", BadInputException.quoted("1\t2"));
    // a value of an HDF5 attribute may hold anything: a pair of surrogates at the limit is not split
    assertEquals("n".repeat(59) + "...", BadInputException.quoted("n".repeat(59) + "\uD83D\uDE00"));
    RuntimeException wrapped = new RuntimeException("outer", new IllegalStateException("  inner\r\nline " + "x".repeat(300)));
    assertEquals("inner??line " + "x".repeat(188) + "...", BadInputException.rootMessage(wrapped));
    assertEquals("ArithmeticException", BadInputException.rootMessage(new ArithmeticException()));
  }
}
