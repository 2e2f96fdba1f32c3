package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalFileStore: whole objects only, under final names; an empty or garbled one counts as missing. */
class LocalFileStoreTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

  @TempDir Path root;

  @Test
  void writesWholeObjectsAndLeavesNoTemporaryFile() throws IOException {
    LocalFileStore store = new LocalFileStore(root.toString());
    store.write("germany/1.png", PNG, "image/png");
    store.write("germany/1.png", PNG, "image/png"); // replaced whole
    assertArrayEquals(PNG, Files.readAllBytes(root.resolve("germany/1.png")));
    try (Stream<Path> s = Files.list(root.resolve("germany"))) {
      assertEquals(List.of("1.png"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertTrue(store.exists("germany/1.png"));
    assertArrayEquals(PNG, store.read("germany/1.png"));
    assertThrows(FileNotFoundException.class, () -> store.read("germany/2.png"), "missing, as S3 says it");
  }

  @Test
  void anEmptyOrGarbledObjectCountsAsMissing() throws IOException {
    Files.createDirectories(root.resolve("germany"));
    Files.write(root.resolve("germany/1.png"), PNG);
    Files.write(root.resolve("germany/2.png"), new byte[0]);
    Files.write(root.resolve("germany/3.png"), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0});
    Files.write(root.resolve("germany/4.png"), new byte[] {(byte) 0x89, 'P', 'N'});
    Files.createDirectories(root.resolve("extent/dwd"));
    Files.write(root.resolve("extent/dwd/extent_index.json"), new byte[0]);
    LocalFileStore store = new LocalFileStore(root.toString());

    assertTrue(store.exists("germany/1.png"));
    for (String k : List.of("germany/2.png", "germany/3.png", "germany/4.png", "germany/5.png",
        "extent/dwd/extent_index.json")) {
      assertFalse(store.exists(k), k);
    }
    assertEquals(Set.of("germany/1.png"), store.existing("germany/",
        Set.of("germany/1.png", "germany/2.png", "germany/3.png", "germany/4.png", "germany/5.png")));
  }

  /** A killed JVM's temporary files are deleted once an hour old, when their folder is listed; nothing else is. */
  @Test
  void staleTemporaryFilesAreDeletedWhenTheirFolderIsListed() throws IOException {
    Path dir = Files.createDirectories(root.resolve("germany"));
    Files.write(dir.resolve("1.png"), PNG);
    Path stale = dir.resolve(".2.png.tmp-0f8fad5b-d9cb-469f-a165-70867728950e");
    Path young = dir.resolve(".3.png.tmp-7c9e6679-7425-40de-944b-e07fc1f90ae7");
    Path staleManifest = dir.resolve(".frames.json.tmp-16fd2706-8baf-433b-82eb-8c7fada847da");
    Path other = dir.resolve(".keep");
    for (Path p : List.of(stale, young, staleManifest, other)) {
      Files.write(p, new byte[] {1, 2, 3});
    }
    FileTime old = FileTime.from(Instant.now().minus(LocalFileStore.STALE_TEMPORARY).minusSeconds(60));
    for (Path p : List.of(stale, staleManifest, other)) {
      Files.setLastModifiedTime(p, old);
    }
    LocalFileStore store = new LocalFileStore(root.toString());

    assertEquals(Set.of("germany/1.png"), store.existing("germany/", Set.of("germany/1.png", "germany/2.png")));
    assertFalse(Files.exists(stale));
    assertFalse(Files.exists(staleManifest));
    assertTrue(Files.exists(young), "a write under way in another run");
    assertTrue(Files.exists(other), "not a temporary file of this store");

    Files.write(stale, new byte[] {1});
    Files.setLastModifiedTime(stale, old);
    java.util.Set<String> listed = new java.util.TreeSet<>();
    store.forEachKeyBetween("germany", "germany/0", "germany/9", listed::add);
    assertEquals(Set.of("germany/1.png"), listed);
    assertFalse(Files.exists(stale), "listing a range deletes them too");
    assertTrue(Files.exists(young));
  }

  /**
   * A folder whose keys are only looked up, never listed nor written to again (a composite rerun's member
   * folders, an extent index or mask written long ago), loses a killed JVM's stale temporary files at its
   * first look-up; young ones and other files stay.
   */
  @Test
  void staleTemporaryFilesOfAFolderOnlyLookedUpAreDeletedAtItsFirstLookUp() throws IOException {
    Files.createDirectories(root.resolve("extent/dwd"));
    Files.write(root.resolve("extent/dwd/extent_index.json"), new byte[] {'{', '}'});
    assertOnlyTheStaleTemporaryFileIsDeletedBy("extent/dwd", "extent_index.json",
        store -> assertTrue(store.exists("extent/dwd/extent_index.json")));
    assertFalse(new LocalFileStore(root.toString()).exists("mask/dwd/coverage_mask.png"), "no folder, nothing to sweep");
  }

  /** What a store does to a folder. */
  @FunctionalInterface
  private interface StoreAction {
    void run(LocalFileStore store) throws IOException;
  }

  /**
   * Puts a killed JVM's stale temporary file of {@code file}, a young one (a write under way in another run)
   * and another hidden file in {@code folder}, has {@code action} use the folder, and asserts that only the
   * stale one is gone.
   */
  private void assertOnlyTheStaleTemporaryFileIsDeletedBy(String folder, String file, StoreAction action)
      throws IOException {
    Path dir = Files.createDirectories(root.resolve(folder));
    Path stale = dir.resolve("." + file + ".tmp-0f8fad5b-d9cb-469f-a165-70867728950e");
    Path young = dir.resolve("." + file + ".tmp-7c9e6679-7425-40de-944b-e07fc1f90ae7");
    Path other = dir.resolve(".keep");
    for (Path p : List.of(stale, young, other)) {
      Files.write(p, new byte[] {1, 2, 3});
    }
    FileTime old = FileTime.from(Instant.now().minus(LocalFileStore.STALE_TEMPORARY).minusSeconds(60));
    Files.setLastModifiedTime(stale, old);
    Files.setLastModifiedTime(other, old);
    action.run(new LocalFileStore(root.toString()));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(young), "a write under way in another run");
    assertTrue(Files.exists(other), "not a temporary file of this store");
  }

  @Test
  void aJvmThatExitsMidWriteLeavesNoTemporaryFile() throws Exception {
    Path out = Files.createDirectories(root.resolve("germany"));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ExitMidWrite.class.getName(), out.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertTrue(output.contains("exiting mid-write"), output);
    try (Stream<Path> s = Files.list(out)) {
      List<String> left = s.map(f -> f.getFileName().toString()).toList();
      // the rename may have won the race with the exit; a whole file then, never a temporary one
      assertTrue(left.isEmpty() || left.equals(List.of("frame.png")), left.toString());
      if (!left.isEmpty()) {
        assertEquals(128L << 20, Files.size(out.resolve("frame.png")));
      }
    }
  }

  /** A write that starts once the exit hook has run (a worker the exit has not stopped yet) leaves no temporary file. */
  @Test
  void aWriteThatStartsWhileTheJvmExitsLeavesNoTemporaryFile() throws Exception {
    Path out = Files.createDirectories(root.resolve("germany"));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        WriteWhileExiting.class.getName(), out.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertTrue(output.contains("refused: the JVM is exiting"), output);
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of(), s.map(f -> f.getFileName().toString()).toList());
    }
  }

  /**
   * Folders no run lists (the viewer's, the extent indexes') lose a killed JVM's stale temporary files the
   * first time this JVM writes there; young ones and other files stay.
   */
  @Test
  void staleTemporaryFilesOfAFolderNeverListedAreDeletedWhenItIsWrittenTo() throws IOException {
    assertOnlyTheStaleTemporaryFileIsDeletedBy("viewer/leaflet", "leaflet.js",
        store -> store.write("viewer/leaflet/leaflet.js", PNG, "text/javascript"));
    assertArrayEquals(PNG, Files.readAllBytes(root.resolve("viewer/leaflet/leaflet.js")));
  }

  /** Keys lie in the output directory: neither an absolute key nor ".." leads out of it. */
  @Test
  void keysThatLeadOutOfTheRootAreRefused() throws Exception {
    LocalFileStore store = new LocalFileStore(root.resolve("out").toString());
    byte[] png = {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> store.write("../escaped.png", png, "image/png"));
    assertThrows(IllegalArgumentException.class, () -> store.write("germany/../../escaped.png", png, "image/png"));
    assertThrows(IllegalArgumentException.class, () -> store.write(root.resolve("abs.png").toString(), png, "image/png"));
    assertFalse(Files.exists(root.resolve("escaped.png")));
    assertFalse(Files.exists(root.resolve("abs.png")));
    store.write("germany/../germany/1.png", png, "image/png");
    assertArrayEquals(png, Files.readAllBytes(root.resolve("out/germany/1.png")));
  }

  /** A metadata file is read whole only up to its bound: a larger one (not radarbeam's) is refused, not loaded. */
  @Test
  void readingAFileAboveTheBoundIsRefused() throws Exception {
    LocalFileStore store = new LocalFileStore(root.toString());
    Files.createDirectories(root.resolve("germany"));
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(root.resolve("germany/frames.json").toFile(), "rw")) {
      f.setLength(ObjectStore.MAX_READ_BYTES + 1); // sparse: no disk used
    }
    org.radarbeam.io.TooLargeException e = assertThrows(org.radarbeam.io.TooLargeException.class,
        () -> store.read("germany/frames.json"));
    assertTrue(e.getMessage().endsWith("above " + ObjectStore.MAX_READ_BYTES), e.getMessage());
    assertThrows(java.io.FileNotFoundException.class, () -> store.read("germany/none.json"));
  }
}
