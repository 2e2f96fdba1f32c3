package org.radarbeam.transforms;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.radarbeam.io.TooLargeException;
import org.radarbeam.output.ExtentIndex;
import org.radarbeam.output.FrameManifest;
import org.radarbeam.store.ObjectStore;

/**
 * What a folder's indexes hold, read once: its manifest (frames.json) and its source's extent index are
 * written from the frames a run writes, so a run stopped after its images and before its indexes leaves
 * images that no index lists, and a rerun that finds every image written would write none. A run that finds
 * them stale for a frame it would skip writes them again ({@link SkipExisting} renders the newest such frame
 * again; {@link MergeSlotFn} passes an existing composite on as written).
 *
 * @param manifest the manifest as logs name it
 * @param manifestProblem why the manifest cannot say which frames it lists (missing, or not one radarbeam
 *     wrote), or null
 * @param newestListed the newest frame the manifest lists, Unix seconds; null for none
 * @param extentProblem why the extent index is not usable (missing), or null
 */
record IndexCheck(String manifest, String manifestProblem, Long newestListed, String extentProblem) {

  /** Indexes that are never stale: a run without indexes to keep. */
  static final IndexCheck NONE = new IndexCheck("none", null, Long.MAX_VALUE, null);

  /**
   * Reads {@code folder}'s manifest from {@code images} (where {@code indexes} says manifests are written)
   * and whether {@code source}'s extent index exists; {@link #NONE} for null {@code indexes}.
   */
  static IndexCheck read(SkipExisting.Indexes indexes, ObjectStore images, String folder, String source)
      throws IOException {
    if (indexes == null) {
      return NONE;
    }
    String key = FrameManifest.key(folder);
    String manifestProblem = null;
    Long newestListed = Long.MAX_VALUE;
    if (indexes.manifests()) {
      try {
        newestListed = FrameManifest.newestListed(new String(images.read(key), StandardCharsets.UTF_8));
      } catch (FileNotFoundException e) {
        manifestProblem = images.describe(key) + " is missing";
      } catch (TooLargeException e) {
        manifestProblem = e.getMessage(); // not one radarbeam wrote: written again
      }
    }
    String extentKey = ExtentIndex.key(source);
    String extentProblem = indexes.data().exists(extentKey) ? null : indexes.data().describe(extentKey) + " is missing";
    return new IndexCheck(images.describe(key), manifestProblem, newestListed, extentProblem);
  }

  /**
   * What is wrong with the indexes for a folder whose newest written frame has time {@code newest}, or null
   * when nothing is: a manifest that is missing or does not list that frame, or a missing extent index.
   */
  String staleFor(long newest) {
    if (manifestProblem != null) {
      return manifestProblem;
    }
    if (newestListed == null || newestListed < newest) {
      return manifest + " lists frames up to "
          + (newestListed == null ? "none" : Instant.ofEpochSecond(newestListed)) + ", not the newest written, "
          + Instant.ofEpochSecond(newest);
    }
    return extentProblem;
  }
}
