package org.radarbeam.source;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radarbeam.codec.NominalTime;

/**
 * A text with UTC time placeholders {yyyy} {MM} {dd} {HH} {mm} {ss}: expanded for a time (provider
 * URLs, archive prefixes) and matched against a name to read the time back. Every way a source
 * names its files goes through this one class.
 *
 * <p>A <em>literal</em> template (provider directory and file names) matches a whole name and its
 * other characters are plain text; a <em>name rule</em> (archive files, named by whoever archived
 * them) is a regular expression around the placeholders, found anywhere in a name.
 *
 * @param literal true for a literal template, false for a name rule
 */
public record TimeTemplate(String text, boolean literal) implements Serializable {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(yyyy|MM|dd|HH|mm|ss)\\}");
  /** Compiled once per template and JVM (a template is a value; its pattern is derived). */
  private static final Map<TimeTemplate, Pattern> PATTERNS = new ConcurrentHashMap<>();
  /** The same, bounded as a whole name within a page. */
  private static final Map<TimeTemplate, Pattern> NAMES = new ConcurrentHashMap<>();

  /** A template whose text around the placeholders is plain text, e.g. {@code composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5}. */
  public static TimeTemplate literal(String text) {
    return new TimeTemplate(text, true);
  }

  /** A name rule: a regular expression around placeholders, e.g. {@code _C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}}. */
  public static TimeTemplate nameRule(String regex) {
    return new TimeTemplate(regex, false);
  }

  /** The template with its placeholders replaced by the fields of {@code t} (UTC). */
  public String expand(Instant t) {
    return expand(text, t);
  }

  /**
   * {@code template} with its placeholders replaced by the fields of {@code t} (UTC), in ASCII digits
   * whatever the JVM's locale (some locales format numbers in their own digits).
   */
  public static String expand(String template, Instant t) {
    LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    return template.replace("{yyyy}", String.format(Locale.ROOT, "%04d", d.getYear()))
        .replace("{MM}", String.format(Locale.ROOT, "%02d", d.getMonthValue()))
        .replace("{dd}", String.format(Locale.ROOT, "%02d", d.getDayOfMonth()))
        .replace("{HH}", String.format(Locale.ROOT, "%02d", d.getHour()))
        .replace("{mm}", String.format(Locale.ROOT, "%02d", d.getMinute()))
        .replace("{ss}", String.format(Locale.ROOT, "%02d", d.getSecond()));
  }

  /**
   * The UTC time {@code name} encodes: a literal template must match the whole name, a name rule
   * is found anywhere in it. Null if it does not match or names no valid date; fields the template
   * lacks are the start of their period.
   */
  public Instant timeIn(String name) {
    Matcher m = pattern().matcher(name);
    return (literal ? m.matches() : m.find()) ? time(m) : null;
  }

  /**
   * The distinct names in {@code text} (an HTML index page) that this literal template matches whole,
   * in one pass, at most {@code max + 1} of them (so a caller sees that there were more than {@code
   * max}): a literal template's pattern has no repetition of variable length, so each position costs
   * at most the template's length (no backtracking), and duplicates go to a set.
   */
  public Set<String> namesIn(CharSequence text, int max) {
    Pattern whole = NAMES.computeIfAbsent(this,
        t -> Pattern.compile("(?<![\\w.-])" + t.pattern().pattern() + "(?![\\w.-])"));
    Matcher m = whole.matcher(text);
    Set<String> out = new LinkedHashSet<>();
    while (out.size() <= max && m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private Pattern pattern() {
    return PATTERNS.computeIfAbsent(this, t -> compile(t.text, t.literal));
  }

  private static Pattern compile(String template, boolean literal) {
    StringBuilder re = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    Set<String> used = new HashSet<>();
    while (m.find()) {
      String between = template.substring(last, m.start());
      re.append(literal ? Pattern.quote(between) : between);
      String name = m.group(1);
      String digits = "\\d{" + (name.equals("yyyy") ? 4 : 2) + "}";
      re.append(used.add(name) ? "(?<" + name + ">" + digits + ")" : digits);
      last = m.end();
    }
    String rest = template.substring(last);
    re.append(literal ? Pattern.quote(rest) : rest);
    return Pattern.compile(re.toString());
  }

  /** The time a name states, to the minute: seconds are checked but dropped, as imeteo-radar's keys have none. */
  private static Instant time(Matcher m) {
    try {
      return NominalTime.of(LocalDateTime.of(group(m, "yyyy", 1970), group(m, "MM", 1), group(m, "dd", 1),
          group(m, "HH", 0), group(m, "mm", 0), group(m, "ss", 0)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int group(Matcher m, String name, int fallback) {
    try {
      String v = m.group(name);
      return v == null ? fallback : Integer.parseInt(v);
    } catch (IllegalArgumentException e) {
      return fallback; // the template has no such placeholder
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
