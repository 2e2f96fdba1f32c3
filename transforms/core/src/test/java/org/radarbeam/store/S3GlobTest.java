package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** S3Glob: an s3:// key pattern matches exactly the keys the same local glob matches as paths. */
class S3GlobTest {
  private static final List<String> KEYS = List.of("dwd/2025/11/17/composite_dmax_20251117_1500-hd5",
      "dwd/2025/11/17/composite_dmax_20251117_1505-hd5", "dwd/2025/11/18/composite_dmax_20251118_1500-hd5",
      "dwd/2025/11/17/sub/composite_dmax_20251117_1510-hd5", "shmu/a.hdf", "shmu/b.hdf", "shmu/[x].hdf",
      "odim/a+b (1).h5", "odim/c.h5");

  @Test
  void matchesWhatTheLocalGlobMatches() {
    for (String glob : List.of("dwd/2025/11/17/*", "dwd/**", "dwd/2025/11/1[78]/*-hd5", "dwd/2025/11/1[!7]/*",
        "dwd/2025/11/17/composite_dmax_20251117_{1500,1505}-hd5", "shmu/?.hdf", "shmu/[a-b].hdf", "odim/a+b (1).h5",
        "odim/*.{h5,hdf}", "dwd/**/*1510-hd5", "{dwd,shmu}/*")) {
      PathMatcher local = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      Pattern s3 = Pattern.compile(S3Glob.globToRegex(glob));
      for (String key : KEYS) {
        assertEquals(local.matches(Path.of(key)), s3.matcher(key).matches(), glob + " on " + key);
      }
    }
  }

  @Test
  void listingStartsBeforeTheFirstWildcardOfAnyKind() {
    assertEquals(15, S3Glob.firstWildcard("dwd/2025/11/17/*"));
    assertEquals(13, S3Glob.firstWildcard("dwd/2025/11/1[78]/*"));
    assertEquals(0, S3Glob.firstWildcard("{dwd,shmu}/*"));
    assertEquals(-1, S3Glob.firstWildcard("dwd/a.h5"));
  }

  @Test
  void unreadableGlobsAreRefused() {
    for (String bad : List.of("s3://b/dwd/{1500", "s3://b/dwd/[abc", "s3://b/dwd/{a,{b}}", "s3://b/dwd/[a/b]")) {
      assertThrows(IllegalArgumentException.class, () -> S3Glob.validate(bad), bad);
    }
  }
}
