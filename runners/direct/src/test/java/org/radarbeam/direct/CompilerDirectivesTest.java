package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompilerDirectivesTest {
  @Test
  void addedOnlyWhereC2RunsAndTheUserGaveNoneAndNotTurnedOff() {
    assertEquals(Optional.empty(), CompilerDirectives.skipReason(null, () -> "4", () -> ""));
    assertEquals(Optional.empty(), CompilerDirectives.skipReason("true", () -> "4", () -> ""));
    assertEquals(Optional.of("-Dradarbeam.compilerDirectives=false"), CompilerDirectives.skipReason("FALSE",
        () -> fail("the JVM's flags are read although the directives are off"), () -> fail("read")));
    assertEquals(Optional.of("C2 does not run (-XX:TieredStopAtLevel=1)"),
        CompilerDirectives.skipReason(null, () -> "1", () -> ""));
    assertEquals(Optional.of("the JVM has directives of its own (-XX:CompilerDirectivesFile)"),
        CompilerDirectives.skipReason(null, () -> "4", () -> "/etc/jit.json"));
  }

  /**
   * This JVM (C2 on, as surefire starts it) takes the bundled file: one directive that leaves its classes
   * to C1 and none of radarbeam's. Removed again afterwards, so the other tests run as before.
   */
  @Test
  void theJvmTakesTheDirectivesWhichExcludeLibrariesFromC2AndNoneOfRadarbeam() throws Exception {
    assertEquals("1 compiler directives added", CompilerDirectives.add());
    String printed;
    try {
      printed = CompilerDirectives.diagnosticCommand("compilerDirectivesPrint");
    } finally {
      CompilerDirectives.diagnosticCommand("compilerDirectivesRemove"); // the top one: ours
    }
    // Directive: / matching: a/b/*.*, ... / c1 directives: ... Exclude:false ... / c2 directives: ... Exclude:true
    String ours = printed.substring(0, printed.indexOf("Directive: (default)"));
    String matching = ours.lines().filter(l -> l.strip().startsWith("matching:")).findFirst().orElseThrow();
    List<String> patterns = Arrays.stream(matching.strip().substring("matching:".length()).split(","))
        .map(String::strip).toList();
    assertTrue(patterns.containsAll(List.of("org/apache/beam/*.*", "java/io/Object*.*", "io/jhdf/*.*")), matching);
    for (String pattern : patterns) {
      String classes = pattern.substring(0, pattern.lastIndexOf('.')).replace("*", "");
      assertFalse(classes.isEmpty() || "org/radarbeam/".startsWith(classes) || classes.startsWith("org/radarbeam"),
          "a pattern that matches radarbeam's own classes: " + pattern);
    }
    String c1 = ours.substring(ours.indexOf("c1 directives:"), ours.indexOf("c2 directives:"));
    String c2 = ours.substring(ours.indexOf("c2 directives:"));
    assertTrue(c1.contains("Enable:false"), "the directive applies to C1 as well: " + ours);
    assertTrue(c2.contains("Enable:true") && c2.contains("Exclude:true"), ours);
  }
}
