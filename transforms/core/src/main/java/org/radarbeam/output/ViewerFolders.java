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

  /** A folder as output keys have it: path segments of letters, digits, '.', '_' and '-', none starting with '.'. */
  private static final Pattern FOLDER = Pattern.compile("\"([A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*)\"");

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
    Matcher m = FOLDER.matcher(json.substring(open, close));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The folder of a manifest key ({folder}/frames.json), or null for another key. */
  public static String folderOf(String manifestKey) {
    String suffix = "/" + FrameManifest.NAME;
    return manifestKey.endsWith(suffix) && manifestKey.length() > suffix.length()
        ? manifestKey.substring(0, manifestKey.length() - suffix.length()) : null;
  }
}
