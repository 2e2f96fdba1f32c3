package org.radarbeam.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Matches an s3:// glob (*, ?, ** as in Beam's FileSystems) by listing only the key prefix before
 * its first wildcard, never the whole bucket.
 */
public final class S3Glob {
  private S3Glob() {}

  public static List<String> match(S3Connection settings, String pattern) throws IOException {
    S3Location bucket = S3Location.parse(pattern.substring(0, pattern.indexOf('/', 5) < 0 ? pattern.length()
        : pattern.indexOf('/', 5)));
    String keyPattern = pattern.indexOf('/', 5) < 0 ? "" : pattern.substring(pattern.indexOf('/', 5) + 1);
    int wild = firstWildcard(keyPattern);
    String prefix = wild < 0 ? keyPattern : keyPattern.substring(0, wild);
    Pattern re = Pattern.compile(globToRegex(keyPattern));
    List<String> out = new ArrayList<>();
    for (String uri : S3Archive.listUris(settings == null ? S3Connection.defaults() : settings, bucket, prefix)) {
      String key = uri.substring(("s3://" + bucket.bucket() + "/").length());
      if (re.matcher(key).matches()) {
        out.add(uri);
      }
    }
    return out;
  }

  /** Refuses a pattern whose glob cannot be read ([ or { left open, '/' in a class). */
  public static void validate(String pattern) {
    Pattern.compile(globToRegex(pattern));
  }

  static int firstWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The glob syntax of local paths (java.nio's, which Beam's local file system uses): '*' within
   * one path segment, '**' across segments, '?' one character, [abc] [a-z] [!a] one character of a
   * class, {a,b} one of the alternatives; so an s3:// pattern matches what the same local one would.
   */
  static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    boolean inGroup = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed [ in " + glob);
        }
        String body = glob.substring(i + 1, end);
        if (body.indexOf('/') >= 0) {
          throw new IllegalArgumentException("'/' inside [] in " + glob + ": a class matches one character of a name");
        }
        re.append(body.startsWith("!") ? "[^/" + classBody(body.substring(1)) + "]" : "[" + classBody(body) + "]");
        i = end;
      } else if (c == '{' && !inGroup) {
        re.append("(?:");
        inGroup = true;
      } else if (c == '}' && inGroup) {
        re.append(')');
        inGroup = false;
      } else if (c == ',' && inGroup) {
        re.append('|');
      } else if (c == '{') {
        throw new IllegalArgumentException("nested { in " + glob);
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inGroup) {
      throw new IllegalArgumentException("unclosed { in " + glob);
    }
    return re.toString();
  }

  /** A class body with regex metacharacters other than '-' escaped. */
  private static String classBody(String body) {
    StringBuilder b = new StringBuilder();
    for (char ch : body.toCharArray()) {
      if (ch == '\\' || ch == '[' || ch == ']' || ch == '^' || ch == '&') {
        b.append('\\');
      }
      b.append(ch);
    }
    return b.toString();
  }
}
