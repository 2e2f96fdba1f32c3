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
import org.radarbeam.io.FileNames;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.TooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches a local glob (the syntax of {@link S3Glob}: *, ?, **, [..], {a,b}) by walking only the folder
 * before its first wildcard, bounded: at most {@link HeapLimits#maxListedKeys} matching files, as an S3
 * listing, and no symbolic link to a folder below that one followed, so a link back up the tree or into
 * /proc cannot make the walk endless (the folder itself may be a link: a mounted volume, a "current"
 * link). Links to files are files. Paths are absolute and normalised; {@code file:} URIs are taken as
 * paths; an existing file whose name holds glob characters ({@code [}, {@code {}) is that file. Written
 * here rather than taken from Beam's FileSystems.match, which holds a metadata object per file however
 * many match, and follows links.
 */
public final class LocalGlob {
  private static final Logger LOG = LoggerFactory.getLogger(LocalGlob.class);
  /** A file URI's scheme and empty authority, in any case: Beam's local file system takes them as paths. */
  private static final Pattern FILE_SCHEME = Pattern.compile("^(?i)file:/*");

  private LocalGlob() {}

  /** The regular files (not hidden) matching {@code pattern}, sorted; none when its folder is missing. */
  public static List<String> match(String pattern) throws IOException {
    return match(pattern, HeapLimits.maxListedKeys());
  }

  static List<String> match(String pattern, long maxFiles) throws IOException {
    String p = FILE_SCHEME.matcher(pattern).replaceFirst("/"); // file:///a, file:/a: /a
    String absolute = Paths.get(p).toAbsolutePath().normalize().toString();
    int wild = S3Glob.firstWildcard(absolute);
    List<String> out = new ArrayList<>();
    Path named = Paths.get(absolute);
    boolean file = Files.isRegularFile(named);
    if (wild < 0 || file) {
      if (file && !hidden(named)) {
        out.add(named.toString());
      }
      return out;
    }
    int folderEnd = absolute.lastIndexOf('/', wild) + 1;
    // a folder that exists as named ("run [2025]", "{a}") is that folder, as an existing file is: only the last
    // segment is then a glob
    int lastSlash = absolute.lastIndexOf('/');
    if (lastSlash + 1 > folderEnd && Files.isDirectory(Paths.get(absolute.substring(0, lastSlash + 1)))) {
      folderEnd = lastSlash + 1;
    }
    Path base = Paths.get(absolute.substring(0, folderEnd));
    if (!Files.isDirectory(base)) {
      return out;
    }
    Path start = base.toRealPath(); // the folder itself may be a link; none below it is followed
    String rest = absolute.substring(folderEnd);
    Pattern re = Pattern.compile(S3Glob.globToRegex(rest));
    int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/", -1).length;
    try {
      Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          // a link is visited as itself: one to a file counts, one to a folder is not entered
          String relative = start.relativize(file).toString();
          if (!hidden(file) && re.matcher(relative).matches()
              && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file))) {
            if (out.size() >= maxFiles) {
              throw new UncheckedIOException(new TooLargeException("more than " + maxFiles + " files match "
                  + pattern + ", " + HeapLimits.listingShare() + ": list narrower patterns (an archive template"
                  + " lists a day at a time) or give the JVM more heap"));
            }
            // named as the pattern names its folder; joined as paths, not text: a name this JVM's file-name
            // encoding cannot decode (a non-ASCII name under LANG=C, bytes that are not UTF-8) costs only itself
            Path listed = base.resolve(start.relativize(file));
            String name = listed.toString();
            if (!FileNames.representable(listed)) {
              LOG.warn("{}: {}; it is not listed for {}", name, FileNames.unrepresentable(), pattern);
              return FileVisitResult.CONTINUE;
            }
            out.add(name);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          if (file.equals(start)) {
            throw new UncheckedIOException(e); // the pattern cannot be listed at all
          }
          LOG.warn("{} cannot be read ({}): its files are not listed for {}", file, e.getClass().getSimpleName(),
              pattern);
          return FileVisitResult.CONTINUE;
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
