package org.radarbeam.output;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * viewer/folders.json: the output folders that have a frames.json, which the viewer page reads
 * because it cannot list a bucket. {"folders": ["composite", "germany", "odim/800x1090-1a2b3c4d"]},
 * sorted; each folder's manifest is {folder}/frames.json.
 */
public final class ViewerFolders {
  public static final String KEY = "viewer/folders.json";

  private static final Logger LOG = LoggerFactory.getLogger(ViewerFolders.class);
  /** The longest folder read back: a --folder and a grid id, with room to spare; S3 keys end at 1024 bytes. */
  static final int MAX_FOLDER_CHARS = 512;
  /** The most folders read back: far more than an output has, and each costs the writer a look-up. */
  static final int MAX_FOLDERS = 10_000;
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

  /**
   * The folders listed in a folders.json this class wrote (anything else in the text is ignored), at most
   * {@link #MAX_FOLDERS} of them.
   */
  public static SortedSet<String> parse(String json) {
    SortedSet<String> out = new TreeSet<>();
    int open = json.indexOf('[');
    int close = json.indexOf(']', Math.max(open, 0));
    if (open < 0 || close < 0) {
      return out;
    }
    Matcher m = QUOTED.matcher(json).region(open, close); // a region: the list is not copied
    while (m.find()) {
      String folder = m.group(1);
      if (isFolder(folder) && out.add(folder) && out.size() > MAX_FOLDERS) {
        out.remove(folder);
        LOG.warn("{} lists more than {} folders, more than an output has: the first {} are read", KEY, MAX_FOLDERS,
            MAX_FOLDERS);
        break;
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
