package org.radarbeam.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

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

  /** The directory the keys are relative to. */
  public Path root() {
    return Paths.get(root);
  }

  private Path path(String key) {
    return Paths.get(root).resolve(key);
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  /** One directory listing instead of one lookup per key. */
  @Override
  public Set<String> existing(String commonPrefix, Set<String> keys) throws IOException {
    Set<String> out = new HashSet<>();
    int slash = commonPrefix.lastIndexOf('/');
    Path dir = path(slash < 0 ? "" : commonPrefix.substring(0, slash));
    if (!Files.isDirectory(dir)) {
      return out;
    }
    String folder = slash < 0 ? "" : commonPrefix.substring(0, slash + 1);
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        String key = folder + p.getFileName();
        if (keys.contains(key) && Files.isRegularFile(p)) {
          out.add(key);
        }
      });
    }
    return out;
  }

  @Override
  public void write(String key, ByteBuffer data, String contentType) throws IOException {
    writeAtomically(path(key), data);
  }

  /** Writes {@code data} to {@code target} through a temporary sibling and an atomic rename. */
  public static void writeAtomically(Path target, ByteBuffer data) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer rest = data.duplicate();
        while (rest.hasRemaining()) {
          ch.write(rest);
        }
      }
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
