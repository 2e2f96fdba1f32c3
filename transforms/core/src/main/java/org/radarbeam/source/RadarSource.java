package org.radarbeam.source;

import java.io.Serializable;
import java.time.Instant;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.palette.Scaling;

/**
 * Everything about one radar source, in one record: its id, the output folder, the input format,
 * the scaling assumed when a file leaves attributes out, how archived files name their nominal
 * time, and where its provider publishes (null for sources read from files only).
 *
 * @param nameTime the nominal UTC time in an archived file's name; null if names carry none (the
 *     time then comes from the file itself)
 */
public record RadarSource(String id, String folder, InputFormat format, Scaling scaling, TimeTemplate nameTime,
    ProviderSpec provider) implements Serializable {

  /** Nominal UTC time encoded in {@code fileName} by this source's naming rule, or null. */
  public Instant timeFromName(String fileName) {
    return nameTime == null ? null : nameTime.timeIn(fileName);
  }

  public RadarSource withFolder(String newFolder) {
    return new RadarSource(id, newFolder, format, scaling, nameTime, provider);
  }

  /** The same source downloaded from {@code base} instead (a mirror, a test server). */
  public RadarSource withProviderBase(String base) {
    return new RadarSource(id, folder, format, scaling, nameTime, provider.withBase(base));
  }
}
