package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.BadInputException;

/** Whatever reading a frame throws becomes one failure record with a kind and a one-line reason. */
class FrameFailuresTest {
  private static final FrameRef REF = new FrameRef("dwd", "/in/a.hd5", 1763391600L);

  @Test
  void eachThrowableHasItsKind() {
    assertEquals(new FailedFrame("/in/a.hd5", "dwd", 1763391600L, "bad-attribute", "attribute /what/date holds 5000 values"),
        FrameFailures.of(REF, new BadInputException(BadInputException.Kind.BAD_ATTRIBUTE, "attribute /what/date holds 5000 values")));
    assertEquals("io", FrameFailures.of(REF, new IOException("GET x answered HTTP 500")).kind());
    assertEquals("out-of-memory", FrameFailures.of(REF, new OutOfMemoryError()).kind());
  }

  /** A crafted HDF5 B-tree whose node names itself as its child makes jhdf recurse until the stack ends. */
  @Test
  void aStackOverflowIsACorruptInputNotACrash() {
    FailedFrame f = FrameFailures.of(REF, new StackOverflowError());
    assertEquals("corrupt", f.kind());
    assertEquals("structures nested too deeply to read (links that form a cycle?)", f.message());
  }
}
