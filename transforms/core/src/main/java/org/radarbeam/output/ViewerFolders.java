package org.radarbeam.output;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * viewer/folders.json: the output folders that have a frames.json, which the viewer page reads
 * because it cannot list a bucket. {"folders": ["composite", "germany", "odim/800x1090-1a2b3c4d"]},
 * sorted; each folder's manifest is {folder}/frames.json.
 */
public final class ViewerFolders {
  public static final String KEY = "viewer/folders.json";

  /** The longest folder read back: a --folder and a grid id, with room to spare; S3 keys end at 1024 bytes. */
  static final int MAX_FOLDER_CHARS = 512;
  /**
   * A quoted name of folder characters, checked segment by segment in {@link #isFolder}: a repeated group in
   * the pattern would recurse once per segment, and a name of thousands overflow the stack.
   */
  private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z0-9][A-Za-z0-9._/-]{0," + (MAX_FOLDER_CHARS - 1)
      + "}+)\"");

  private ViewerFolders() {}

  public static String json(Collection<String> folders) {
    StringBuilder s = new StringBuilder("{\"folders\": [");
    String sep = "";
    for (String f : new TreeSet<>(folders)) {
      s.append(sep).append(Json.quote(f));
      sep = ", ";
    }
    return s.append("]}\n").toString();
  }

  /** The folders listed in a folders.json this class wrote (anything else in the text is ignored). */
  public static SortedSet<String> parse(String json) {
    SortedSet<String> out = new TreeSet<>();
    int open = json.indexOf('[');
    int close = json.indexOf(']', Math.max(open, 0));
    if (open < 0 || close < 0) {
      return out;
    }
    Matcher m = QUOTED.matcher(json).region(open, close); // a region: the list is not copied
    while (m.find()) {
      if (isFolder(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /**
   * Whether {@code name} (of folder characters) is a folder as output keys have it: path segments of letters,
   * digits, '.', '_' and '-', each starting with a letter or digit.
   */
  private static boolean isFolder(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '/' && (i + 1 == name.length() || !Character.isLetterOrDigit(name.charAt(i + 1)))) {
        return false;
      }
    }
    return true;
  }

  /** The folder of a manifest key ({folder}/frames.json), or null for another key. */
  public static String folderOf(String manifestKey) {
    String suffix = "/" + FrameManifest.NAME;
    return manifestKey.endsWith(suffix) && manifestKey.length() > suffix.length()
        ? manifestKey.substring(0, manifestKey.length() - suffix.length()) : null;
  }
}
