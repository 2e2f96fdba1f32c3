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
 * @param identity what the source's grids look like; null where any grid is accepted (files of any
 *     composite)
 */
public record RadarSource(String id, String folder, InputFormat format, Scaling scaling, TimeTemplate nameTime,
    ProviderSpec provider, SourceIdentity identity) implements Serializable {

  /** A source that accepts any grid. */
  public RadarSource(String id, String folder, InputFormat format, Scaling scaling, TimeTemplate nameTime,
      ProviderSpec provider) {
    this(id, folder, format, scaling, nameTime, provider, null);
  }

  /**
   * Whether outputs are keyed by grid as well as time: a source that accepts any grid (files of
   * any composite) gets one folder and one extent per grid, so two areas never share either.
   */
  public boolean keysByGrid() {
    return identity == null;
  }

  /** Why a frame on {@code grid} is not this source's, or null if it may be. */
  public String notOurs(org.radarbeam.geo.GridGeometry grid) {
    return identity == null ? null : identity.mismatch(id, grid);
  }

  /** Nominal UTC time encoded in {@code fileName} by this source's naming rule, or null. */
  public Instant timeFromName(String fileName) {
    return nameTime == null ? null : nameTime.timeIn(fileName);
  }

  public RadarSource withFolder(String newFolder) {
    return new RadarSource(id, newFolder, format, scaling, nameTime, provider, identity);
  }

  /** The same source downloaded from {@code base} instead (a mirror, a test server). */
  public RadarSource withProviderBase(String base) {
    return new RadarSource(id, folder, format, scaling, nameTime, provider.withBase(base), identity);
  }
}
