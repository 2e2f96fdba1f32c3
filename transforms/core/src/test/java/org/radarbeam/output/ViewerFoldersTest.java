package org.radarbeam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/** viewer/folders.json read back as another writer or a damaged store may leave it. */
class ViewerFoldersTest {
  /** A name of thousands of segments overflowed the stack of a pattern that recursed once per segment. */
  @Test
  void aNameOfManySegmentsIsReadWithoutRecursion() {
    String deep = "a/".repeat(255) + "a";
    assertEquals(Set.of(deep, "germany"), ViewerFolders.parse("{\"folders\": [\"" + deep + "\", \"germany\"]}"));
    for (String name : List.of("a/".repeat(100_000) + "a", "a/".repeat(100_000), "a".repeat(1 << 20))) {
      assertEquals(Set.of("germany"), assertTimeoutPreemptively(Duration.ofSeconds(2),
          () -> ViewerFolders.parse("{\"folders\": [\"" + name + "\", \"germany\"]}")));
    }
  }

  /**
   * A folder is read only as long as an output's can be: the writer looks each up under its manifest's key,
   * which S3 refuses past 1024 bytes.
   */
  @Test
  void aNameLongerThanAFolderIsNotRead() {
    String longest = "a".repeat(ViewerFolders.MAX_FOLDER_CHARS);
    assertEquals(Set.of(longest), ViewerFolders.parse("{\"folders\": [\"" + longest + "\", \"" + longest + "b\"]}"));
    assertEquals(Set.of("a/b", "c"), ViewerFolders.parse("{\"folders\": [\"a/b\", \"a//b\", \"a/\", \"a/.b\", \"/a\", \"c\"]}"));
  }

  /** Each folder costs the writer a look-up: a list of more than an output has is read to its bound. */
  @Test
  void aListOfMoreFoldersThanAnOutputHasIsReadToItsBound() {
    List<String> folders = new ArrayList<>();
    for (int i = 0; i <= ViewerFolders.MAX_FOLDERS; i++) {
      folders.add(String.format("f%06d", i));
    }
    SortedSet<String> read = ViewerFolders.parse(ViewerFolders.json(folders));
    assertEquals(ViewerFolders.MAX_FOLDERS, read.size());
    assertEquals(folders.subList(0, ViewerFolders.MAX_FOLDERS), List.copyOf(read), "the first ones");
    assertEquals(Set.of("a", "b"), ViewerFolders.parse("{\"folders\": [" + "\"a\", ".repeat(100_000) + "\"b\"]}"),
        "the same folder again is one");
  }
}
