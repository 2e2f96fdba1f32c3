package org.radarbeam.codec;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.palette.Scaling;
import org.radarbeam.render.FrameRenderer;

/** What rendering a mutated input gave, for the mutation tests: it renders, or is refused in one line. */
public final class MutantOutcome {
  private MutantOutcome() {}

  /** Null if {@code mutant} renders, else the kind it is refused with; anything else fails the test. */
  public static Kind of(FrameRenderer renderer, byte[] mutant, InputFormat format, Scaling scaling, String id) {
    try {
      renderer.render(ByteBuffer.wrap(mutant), format, scaling);
      return null;
    } catch (BadInputException e) {
      String m = e.getMessage();
      if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
        fail(id + ": a message not on one line: " + m);
      }
      return e.kind();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(id + ": " + e, e);
    }
  }
}
