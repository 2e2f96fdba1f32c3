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
 * What a folder's indexes hold: its manifest (frames.json) and its source's extent index are written from
 * the frames a run writes, so a run stopped after its images and before its indexes leaves images that no
 * index lists, and a rerun that finds every image written would write none. A run that finds them stale
 * for a frame it would skip writes them again ({@link SkipExisting} renders the newest such frame again;
 * {@link MergeSlotFn} passes an existing composite on as written). The manifest is read once; the extent
 * index is looked for only when the manifest is in order, once.
 */
final class IndexCheck {
  /** Indexes that are never stale: a run without indexes to keep. */
  static final IndexCheck NONE = new IndexCheck(null, null, null, Long.MAX_VALUE, null);

  private final ObjectStore data;
  private final String manifest;
  private final String manifestProblem;
  private final Long newestListed;
  private final String extentKey;
  private String extentProblem;
  private boolean extentChecked;

  private IndexCheck(ObjectStore data, String manifest, String manifestProblem, Long newestListed, String extentKey) {
    this.data = data;
    this.manifest = manifest;
    this.manifestProblem = manifestProblem;
    this.newestListed = newestListed;
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
    Long newestListed = Long.MAX_VALUE;
    if (indexes.manifests()) {
      try {
        newestListed = FrameManifest.newestListed(new String(images.read(key), StandardCharsets.UTF_8));
      } catch (FileNotFoundException e) {
        problem = images.describe(key) + " is missing";
      } catch (TooLargeException e) {
        problem = e.getMessage(); // not one radarbeam wrote: written again
      }
    }
    return new IndexCheck(indexes.data(), images.describe(key), problem, newestListed, ExtentIndex.key(source));
  }

  /**
   * What is wrong with the indexes for a folder whose newest written frame has time {@code newest}, or null
   * when nothing is: a manifest that is missing or does not list that frame, or a missing extent index.
   */
  String staleFor(long newest) throws IOException {
    if (manifestProblem != null) {
      return manifestProblem;
    }
    if (newestListed == null || newestListed < newest) {
      return manifest + " lists frames up to " + (newestListed == null ? "none" : Instant.ofEpochSecond(newestListed))
          + ", not the newest written, " + Instant.ofEpochSecond(newest);
    }
    if (!extentChecked) {
      extentProblem = data.exists(extentKey) ? null : data.describe(extentKey) + " is missing";
      extentChecked = true;
    }
    return extentProblem;
  }
}
