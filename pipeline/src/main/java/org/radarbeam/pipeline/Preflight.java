package org.radarbeam.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.radarbeam.store.LocalFileStore;
import org.radarbeam.store.ObjectStore;
import org.radarbeam.store.S3ObjectStore;

/**
 * Makes sure every output can be written before any frame is fetched: the images, the metadata
 * (--dataPrefix) and the failure report (--failures), each a local directory or an S3 prefix. The
 * image directory is created; the others must be creatable (their nearest existing directory
 * writable) and are created only when something is written there. S3 outputs are probed
 * (reachable, bucket exists, credentials accepted). Fails in seconds, local and S3 alike, with
 * what is wrong and where.
 */
final class Preflight {
  private Preflight() {}

  /** @throws IOException an output that cannot be used, naming it and why */
  static void check(RunConfig config) throws IOException {
    Outputs out = config.outputs();
    check(out.images(), "--output", true);
    check(out.data(), "--dataPrefix", false);
    check(out.failures(), "--failures", false);
    if (out.failures() instanceof LocalFileStore local) {
      Path report = local.root().toAbsolutePath().resolve(out.failureKey());
      if (Files.isDirectory(report)) {
        throw new IOException("--failures " + report + " is a directory, not a file the report can be written to");
      }
    }
  }

  private static void check(ObjectStore store, String option, boolean create) throws IOException {
    if (store instanceof S3ObjectStore s3) {
      s3.checkWritable();
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
      probeWrite(existing, option, dir);
    }
  }

  /**
   * Creates and deletes a file in {@code existing}: the permission bits do not tell for root, nor for
   * file systems that take no files (/proc, a read-only mount).
   */
  private static void probeWrite(Path existing, String option, Path dir) throws IOException {
    Path probe;
    try {
      probe = Files.createTempFile(existing, ".radarbeam-probe-", ".tmp");
    } catch (IOException | SecurityException e) {
      throw new IOException(option + " " + dir + " is not writable"
          + (existing.equals(dir) ? "" : " (no file can be created in " + existing + ")") + ": " + e.getMessage(), e);
    }
    Files.deleteIfExists(probe);
  }
}
