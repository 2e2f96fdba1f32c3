package org.radarbeam.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.radarbeam.io.TooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory as object store. Each object is written to a hidden temporary file in its target
 * directory, synced, and renamed into place atomically (the directory synced after), so neither a
 * crash nor a power loss leaves a partial file under a final name; an empty or garbled file found
 * under a final name counts as missing. A temporary file left by a killed JVM is deleted, an hour on,
 * the first time a later run looks for a key in its folder, lists it or writes to it. Which of a set of
 * keys exist is asked key by key ({@link ObjectStore#existing}'s default), not by a listing: a folder
 * cannot be listed by range, and one that holds years of frames would cost its whole size each time.
 */
public final class LocalFileStore implements ObjectStore {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LocalFileStore.class);
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** The temporary files this JVM is writing (see {@link #deleteTemporaryFilesOnExit}). */
  private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
  /** Directories written to by this JVM whose stale temporary files have been looked for. */
  private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
  /** Set by the exit hook: a write that creates its temporary file after it deletes that file itself. */
  private static volatile boolean exiting;
  /** A temporary file's name: the hidden final name, ".tmp-" and a UUID. */
  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.tmp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /**
   * A temporary file older than this was left by a JVM killed mid-write (SIGKILL, an out-of-memory kill):
   * a write takes seconds, and one still under way in another run is far younger.
   */
  static final Duration STALE_TEMPORARY = Duration.ofHours(1);

  private final String root;

  public LocalFileStore(String root) {
    this.root = root;
  }

  /** The directory the keys are relative to. */
  public Path root() {
    return Paths.get(root).normalize(); // as path() names the keys' files
  }

  /** The file (or folder) of {@code key}, which must lie in the root (no absolute key, no way out through ".."). */
  private Path path(String key) {
    Path base = Paths.get(root).toAbsolutePath().normalize();
    Path p = base.resolve(key).normalize();
    if (Paths.get(key).isAbsolute() || !p.startsWith(base)) {
      throw new IllegalArgumentException("key " + key + " does not lie in " + root);
    }
    // normalised as the check above is: a root such as ./a/../out names out even where ./a does not exist
    return Paths.get(root).normalize().resolve(key);
  }

  @Override
  public boolean exists(String key) {
    Path p = path(key);
    Path dir = p.getParent();
    // a folder whose keys are only looked up (composites, masks, extent indexes) is swept here, once
    if (dir != null && !SWEPT.contains(dir.toAbsolutePath().normalize()) && Files.isDirectory(dir)) {
      sweepOnce(dir);
    }
    return complete(p, key);
  }

  /**
   * Whether the file under {@code key} is a whole object: not empty, and for an image one that
   * starts with the PNG signature. A power loss between a write and the disk's flush can leave an
   * empty or garbled file under a final name on file systems that do not order rename after data;
   * such a file counts as missing, so it is written again instead of skipped forever.
   */
  private static boolean complete(Path p, String key) {
    try {
      if (!Files.isRegularFile(p)) {
        return false;
      }
      long size = Files.size(p);
      boolean whole = key.endsWith(".png") ? size >= PNG_SIGNATURE.length && startsWithPngSignature(p) : size > 0;
      if (!whole) {
        LOG.warn("{} is {}: written again", p, size == 0 ? "empty" : "not a PNG");
      }
      return whole;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean startsWithPngSignature(Path p) throws IOException {
    byte[] head = new byte[PNG_SIGNATURE.length];
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.wrap(head);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // read the first bytes whole
      }
    }
    return Arrays.equals(head, PNG_SIGNATURE);
  }

  @Override
  public void forEachKeyBetween(String folder, String firstKey, String lastKey, Consumer<String> each)
      throws IOException {
    Path dir = path(folder);
    if (!Files.isDirectory(dir)) {
      return;
    }
    swept(dir); // by this listing
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        String key = folder + "/" + p.getFileName();
        if (p.getFileName().toString().startsWith(".")) {
          deleteIfStaleTemporary(p);
        } else if (key.compareTo(firstKey) >= 0 && key.compareTo(lastKey) <= 0 && complete(p, key)) {
          each.accept(key);
        }
      });
    }
  }

  @Override
  public byte[] read(String key) throws IOException {
    Path p = path(key);
    try {
      long size = Files.size(p);
      if (size > MAX_READ_BYTES) {
        throw new TooLargeException(describe(key) + " holds " + size + " bytes, above " + MAX_READ_BYTES);
      }
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      FileNotFoundException missing = new FileNotFoundException(describe(key));
      missing.initCause(e);
      throw missing;
    }
  }

  @Override
  public void write(String key, ByteBuffer data, String contentType) throws IOException {
    writeAtomically(path(key), data);
  }

  /** Writes {@code data} to {@code target} through a temporary sibling and an atomic rename. */
  public static void writeAtomically(Path target, ByteBuffer data) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    sweepOnce(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    IN_FLIGHT.add(tmp);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        if (exiting) {
          throw new IOException("the JVM is exiting: " + target + " is not written");
        }
        ByteBuffer rest = data.duplicate();
        while (rest.hasRemaining()) {
          ch.write(rest);
        }
        ch.force(true); // the data is on disk before the name points at it
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
      IN_FLIGHT.remove(tmp);
    }
  }

  /**
   * Has the temporary files of writes under way deleted when this JVM exits (--timeout, a pod's
   * SIGTERM), so they do not collect beside the final files; a write that loses its temporary file
   * that way fails before its rename, so no final name is touched. {@code first} runs before, in the
   * same exit hook: what must still write (a stopped run's failure report) does so first. For a JVM that
   * runs one job and exits (the Direct runner's main): a hook holds its class loader, which a Flink
   * TaskManager must be able to drop when a job ends.
   */
  public static void deleteTemporaryFilesOnExit(Runnable first) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        first.run();
      } finally {
        deleteInFlight();
      }
    }, "radarbeam-exit"));
  }

  static void deleteInFlight() {
    exiting = true;
    if (deleteEach(IN_FLIGHT)) {
      // a write between registering its temporary file and creating it: created now, it is deleted by the
      // write itself (exiting), or here, if the JVM's halt comes first
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteEach(IN_FLIGHT);
    }
  }

  /** Deletes each of {@code paths} that exists; whether there were any. */
  private static boolean deleteEach(Set<Path> paths) {
    boolean any = false;
    for (Path tmp : paths) {
      any = true;
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // the JVM is exiting: what cannot be deleted stays, hidden and never read
      }
    }
    return any;
  }

  /**
   * Deletes the stale temporary files of {@code dir} the first time this JVM looks for a key in it or writes
   * to it: folders that no run lists (the viewer's, the extent indexes', the failure reports') would
   * otherwise keep a killed JVM's hidden files for good. A folder listed already (to write its manifest)
   * has been swept by that listing.
   */
  private static void sweepOnce(Path dir) {
    if (!swept(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().startsWith(".")).forEach(LocalFileStore::deleteIfStaleTemporary);
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot look for stale temporary files in {}: {}", dir, e.getMessage());
    }
  }

  /**
   * Deletes {@code p} if it is a temporary file of a write that never finished (older than
   * {@link #STALE_TEMPORARY}), found while a folder is listed anyway: a killed JVM's hidden files would
   * otherwise collect beside the frames for good. What cannot be deleted stays, hidden and never read.
   */
  private static void deleteIfStaleTemporary(Path p) {
    if (!TEMPORARY.matcher(p.getFileName().toString()).matches() || IN_FLIGHT.contains(p.toAbsolutePath())) {
      return;
    }
    try {
      Instant modified = Files.getLastModifiedTime(p).toInstant();
      if (modified.isBefore(Instant.now().minus(STALE_TEMPORARY)) && Files.deleteIfExists(p)) {
        LOG.info("deleted {}, a temporary file of a write interrupted at {}", p, modified);
      }
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", p, e.getMessage());
    }
  }

  /** Records {@code dir} as swept of stale temporary files; whether it was not before. */
  private static boolean swept(Path dir) {
    return SWEPT.add(dir.toAbsolutePath().normalize());
  }

  /** Makes the rename durable; where a directory cannot be opened for sync (not POSIX) the rename stands as is. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOG.debug("cannot sync directory {}: {}", dir, e.getMessage());
    }
  }

  @Override
  public String describe(String key) {
    return path(key).toString();
  }
}
