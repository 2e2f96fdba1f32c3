package org.radarbeam.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.radarbeam.store.LocalFileStore;
import org.radarbeam.store.ObjectStore;
import org.radarbeam.http.Redaction;
import org.radarbeam.store.S3ObjectStore;
import org.radarbeam.store.S3WritePolicy;

/**
 * Makes sure every output can be written before any frame is fetched: the images, the metadata
 * (--dataPrefix) and the failure report (--failures), each a local directory or an S3 prefix. The
 * image directory is created; the others must be creatable (their nearest existing directory
 * writable) and are created only when something is written there. S3 outputs are probed
 * (reachable, bucket exists, credentials accepted). Fails in seconds, local and S3 alike, with
 * what is wrong and where. An {@code s3://} --input is probed the same way, at the fixed part of its
 * keys, so that a bucket or credentials that cannot be read fail before any work rather than as a
 * warning per listed pattern.
 */
final class Preflight {
  private Preflight() {}

  /** @throws IOException an output that cannot be used, naming it and why */
  static void check(RunConfig config) throws IOException {
    Outputs out = config.outputs();
    check(out.images(), "--output", true);
    check(out.data(), "--dataPrefix", false);
    check(out.failures(), "--failures", false);
    if (config.fromFiles() && config.input().trim().startsWith("s3://")) {
      String probe = inputProbe(config.input().trim());
      try {
        S3ObjectStore.create(probe, out.s3(), S3WritePolicy.NONE).checkUsable();
      } catch (IOException e) {
        throw new InputNotUsableException("--input " + Redaction.redact(probe) + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Where an {@code s3://} input is probed: its bucket and the folders of its keys before the first
   * placeholder or wildcard ({@code s3://raw/dwd/{yyyy}/*} is probed at {@code s3://raw/dwd/}).
   */
  static String inputProbe(String input) {
    int slash = input.indexOf('/', "s3://".length());
    if (slash < 0) {
      return input + "/";
    }
    String key = input.substring(slash + 1);
    int fixed = key.length();
    for (char c : new char[] {'{', '*', '?', '['}) {
      int i = key.indexOf(c);
      fixed = i >= 0 ? Math.min(fixed, i) : fixed;
    }
    return input.substring(0, slash + 1) + key.substring(0, key.lastIndexOf('/', fixed - 1) + 1);
  }

  private static void check(ObjectStore store, String option, boolean create) throws IOException {
    if (store instanceof S3ObjectStore s3) {
      s3.checkUsable();
    } else if (store instanceof LocalFileStore local) {
      Path dir = local.root().toAbsolutePath();
      if (create) {
        try {
          Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
          throw new IOException(option + " " + dir + " cannot be created: " + e, e);
        }
      }
      Path existing = dir;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
        throw new IOException(option + " " + dir + " is not writable"
            + (existing == null || existing.equals(dir) ? "" : " (" + existing + " is not a writable directory)"));
      }
    }
  }
}
