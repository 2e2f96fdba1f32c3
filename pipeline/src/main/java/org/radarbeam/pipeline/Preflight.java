package org.radarbeam.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.radarbeam.store.LocalFileStore;
import org.radarbeam.store.ObjectStore;
import org.radarbeam.store.S3ObjectStore;

/**
 * Makes sure the outputs can be written before any frame is fetched: a local output directory is
 * created, S3 outputs are probed (reachable, bucket exists, credentials accepted). Fails in seconds.
 */
final class Preflight {
  private Preflight() {}

  /**
   * @throws InvalidOptionsException a local output that cannot be a writable directory
   * @throws IOException an S3 output that cannot be used
   */
  static void check(RunConfig config) throws InvalidOptionsException, IOException {
    ObjectStore images = config.outputs().images();
    if (images instanceof S3ObjectStore s3) {
      s3.checkWritable();
    } else if (images instanceof LocalFileStore local) {
      requireWritableDirectory(local.root(), "--output");
    }
    if (config.outputs().data() instanceof S3ObjectStore data) {
      data.checkWritable();
    }
  }

  private static void requireWritableDirectory(Path dir, String option) throws InvalidOptionsException {
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new InvalidOptionsException(option + "=" + dir + " cannot be created: " + e.getMessage());
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new InvalidOptionsException(option + "=" + dir + " is not a writable directory");
    }
  }
}
