package org.radarbeam.source;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * Where and how a provider publishes its files: base URL, directory and file name templates
 * (UTC placeholders, {base} in the directory), how frames are discovered, and how late files appear.
 *
 * @param delayMinutes how long after its nominal time a file is expected to appear
 */
public record ProviderSpec(String base, TimeTemplate dir, TimeTemplate file, Discovery discovery, int delayMinutes)
    implements Serializable {

  public ProviderSpec {
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public ProviderSpec(String base, String dirTemplate, String fileTemplate, Discovery discovery, int delayMinutes) {
    this(base, TimeTemplate.literal(dirTemplate), TimeTemplate.literal(fileTemplate), discovery, delayMinutes);
  }

  public ProviderSpec withBase(String newBase) {
    return new ProviderSpec(newBase, dir, file, discovery, delayMinutes);
  }

  /** URL of the directory holding the file of nominal time {@code t}. */
  public String dirUrl(Instant t) {
    return dir.expand(t).replace("{base}", base);
  }

  /** URL of the file of nominal time {@code t}. */
  public String fileUrl(Instant t) {
    return dirUrl(t) + file.expand(t);
  }

  /** Nominal time of a file name that follows the template, or null. */
  public Instant timeOf(String fileName) {
    return file.timeIn(fileName);
  }

  /** The file names in an HTML index page that follow the template, at most {@code max + 1} of them. */
  public Set<String> fileNamesIn(CharSequence html, int max) {
    return file.namesIn(html, max);
  }
}
