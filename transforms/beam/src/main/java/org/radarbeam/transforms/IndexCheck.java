package org.radarbeam.transforms;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeSet;
import org.radarbeam.io.TooLargeException;
import org.radarbeam.output.ExtentIndex;
import org.radarbeam.output.FrameManifest;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a folder's indexes hold: its manifest (frames.json) and its source's extent index are written from
 * the frames a run writes, so a run stopped after its images and before its indexes leaves images that no
 * index lists, and a rerun that finds every image written would write none. A run that finds them stale
 * for a frame it would skip writes them again ({@link SkipExisting} renders such a frame again;
 * {@link MergeSlotFn} passes an existing composite on as written, and renders a member's own image
 * again). The manifest is read once; the extent index is looked for only when the manifest is in
 * order, once.
 */
final class IndexCheck {
  private static final Logger LOG = LoggerFactory.getLogger(IndexCheck.class);

  /** Indexes that are never stale: a run without indexes to keep. */
  static final IndexCheck NONE = new IndexCheck(null, null, null, null, 0, null);

  private final ObjectStore data;
  private final String manifest;
  private final String manifestProblem;
  private final TreeSet<Long> listed;
  /** The most frames the manifest lists: the smaller of its own limit and this run's. */
  private final int limit;
  private final String extentKey;
  private String extentProblem;
  private boolean extentChecked;

  private IndexCheck(ObjectStore data, String manifest, String manifestProblem, TreeSet<Long> listed,
      int limit, String extentKey) {
    this.data = data;
    this.manifest = manifest;
    this.manifestProblem = manifestProblem;
    this.listed = listed;
    this.limit = limit;
    this.extentKey = extentKey;
    this.extentChecked = data == null;
  }

  /**
   * Reads {@code folder}'s manifest from {@code images}, where {@code indexes} says manifests are written;
   * {@link #NONE} for null {@code indexes}.
   */
  static IndexCheck read(SkipExisting.Indexes indexes, ObjectStore images, String folder, String source)
      throws IOException {
    if (indexes == null) {
      return NONE;
    }
    String key = FrameManifest.key(folder);
    String problem = null;
    TreeSet<Long> listed = null;
    int limit = indexes.manifestFrames();
    if (indexes.manifests()) {
      try {
        String text = new String(images.read(key), StandardCharsets.UTF_8);
        listed = FrameManifest.listed(text);
        // one written with a smaller --manifestFrames (another run into this output) is full at its own limit
        Integer own = FrameManifest.limit(text);
        limit = own == null ? limit : Math.min(limit, own);
      } catch (FileNotFoundException e) {
        problem = images.describe(key) + " is missing";
      } catch (TooLargeException e) {
        problem = e.getMessage(); // not one radarbeam wrote: written again
      }
    }
    return new IndexCheck(indexes.data(), images.describe(key), problem, listed, limit, ExtentIndex.key(source));
  }

  /**
   * Says that {@code folder}'s indexes cannot be read ({@code e}) where images are found written: they are
   * skipped as they are, and only the repair of the indexes is given up.
   */
  static void unreadable(String folder, IOException e) {
    LOG.warn("{}: the folder's indexes cannot be checked ({}); they are written again only by a run that writes"
        + " an image there", folder, e.getMessage());
  }

  /**
   * What is wrong with the indexes for a written frame of time {@code time}, or null when nothing is: a
   * manifest that is missing or does not list the frame where it should (it lists the folder's newest
   * frames, as many as it may: a frame not listed is stale when the manifest is not full, at the smaller of
   * its own limit and this run's, or lists an older one), or a missing extent index.
   */
  String staleFor(long time) throws IOException {
    if (manifestProblem != null) {
      return manifestProblem;
    }
    if (listed != null && !listed.contains(time) && (listed.size() < limit || listed.isEmpty() || listed.first() < time)) {
      return manifest + " does not list " + Instant.ofEpochSecond(time) + ", one of the folder's newest "
          + limit + " frames (it lists " + listed.size() + ")";
    }
    if (!extentChecked) {
      extentProblem = data.exists(extentKey) ? null : data.describe(extentKey) + " is missing";
      extentChecked = true;
    }
    return extentProblem;
  }
}
