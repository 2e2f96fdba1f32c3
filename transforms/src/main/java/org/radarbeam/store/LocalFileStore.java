package org.radarbeam.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A directory as object store. Each object is written to a hidden temporary file in its target
 * directory and renamed into place atomically, so a crash never leaves a partial file under a
 * final name.
 */
public final class LocalFileStore implements ObjectStore {
  private static final long serialVersionUID = 1L;

  private final String root;

  public LocalFileStore(String root) {
    this.root = root;
  }

  private Path path(String key) {
    return Paths.get(root).resolve(key);
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public void write(String key, byte[] data, String contentType) throws IOException {
    writeAtomically(path(key), data);
  }

  /** Writes {@code data} to {@code target} through a temporary sibling and an atomic rename. */
  public static void writeAtomically(Path target, byte[] data) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public String describe(String key) {
    return path(key).toString();
  }
}
