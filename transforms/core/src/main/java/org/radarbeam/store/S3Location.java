package org.radarbeam.store;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A bucket and an optional key prefix, parsed from {@code s3://bucket/optional/prefix}. The prefix
 * is kept without leading or trailing slash (empty for the bucket root); keys below it are joined
 * with one slash.
 */
public record S3Location(String bucket, String prefix) implements Serializable {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Validates the bucket name; the prefix loses leading and trailing slashes and may not be malformed. */
  public S3Location {
    validateBucket(bucket);
    String p = prefix == null ? "" : trimSlashes(prefix);
    if (p.contains("//")) {
      throw new IllegalArgumentException("S3 prefix '" + prefix + "' has an empty path segment ('//')");
    }
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("S3 prefix '" + p + "' contains a control character");
      }
    }
    if (p.indexOf('?') >= 0 || p.indexOf('#') >= 0) {
      throw new IllegalArgumentException("S3 prefix '" + p + "' contains '?' or '#'; give a plain s3://bucket/prefix");
    }
    prefix = p;
  }

  /**
   * Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/a/b/}.
   *
   * @throws IllegalArgumentException with a one-line reason for anything else
   */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an S3 location (expected s3://bucket/prefix): " + uri);
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    return of(bucket, path);
  }

  /** A location from a bucket name and a prefix (leading and trailing slashes are dropped). */
  public static S3Location of(String bucket, String prefix) {
    return new S3Location(bucket, prefix);
  }

  /** Checks {@code bucket} against the S3 bucket naming rules. */
  public static void validateBucket(String bucket) {
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException("S3 location has no bucket name (expected s3://bucket/prefix)");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("invalid S3 bucket name '" + bucket
          + "': 3 to 63 characters of lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
    }
    if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
      throw new IllegalArgumentException("invalid S3 bucket name '" + bucket + "': '..', '.-' and '-.' are not allowed");
    }
    if (IPV4.matcher(bucket).matches()) {
      throw new IllegalArgumentException("invalid S3 bucket name '" + bucket + "': must not look like an IP address");
    }
  }

  private static String trimSlashes(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && s.charAt(b) == '/') {
      b++;
    }
    while (e > b && s.charAt(e - 1) == '/') {
      e--;
    }
    return s.substring(b, e);
  }

  /**
   * The full object key of {@code relativeKey} below this prefix. Leading slashes of the relative
   * key are dropped; a trailing slash is kept (so {@code key("dwd/")} is a listing prefix).
   */
  public String key(String relativeKey) {
    String rel = relativeKey == null ? "" : relativeKey;
    int b = 0;
    while (b < rel.length() && rel.charAt(b) == '/') {
      b++;
    }
    rel = rel.substring(b);
    if (prefix.isEmpty()) {
      return rel;
    }
    return rel.isEmpty() ? prefix + "/" : prefix + "/" + rel;
  }

  /**
   * The key relative to this prefix of a full key below it, or null when {@code fullKey} is not
   * below this prefix.
   */
  public String relativize(String fullKey) {
    if (prefix.isEmpty()) {
      return fullKey;
    }
    String p = prefix + "/";
    return fullKey.startsWith(p) ? fullKey.substring(p.length()) : null;
  }

  /** A location for a sub-prefix of this one. */
  public S3Location resolve(String relativePrefix) {
    return of(bucket, key(relativePrefix));
  }

  /** {@code s3://bucket/fullKey} for a full object key in this bucket. */
  public String uriOfFullKey(String fullKey) {
    return "s3://" + bucket + "/" + fullKey;
  }

  /** {@code s3://bucket/prefix/relativeKey}. */
  public String uri(String relativeKey) {
    return uriOfFullKey(key(relativeKey));
  }

  @Override
  public String toString() {
    return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
  }
}
