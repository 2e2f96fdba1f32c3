package org.radarbeam.io;

import java.nio.file.InvalidPathException;
import java.nio.file.Paths;

/**
 * Local paths as text. The JVM decodes and encodes file names with the charset of its locale
 * ({@code sun.jnu.encoding}): under {@code LANG=C} (cron, {@code env -i}, some service managers) that is
 * ASCII, and a non-ASCII name can then be neither named nor opened by its text.
 */
public final class FileNames {
  private FileNames() {}

  /** Whether {@code path} can be turned back into a path in this JVM. */
  public static boolean representable(String path) {
    try {
      Paths.get(path);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** Why a path is not representable here, and what to do: for messages. */
  public static String unrepresentable() {
    return "its name cannot be written in this JVM's file-name encoding, " + System.getProperty("sun.jnu.encoding")
        + "; run under a UTF-8 locale (LANG=C.UTF-8)";
  }
}
