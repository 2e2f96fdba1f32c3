package org.radarbeam.pipeline;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.values.KV;

/**
 * Expands an --input template into the concrete patterns to list: {source} per source, and
 * {yyyy} {MM} {dd} {HH} once per hour (or day, month, year) inside the window, so an archive is
 * listed only under the prefixes the window touches, never as a whole.
 */
final class ArchiveTemplate {
  private ArchiveTemplate() {}

  static boolean hasTimePlaceholders(String template) {
    return template.contains("{yyyy}") || template.contains("{MM}") || template.contains("{dd}") || template.contains("{HH}");
  }

  static List<KV<String, String>> patterns(String template, Iterable<String> sources, TimeWindow window) {
    List<KV<String, String>> out = new ArrayList<>();
    for (String source : sources) {
      for (String p : timePatterns(template.replace("{source}", source), window)) {
        out.add(KV.of(source, directoryAsGlob(p)));
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
    ChronoUnit step = t.contains("{HH}") ? ChronoUnit.HOURS : t.contains("{dd}") ? ChronoUnit.DAYS : ChronoUnit.HOURS;
    LocalDateTime from = LocalDateTime.ofInstant(window.from(), ZoneOffset.UTC).truncatedTo(step == ChronoUnit.HOURS ? ChronoUnit.HOURS : ChronoUnit.DAYS);
    LocalDateTime to = LocalDateTime.ofInstant(window.to(), ZoneOffset.UTC);
    for (LocalDateTime d = from; !d.isAfter(to); d = d.plus(1, step)) {
      out.add(t.replace("{yyyy}", String.format("%04d", d.getYear()))
          .replace("{MM}", String.format("%02d", d.getMonthValue()))
          .replace("{dd}", String.format("%02d", d.getDayOfMonth()))
          .replace("{HH}", String.format("%02d", d.getHour())));
    }
    return out;
  }

  /** A local directory stands for every file in it. */
  private static String directoryAsGlob(String p) {
    if (!p.contains("://") && !p.contains("*") && !p.contains("?") && Files.isDirectory(Paths.get(p))) {
      return p.endsWith("/") ? p + "*" : p + "/*";
    }
    return p;
  }

}
