package org.radarbeam.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.TooLargeException;

/**
 * Matches a local glob (the syntax of {@link S3Glob}: *, ?, **, [..], {a,b}) by walking only the folder
 * before its first wildcard, bounded: at most {@link HeapLimits#maxListedKeys} matching files, as an S3
 * listing, and no symbolic link to a folder followed, so a link back up the tree or into /proc cannot
 * make the walk endless. Links to files are files. Written here rather than taken from Beam's
 * FileSystems.match, which holds a metadata object per file however many match, and follows links.
 */
public final class LocalGlob {
  private LocalGlob() {}

  /** The regular files (not hidden) matching {@code pattern}, sorted; none when its folder is missing. */
  public static List<String> match(String pattern) throws IOException {
    return match(pattern, HeapLimits.maxListedKeys());
  }

  static List<String> match(String pattern, long maxFiles) throws IOException {
    String p = pattern.startsWith("file://") ? pattern.substring("file://".length()) : pattern;
    String absolute = Paths.get(p).toAbsolutePath().toString();
    int wild = S3Glob.firstWildcard(absolute);
    List<String> out = new ArrayList<>();
    if (wild < 0) {
      Path file = Paths.get(absolute);
      if (Files.isRegularFile(file) && !hidden(file)) {
        out.add(file.toString());
      }
      return out;
    }
    Path base = Paths.get(absolute.substring(0, absolute.lastIndexOf('/', wild) + 1));
    if (!Files.isDirectory(base)) {
      return out;
    }
    String rest = absolute.substring(absolute.lastIndexOf('/', wild) + 1);
    Pattern re = Pattern.compile(S3Glob.globToRegex(rest));
    int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/", -1).length;
    try {
      Files.walkFileTree(base, EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          // a link is visited as itself: one to a file counts, one to a folder is not entered
          if (!hidden(file) && re.matcher(base.relativize(file).toString()).matches()
              && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file))) {
            if (out.size() >= maxFiles) {
              throw new UncheckedIOException(new TooLargeException("more than " + maxFiles + " files match "
                  + pattern + ", the most one listing holds in this JVM's " + HeapLimits.mib(Runtime.getRuntime()
                  .maxMemory()) + " heap: list narrower patterns (an archive template lists a day at a time) or give"
                  + " the JVM more heap"));
            }
            out.add(file.toString());
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // a folder that cannot be read holds nothing this run can read
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Collections.sort(out);
    return out;
  }

  private static boolean hidden(Path file) {
    return file.getFileName().toString().startsWith(".");
  }
}
