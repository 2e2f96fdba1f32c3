package org.radarbeam.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Local paths as text. The JVM decodes and encodes file names with the charset of its locale
 * ({@code sun.jnu.encoding}): under {@code LANG=C} (cron, {@code env -i}, some service managers) that is
 * ASCII, and a non-ASCII name can then be neither named nor opened by its text; under any locale, a
 * name whose bytes are not valid in that charset comes back as another name.
 */
public final class FileNames {
  private FileNames() {}

  /** Whether {@code path} can be turned into a path in this JVM. */
  public static boolean representable(String path) {
    try {
      Paths.get(path);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** Whether {@code path}, as text, names the same file again. */
  public static boolean representable(Path path) {
    try {
      return Paths.get(path.toString()).equals(path);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** Why a path is not representable here, and what to do: for messages. */
  public static String unrepresentable() {
    String charset = System.getProperty("sun.jnu.encoding", "");
    boolean utf8 = charset.equalsIgnoreCase(StandardCharsets.UTF_8.name()) || charset.equalsIgnoreCase("UTF8");
    return "its name cannot be written in this JVM's file-name encoding, " + charset
        + (utf8 ? "; rename it" : "; run under a UTF-8 locale (LANG=C.UTF-8)");
  }
}
