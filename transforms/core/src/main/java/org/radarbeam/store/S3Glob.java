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

  static int firstWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /** '*' matches within one path segment, '**' across segments, '?' one character. */
  static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
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
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
