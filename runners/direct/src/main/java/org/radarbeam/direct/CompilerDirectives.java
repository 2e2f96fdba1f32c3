package org.radarbeam.direct;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves the code that runs per bundle or per file header to HotSpot's quick compiler (C1): Beam's
 * runner, Java serialisation, reflection and class generation, jhdf's header parsing, Jackson, logging.
 * The optimising compiler (C2) otherwise spends more CPU on that code in a run of a few dozen frames
 * than the code itself takes, on the core a second worker renders on (docs/performance.md, "Two workers
 * against one"); radarbeam's own loops and the JDK's are still compiled by C2.
 *
 * <p>A running JVM takes compiler directives only from a file, through its diagnostic command
 * {@code Compiler.directives_add}, which is reached through the platform MBean server. Starting that
 * server takes a fifth of a second, so it is done on a thread of its own while the main thread parses
 * options and builds the graph. Nothing is added where C2 does not run ({@code -XX:TieredStopAtLevel}
 * below 4, as in the radar image), where the user gave directives of their own
 * ({@code -XX:CompilerDirectivesFile}), or with {@code -Dradarbeam.compilerDirectives=false}.
 */
final class CompilerDirectives {
  /** The directives, beside this class in the jar. */
  static final String RESOURCE = "compiler-directives.json";
  /** The system property that turns them off: {@code -Dradarbeam.compilerDirectives=false}. */
  static final String PROPERTY = "radarbeam.compilerDirectives";

  private static final Logger LOG = LoggerFactory.getLogger(CompilerDirectives.class);
  private static final int FULL_OPTIMIZATION = 4; // C2's tier

  private CompilerDirectives() {}

  /** Adds the directives on a daemon thread, unless {@link #skipReason} gives a reason not to. */
  static void addInBackground() {
    Thread thread = new Thread(() -> {
      try {
        Optional<String> skip = skipReason(System.getProperty(PROPERTY), () -> vmOption("TieredStopAtLevel"),
            () -> vmOption("CompilerDirectivesFile"));
        if (skip.isPresent()) {
          LOG.debug("compiler directives not added: {}", skip.get());
        } else {
          LOG.debug("compiler directives: {}", add());
        }
      } catch (IOException | JMException | RuntimeException | LinkageError e) { // only a slower run: never fail it
        // (LinkageError: a runtime image without java.management or jdk.management)
        LOG.debug("compiler directives not added: {}", e.toString());
      }
    }, "compiler-directives");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Why the directives are not to be added, if they are not. The JVM's flags are read only when the
   * property leaves the directives on: turned off, nothing of the JVM's management is touched.
   *
   * @param property the value of {@link #PROPERTY}, or null
   * @param tieredStopAtLevel the JVM's {@code TieredStopAtLevel}
   * @param userDirectives the JVM's {@code CompilerDirectivesFile}, empty when none is given
   */
  static Optional<String> skipReason(String property, Supplier<String> tieredStopAtLevel,
      Supplier<String> userDirectives) {
    if ("false".equalsIgnoreCase(property)) {
      return Optional.of("-D" + PROPERTY + "=false");
    }
    String level = tieredStopAtLevel.get();
    if (Integer.parseInt(level) < FULL_OPTIMIZATION) {
      return Optional.of("C2 does not run (-XX:TieredStopAtLevel=" + level + ")");
    }
    if (!userDirectives.get().isEmpty()) {
      return Optional.of("the JVM has directives of its own (-XX:CompilerDirectivesFile)");
    }
    return Optional.empty();
  }

  /** Adds the directives to the JVM's; returns what the JVM answered, e.g. "1 compiler directives added". */
  static String add() throws IOException, JMException {
    Path file = Files.createTempFile("radarbeam-compiler-directives", ".json");
    file.toFile().deleteOnExit(); // a run that ends first (--help, invalid options) leaves no file either
    try {
      try (InputStream in = CompilerDirectives.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IOException("radar.jar lacks " + RESOURCE);
        }
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      String answer = diagnosticCommand("compilerDirectivesAdd", file.toString());
      if (!answer.matches("(?s)[1-9]\\d* compiler directives added.*")) { // e.g. "Syntax error on line 3 ..."
        throw new IOException("the JVM refused " + RESOURCE + ": " + answer.replaceAll("\\s+", " "));
      }
      return answer;
    } finally {
      Files.deleteIfExists(file); // the JVM has read it
    }
  }

  /** Runs one of the JVM's diagnostic commands (as {@code jcmd} would) and returns its output, trimmed. */
  static String diagnosticCommand(String operation, String... arguments) throws JMException {
    Object out = ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, new Object[] {arguments},
        new String[] {String[].class.getName()});
    return String.valueOf(out).trim();
  }

  /** The value of a JVM flag; empty for a diagnostic flag the JVM was not started to show (a flag not given). */
  private static String vmOption(String name) {
    try {
      return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
    } catch (IllegalArgumentException e) { // CompilerDirectivesFile without -XX:+UnlockDiagnosticVMOptions
      return "";
    }
  }
}
