package org.radarbeam.transforms;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's repairs of folders' indexes where a step finds images already written one by one rather
 * than through {@link SkipExisting} (a composite slot's members and the composite itself, a source keyed by
 * grid): each folder's indexes ({@link IndexCheck}) are read once, at its first image found written, and of
 * a folder whose indexes are stale for such an image one image is rendered again, once per folder: its
 * record has the folder's whole manifest written anew from a listing, and its extent index where missing.
 * Once per folder and DoFn instance, so once per worker thread that finds the folder stale: a mark shared by a
 * step's instances would outlive a failed attempt of a Flink job in its TaskManager (statics survive a
 * failover there), whose repair record died with it, and the folder would stay stale. Not thread-safe: one
 * per DoFn instance.
 */
final class IndexRepairs {
  private static final Logger LOG = LoggerFactory.getLogger(IndexRepairs.class);

  private final SkipExisting.Indexes indexes;
  private final ObjectStore store;
  private final Map<String, IndexCheck> checks = new HashMap<>();
  private final Set<String> repaired = new HashSet<>();

  /** @param indexes where the run keeps indexes; null for a run that writes none (nothing is ever stale) */
  IndexRepairs(SkipExisting.Indexes indexes, ObjectStore store) {
    this.indexes = indexes;
    this.store = store;
  }

  /**
   * What is wrong with the indexes of {@code folder} (whose extent index is {@code extent}'s) for its image of
   * time {@code time} already written, or null when nothing is or they cannot be read (then, for this worker,
   * they are written again only by a run that writes an image there). Read once per folder: they are written
   * only after every image.
   */
  String stale(String folder, String extent, long time) {
    try {
      IndexCheck check = checks.get(folder);
      if (check == null) {
        check = IndexCheck.read(indexes, store, folder, extent);
        checks.put(folder, check);
      }
      return check.staleFor(time);
    } catch (IOException e) {
      IndexCheck.unreadable(folder, e); // given up for this worker
      checks.put(folder, IndexCheck.NONE);
      return null;
    }
  }

  /**
   * Whether the image of time {@code time} already written in {@code folder} is to be rendered again because
   * the folder's indexes are stale for it (a run stopped after its images, before their indexes): true once
   * per folder, and logged.
   */
  boolean renderAgain(String folder, String extent, long time) {
    if (repaired.contains(folder)) {
      return false;
    }
    String stale = stale(folder, extent, time);
    if (stale == null) {
      return false;
    }
    repaired.add(folder);
    LOG.info("{}: {}; {} is rendered again to write it", folder, stale, OutputKeys.png(folder, time));
    return true;
  }
}
