package org.radarbeam.transforms;

import java.time.Instant;
import org.radarbeam.input.InputFiles;
import org.radarbeam.source.RadarSource;

/**
 * The time a frame was listed under against the time its file states. A file whose name carries no
 * time (ARSO's one file, replaced every 10-15 minutes) is listed under the time its header had then;
 * when the file read later states another, the provider replaced it in between, and the bytes are
 * those of the other time.
 */
final class ListedTime {
  private ListedTime() {}

  /** Whether {@code ref}, listed under a time from its content, now states {@code fileTime} instead. */
  static boolean changed(RadarSource source, FrameRef ref, Instant fileTime) {
    return ref.nominalEpochSeconds() != null && fileTime != null
        && source.timeFromName(InputFiles.fileName(ref.uri())) == null
        && fileTime.getEpochSecond() != ref.nominalEpochSeconds();
  }

  /** The one-line reason of a frame that {@link #changed}. */
  static String reason(FrameRef ref, Instant fileTime) {
    return "replaced by the provider since it was listed: it named " + Instant.ofEpochSecond(ref.nominalEpochSeconds())
        + " then and names " + fileTime + " now";
  }
}
