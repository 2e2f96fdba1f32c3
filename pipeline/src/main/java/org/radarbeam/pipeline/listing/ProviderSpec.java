package org.radarbeam.pipeline.listing;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how a provider publishes its files: base URL, directory and file name templates
 * with {yyyy} {MM} {dd} {HH} {mm} {ss} placeholders (UTC), how frames are discovered, and how
 * late files appear.
 */
public final class ProviderSpec implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(yyyy|MM|dd|HH|mm|ss)\\}");

  private final String source;
  private final String base;
  private final String dirTemplate;
  private final String fileTemplate;
  private final Discovery discovery;
  private final int delayMinutes;
  private final boolean rejectHtml;
  private final boolean insecureTls;
  private transient Pattern filePattern;

  public ProviderSpec(String source, String base, String dirTemplate, String fileTemplate, Discovery discovery,
      int delayMinutes, boolean rejectHtml, boolean insecureTls) {
    this.source = source;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.dirTemplate = dirTemplate;
    this.fileTemplate = fileTemplate;
    this.discovery = discovery;
    this.delayMinutes = delayMinutes;
    this.rejectHtml = rejectHtml;
    this.insecureTls = insecureTls;
  }

  public ProviderSpec withBase(String newBase) {
    return new ProviderSpec(source, newBase, dirTemplate, fileTemplate, discovery, delayMinutes, rejectHtml, insecureTls);
  }

  public String source() {
    return source;
  }

  public String base() {
    return base;
  }

  public String host() {
    return URI.create(base).getHost();
  }

  public Discovery discovery() {
    return discovery;
  }

  /** How long after its nominal time a file is expected to appear. */
  public int delayMinutes() {
    return delayMinutes;
  }

  /** A HEAD answer of type text/html means "not there" (the provider answers errors with pages). */
  public boolean rejectHtml() {
    return rejectHtml;
  }

  public boolean insecureTls() {
    return insecureTls;
  }

  /** URL of the directory holding the file of nominal time {@code t}. */
  public String dirUrl(Instant t) {
    return expand(dirTemplate.replace("{base}", base), t);
  }

  /** URL of the file of nominal time {@code t}. */
  public String fileUrl(Instant t) {
    return dirUrl(t) + expand(fileTemplate, t);
  }

  /** Nominal time of a file name that follows the template, or null. */
  public Instant timeOf(String fileName) {
    if (filePattern == null) {
      filePattern = compile(fileTemplate);
    }
    Matcher m = filePattern.matcher(fileName);
    if (!m.matches()) {
      return null;
    }
    int year = group(m, "yyyy", 1970);
    int month = group(m, "MM", 1);
    int day = group(m, "dd", 1);
    int hour = group(m, "HH", 0);
    int minute = group(m, "mm", 0);
    int second = group(m, "ss", 0);
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** All file names in an HTML index page that follow the template. */
  public List<String> fileNamesIn(String html) {
    if (filePattern == null) {
      filePattern = compile(fileTemplate);
    }
    String core = filePattern.pattern().substring(1, filePattern.pattern().length() - 1); // drop ^ $
    Matcher m = Pattern.compile("(?<![\\w.-])" + core + "(?![\\w.-])").matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      String name = m.group();
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private static int group(Matcher m, String name, int fallback) {
    try {
      String v = m.group(name);
      return v == null ? fallback : Integer.parseInt(v);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  static String expand(String template, Instant t) {
    LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    return template.replace("{yyyy}", String.format("%04d", d.getYear()))
        .replace("{MM}", String.format("%02d", d.getMonthValue()))
        .replace("{dd}", String.format("%02d", d.getDayOfMonth()))
        .replace("{HH}", String.format("%02d", d.getHour()))
        .replace("{mm}", String.format("%02d", d.getMinute()))
        .replace("{ss}", String.format("%02d", d.getSecond()));
  }

  private static Pattern compile(String template) {
    StringBuilder re = new StringBuilder("^");
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    java.util.Set<String> used = new java.util.HashSet<>();
    while (m.find()) {
      re.append(Pattern.quote(template.substring(last, m.start())));
      String name = m.group(1);
      int digits = name.equals("yyyy") ? 4 : 2;
      re.append(used.add(name) ? "(?<" + name + ">\\d{" + digits + "})" : "\\d{" + digits + "}");
      last = m.end();
    }
    re.append(Pattern.quote(template.substring(last))).append('$');
    return Pattern.compile(re.toString());
  }
}
