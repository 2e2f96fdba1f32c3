package org.radarbeam.source;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.radarbeam.io.FileNames;

/**
 * Expands an --input template into the concrete patterns to list: {source} per source, and
 * {yyyy} {MM} {dd} {HH} once per hour (or day) inside the window, so an archive is listed only
 * under the prefixes the window touches, never as a whole.
 */
public final class ArchiveTemplate {
  private ArchiveTemplate() {}

  public static boolean hasTimePlaceholders(String template) {
    return template.contains("{yyyy}") || template.contains("{MM}") || template.contains("{dd}") || template.contains("{HH}");
  }

  public static List<SourcePattern> patterns(String template, Iterable<String> sources, TimeWindow window) {
    List<SourcePattern> out = new ArrayList<>();
    for (String source : sources) {
      for (String p : timePatterns(template.replace("{source}", source), window)) {
        out.add(new SourcePattern(source, directoryAsGlob(p)));
      }
    }
    return out;
  }

  private static Set<String> timePatterns(String t, TimeWindow window) {
    Set<String> out = new LinkedHashSet<>();
    if (!hasTimePlaceholders(t)) {
      out.add(t);
      return out;
    }
    ChronoUnit step = t.contains("{HH}") || !t.contains("{dd}") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
    LocalDateTime from = LocalDateTime.ofInstant(window.from(), ZoneOffset.UTC).truncatedTo(step);
    LocalDateTime to = LocalDateTime.ofInstant(window.to(), ZoneOffset.UTC);
    for (LocalDateTime d = from; !d.isAfter(to); d = d.plus(1, step)) {
      out.add(TimeTemplate.expand(t, d.toInstant(ZoneOffset.UTC)));
    }
    return out;
  }

  /**
   * A local directory stands for every file in it. One that exists is taken as named, brackets and braces
   * and all, as an existing file is (LocalGlob lists a folder that exists as named as that folder).
   */
  private static String directoryAsGlob(String p) {
    boolean wild = p.contains("*") || p.contains("?");
    boolean glob = wild || p.contains("[");
    if (!p.contains("://") && !wild && FileNames.representable(p) && Files.isDirectory(Paths.get(p))) {
      return p.endsWith("/") ? p + "*" : p + "/*";
    }
    // an S3 "folder" (its key ends with /): its files, as a local directory stands for its files
    if (p.startsWith("s3://") && p.endsWith("/") && !glob) {
      return p + "*";
    }
    return p;
  }
}
