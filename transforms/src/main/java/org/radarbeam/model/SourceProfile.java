package org.radarbeam.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.Scaling;

/**
 * One radar source as the pipeline needs it: its id, the output folder, how its files name their
 * nominal time, and how its files are scaled when they leave attributes out.
 */
public final class SourceProfile implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final String id;
  private final String folder;
  private final InputFormat format;
  private final String timeInName;
  private final Scaling scaling;
  private transient Pattern pattern;

  /**
   * @param timeInName regex whose group 1 is the nominal UTC time in the file name, as
   *     yyyyMMddHHmm[ss] possibly with one '_' between date and time; null if names carry none
   */
  public SourceProfile(String id, String folder, InputFormat format, String timeInName, Scaling scaling) {
    this.id = id;
    this.folder = folder;
    this.format = format;
    this.timeInName = timeInName;
    this.scaling = scaling;
  }

  public String id() {
    return id;
  }

  public String folder() {
    return folder;
  }

  public InputFormat format() {
    return format;
  }

  public Scaling scaling() {
    return scaling;
  }

  public SourceProfile withFolder(String newFolder) {
    return new SourceProfile(id, newFolder, format, timeInName, scaling);
  }

  /** Nominal UTC time encoded in {@code fileName} by this source's naming rule, or null. */
  public Instant timeFromName(String fileName) {
    if (timeInName == null) {
      return null;
    }
    if (pattern == null) {
      pattern = Pattern.compile(timeInName);
    }
    Matcher m = pattern.matcher(fileName);
    if (!m.find()) {
      return null;
    }
    String digits = m.group(1).replace("_", "");
    if (digits.length() == 12) {
      digits = digits + "00";
    }
    if (digits.length() != 14) {
      return null;
    }
    try {
      return LocalDateTime.parse(digits, STAMP).toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
