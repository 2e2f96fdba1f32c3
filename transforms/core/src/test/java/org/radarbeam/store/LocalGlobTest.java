package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.io.TooLargeException;

/** LocalGlob: the files a local glob matches, as S3Glob matches keys, bounded and without following folder links. */
class LocalGlobTest {
  @TempDir Path root;

  private String file(String relative) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
    return p.toString();
  }

  /**
   * A name whose bytes are not valid in the JVM's file-name encoding (byte 0xFC is neither ASCII nor UTF-8; made by a
   * shell, since a Java string cannot name it) is left out with a warning: its text would name another file, and
   * the files beside it are listed.
   */
  @Test
  void aNameTheFileNameEncodingCannotDecodeCostsOnlyItself() throws Exception {
    String good = file("odim/a.h5");
    Process p = new ProcessBuilder("sh", "-c", "printf x > \"$1/odim/b-$(printf '\\374').h5\"", "sh", root.toString())
        .inheritIO().start();
    assertEquals(0, p.waitFor());
    try (var names = Files.list(root.resolve("odim"))) {
      assertEquals(2, names.count());
    }
    assertEquals(List.of(good), LocalGlob.match(root + "/odim/*"));
  }

  @Test
  void matchesFilesAsTheGlobSyntaxSays() throws IOException {
    String a = file("dwd/2025/11/17/composite_dmax_20251117_1500-hd5");
    String b = file("dwd/2025/11/17/composite_dmax_20251117_1505-hd5");
    String c = file("dwd/2025/11/18/composite_dmax_20251118_1500-hd5");
    String sub = file("dwd/2025/11/17/sub/composite_dmax_20251117_1510-hd5");
    file("dwd/2025/11/17/.composite_dmax_20251117_1515-hd5.tmp-0f8fad5b-d9cb-469f-a165-70867728950e");
    String shmu = file("shmu/a.hdf");
    assertEquals(List.of(a, b), LocalGlob.match(root + "/dwd/2025/11/17/*"), "no folder, no hidden file");
    assertEquals(List.of(a, b, sub, c), LocalGlob.match(root + "/dwd/**"));
    assertEquals(List.of(a, c), LocalGlob.match(root + "/dwd/2025/11/1[78]/*1500-hd5"));
    assertEquals(List.of(b), LocalGlob.match(root + "/dwd/2025/11/17/composite_dmax_20251117_{1505,1555}-hd5"));
    assertEquals(List.of(sub), LocalGlob.match(root + "/dwd/**/*1510-hd5"));
    assertEquals(List.of(a, b, shmu), LocalGlob.match(root + "/{dwd/2025/11/17,shmu}/*"));
    assertEquals(List.of(a), LocalGlob.match("file://" + a), "one file, named");
    assertEquals(List.of(), LocalGlob.match(root + "/missing/*"));
    assertEquals(List.of(), LocalGlob.match(root + "/missing.h5"));
  }

  /**
   * Paths come out absolute and normalised whatever the pattern's spelling; a file: URI is its path; the
   * folder before the first wildcard may be a link (a mounted volume); an existing file whose name holds glob
   * characters is that file.
   */
  @Test
  void patternsAreReadAsBeamsLocalFileSystemReadsThem() throws IOException {
    String a = file("real/dwd/a.h5");
    String bracket = file("real/dwd/r[1].h5");
    Path link = Files.createSymbolicLink(root.resolve("current"), root.resolve("real"));
    assertEquals(List.of(a), LocalGlob.match(root + "/real/x/../dwd/./a*.h5"));
    assertEquals(List.of(a), LocalGlob.match("file://" + root + "/real/dwd/a*"));
    assertEquals(List.of(a), LocalGlob.match("FILE:" + root + "/real/dwd/a*"));
    assertEquals(List.of(link + "/dwd/a.h5"), LocalGlob.match(link + "/dwd/a*"), "named as the pattern names it");
    assertEquals(List.of(bracket), LocalGlob.match(bracket));
    String relative = Path.of("").toAbsolutePath().relativize(root).toString();
    assertEquals(List.of(a), LocalGlob.match(relative + "/real/dwd/a*"));
  }

  /**
   * A link to a file is a file; a link to a folder is not entered, so a link back up the tree (or into /proc)
   * cannot make the walk endless or list a file many times.
   */
  @Test
  void linksToFoldersAreNotFollowed() throws IOException {
    String a = file("in/a.h5");
    Path target = Files.write(root.resolve("elsewhere.h5"), new byte[] {1});
    Files.createSymbolicLink(root.resolve("in/linked.h5"), target);
    Files.createSymbolicLink(root.resolve("in/loop"), root.resolve("in"));
    Files.createSymbolicLink(root.resolve("in/proc"), Path.of("/proc"));
    assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        assertEquals(List.of(a, root.resolve("in/linked.h5").toString()), LocalGlob.match(root + "/in/**")));
  }

  /** A pattern that matches more files than one listing may hold fails as too large, as an S3 listing does. */
  @Test
  void aListingPastItsBoundIsTooLarge() throws IOException {
    for (int i = 0; i < 11; i++) {
      file("many/" + i + ".h5");
    }
    assertEquals(10, LocalGlob.match(root + "/many/[0-9].h5", 10).size());
    TooLargeException e = assertThrows(TooLargeException.class, () -> LocalGlob.match(root + "/many/*", 10));
    assertTrue(e.getMessage().startsWith("more than 10 files match " + root + "/many/*"), e.getMessage());
  }
}
