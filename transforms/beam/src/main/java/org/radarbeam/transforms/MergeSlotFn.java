package org.radarbeam.transforms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.radarbeam.composite.CompositeGrid;
import org.radarbeam.composite.CompositeGrids;
import org.radarbeam.composite.CompositeSettings;
import org.radarbeam.composite.SlotComposite;
import org.radarbeam.geo.GridResample;
import org.radarbeam.geo.WebMercatorGrid;
import org.radarbeam.http.Redaction;
import org.radarbeam.input.InputReader;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.render.RenderSlots;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one composite slot: its members are read and decoded one at a time, each written as its
 * own image where that is missing, and merged into one grid of the JVM's {@link CompositeGrids};
 * then the composite is encoded and written. Each member is downloaded without a render slot and
 * decoded, merged and written in one, as in {@link RenderFrameFn}; the composite is encoded in one.
 * A slot whose composite exists, or that has too few core sources, is skipped (its members' own
 * images are still written); a member that fails becomes a failure record and the slot is written
 * if enough core sources remain. A member not fetched because the run's time for requests was up
 * leaves it and the members after it, and the slot, to the next run.
 */
final class MergeSlotFn extends DoFn<KV<Long, Iterable<FrameRef>>, WrittenFrame> {
  private static final Logger LOG = LoggerFactory.getLogger(MergeSlotFn.class);

  private final Map<String, RadarSource> sources;
  private final RenderSettings settings;
  private final CompositeSettings composite;
  private final InputReader inputs;
  private final ObjectStore store;
  private final boolean overwrite;
  private final FailureOutput failed;
  private final SkipExisting.Indexes indexes;
  /**
   * The JVM's render slots and composite grids: shared by every step that builds grids, so their bound
   * holds across steps.
   */
  private transient RenderSlots slots;
  private transient CompositeGrids grids;
  /** The indexes of the composite folder and the members' folders, each read at its first image that exists. */
  private transient IndexRepairs repairs;
  private transient WritesInARow writes;
  /** Slots whose existing composite was passed on for the indexes: the first is logged, the rest counted. */
  private transient int reindexed;

  MergeSlotFn(Map<String, RadarSource> sources, RenderSettings settings, CompositeSettings composite,
      InputReader inputs, ObjectStore store, boolean overwrite, FailureOutput failed, SkipExisting.Indexes indexes) {
    this.sources = sources;
    this.settings = settings;
    this.composite = composite;
    this.inputs = inputs;
    this.store = store;
    this.overwrite = overwrite;
    this.failed = failed;
    this.indexes = indexes;
  }

  @Setup
  public void setup() {
    slots = RenderSlots.shared();
    grids = CompositeGrids.shared();
    repairs = new IndexRepairs(indexes, store);
    writes = new WritesInARow();
  }

  @ProcessElement
  public void process(@Element KV<Long, Iterable<FrameRef>> slot, MultiOutputReceiver out) throws IOException {
    long time = slot.getKey();
    List<FrameRef> members = onePerSource(slot.getValue());
    String key = OutputKeys.png(CompositeGrid.FOLDER, time);
    String skip = null;
    long core = members.stream().filter(m -> composite.isCore(m.source())).count();
    if (!overwrite && store.exists(key)) {
      skip = RadarMetrics.SLOT_EXISTS;
      reindex(time, key, out);
    } else if (core < composite.minCoreSources()) {
      skip = RadarMetrics.TOO_FEW_SOURCES;
      LOG.info("composite {}: {} core source(s) of {} needed ({}), not written", time, core,
          composite.minCoreSources(), names(members));
    }
    // taken before any render slot and given back after: see CompositeGrids
    SlotComposite grid = skip == null ? grids.take(composite.resolutionMetres()) : null;
    try {
      List<String> merged = new ArrayList<>();
      int mergedCore = 0;
      boolean failedMember = false;
      SlotComposite mergeInto = grid;
      for (FrameRef m : members) {
        Member outcome;
        try {
          outcome = member(m, mergeInto, out);
        } catch (LeftForNextRun e) {
          // the slot is the next run's; the other members' own images are still written where they can be
          LOG.info("composite {}: left for the next run: {}", time, e.getMessage());
          skip = skip == null ? RadarMetrics.TIME_UP : skip;
          mergeInto = null;
          continue;
        }
        if (outcome == Member.MERGED) {
          merged.add(m.source());
          mergedCore += composite.isCore(m.source()) ? 1 : 0;
        }
        failedMember |= outcome == Member.FAILED;
      }
      if (skip == null && mergedCore < composite.minCoreSources()) {
        // a member whose file now names another time is no failure: the slot says which it was
        skip = failedMember ? RadarMetrics.MEMBER_FAILED : RadarMetrics.MEMBER_REPLACED;
        LOG.warn("composite {}: only {} core source(s) could be merged ({}), {} needed: not written", time,
            mergedCore, String.join(", ", merged), composite.minCoreSources());
      }
      if (skip != null) {
        RadarMetrics.counter(RadarMetrics.SLOTS_SKIPPED).inc();
        RadarMetrics.counter(RadarMetrics.SLOTS_SKIPPED, skip).inc();
        return;
      }
      try {
        write(time, key, grid, merged, out);
        writes.written();
      } catch (IOException e) {
        ImageWrites.throwIfStopped(e, store, key);
        // as for a frame's image: one composite the store will not take costs its slot, not the run
        writes.refused(e);
        LOG.error("composite {}: {}; the next run makes it", time, e.getMessage());
        RadarMetrics.counter(RadarMetrics.SLOTS_SKIPPED).inc();
        RadarMetrics.counter(RadarMetrics.SLOTS_SKIPPED, RadarMetrics.WRITE_FAILED).inc();
      }
    } finally {
      if (grid != null) {
        grids.give(grid);
      }
    }
  }

  /**
   * Encodes and writes the scaled variants of the composite in {@code grid}, then the composite: the
   * image last, as skip-existing looks for it alone (see {@link ImageWrites#image}).
   */
  private void write(long time, String key, SlotComposite grid, List<String> merged, MultiOutputReceiver out)
      throws IOException {
    long start = System.nanoTime();
    int size;
    try (RenderSlots.Slot encoding = slots.take()) {
      IndexedPngWriter png = encoding.renderer(settings).png();
      for (int metres : settings.variants()) {
        if (metres <= Math.max(grid.grid().resX(), grid.grid().resY())) {
          continue; // not coarser than the composite itself
        }
        WebMercatorGrid scaled = grid.grid().atResolution(metres);
        ImageWrites.write(store, OutputKeys.variant(key, metres), png.encode(GridResample.nearest(grid.cells(),
            grid.grid().width(), grid.grid().height(), scaled.width(), scaled.height()), scaled.width(), scaled.height()));
      }
      size = ImageWrites.write(store, key, png.encode(grid.cells(), grid.grid().width(), grid.grid().height()));
    }
    RadarMetrics.counter(RadarMetrics.COMPOSITES).inc();
    RadarMetrics.sawFrame(CompositeGrid.FOLDER, time);
    LOG.info("composite {} of {} -> {} ({}x{}, {} bytes, encoded in {} ms)", time, String.join(", ", merged),
        store.describe(key), grid.grid().width(), grid.grid().height(), size, (System.nanoTime() - start) / 1_000_000);
    out.get(MergeSlots.WRITTEN).output(new WrittenFrame(CompositeGrid.FOLDER, "composite of " + String.join(",", merged),
        key, time, grid.grid().width(), grid.grid().height(), size, CompositeGrid.bounds()));
  }

  /**
   * Passes the existing composite of slot {@code time} on as written where the composite folder's indexes do
   * not list it (a run stopped after its composites, before their indexes): its manifest and extent index are
   * then written again from it, as for a composite this run made. Nothing is read or written here; the
   * indexes are read once per worker, since they are written only after every slot.
   */
  private void reindex(long time, String key, MultiOutputReceiver out) {
    String stale = repairs.stale(CompositeGrid.FOLDER, CompositeGrid.FOLDER, time);
    if (stale != null) {
      if (reindexed++ == 0) {
        LOG.info("composite {}: {}; its indexes are written again", time, stale);
      } else {
        LOG.debug("composite {}: {}; its indexes are written again", time, stale);
      }
      WebMercatorGrid grid = CompositeGrid.at(composite.resolutionMetres());
      out.get(MergeSlots.WRITTEN).output(new WrittenFrame(CompositeGrid.FOLDER, "existing composite", key, time,
          grid.width(), grid.height(), 0, CompositeGrid.bounds()));
    }
  }

  /**
   * Counts a member whose own image exists as skipped, and its other same-key files, when it is not read
   * here, as duplicates, as skip-existing counts them (a member read for the merge has them counted by
   * {@link SameKeyFrames#first}). Not called for one whose read failed: its files are failure records.
   */
  private static void countSkipped(FrameRef m, boolean skipped, boolean read) {
    if (!skipped) {
      return;
    }
    RadarMetrics.skipped(m.source(), m.nominalEpochSeconds());
    if (!read && m.candidates().size() > 1) {
      RadarMetrics.counter(RadarMetrics.DUPLICATES).inc(m.candidates().size() - 1);
    }
  }

  /** What became of a slot's member. */
  private enum Member { MERGED, NOT_MERGED, FAILED, REPLACED }

  /**
   * Writes member {@code m}'s own image where wanted and missing, and merges it into {@code grid}
   * unless that is null.
   */
  private Member member(FrameRef m, SlotComposite grid, MultiOutputReceiver out) throws IOException {
    boolean merge = grid != null;
    RadarSource source = sources.get(m.source());
    String key = OutputKeys.png(source.folder(), m.nominalEpochSeconds());
    boolean ownImage = composite.individual() && !m.imageElsewhere();
    // a member image written already is rendered again where its folder's indexes miss it, as SkipExisting does
    boolean image = ownImage && (overwrite || !store.exists(key)
        || repairs.renderAgain(source.folder(), source.id(), m.nominalEpochSeconds()));
    boolean skipped = ownImage && !image;
    if (!image && !merge) {
      countSkipped(m, skipped, false);
      return Member.NOT_MERGED;
    }
    long start = System.nanoTime();
    SameKeyFrames.Chosen<RenderSlots.Decoding> c;
    try {
      c = SameKeyFrames.first(m, f -> slots.decode(inputs.read(f.uri(), ReusableBuffer.ofThisThread()), settings, source),
          out, failed);
    } catch (LeftForNextRun e) {
      if (image) {
        RadarMetrics.left(m.source(), m.candidates().size()); // its files are counted nowhere else
      }
      countSkipped(m, skipped, false);
      throw e;
    }
    if (c == null) {
      return Member.FAILED;
    }
    try (RenderSlots.Decoding decoding = c.value()) {
      FrameRenderer.Decoded d = decoding.frame();
      if (ListedTime.changed(source, c.ref(), d.nominalTime())) {
        // its bytes are another slot's: not merged here, and its own image goes under the time it names, as a
        // single image's does (a provider that replaced its file is no failure)
        long named = d.nominalTime().getEpochSecond();
        String namedKey = OutputKeys.png(source.folder(), named);
        LOG.info("{}: {}; not merged into {}, its own image is written under the time it names",
            Redaction.redact(c.ref().uri()), ListedTime.reason(c.ref(), d.nominalTime()), m.nominalEpochSeconds());
        if (ownImage && !overwrite && store.exists(namedKey)) { // else the slot that owns its image writes it
          RadarMetrics.skipped(m.source(), named);
        } else if (ownImage) {
          ImageWrites.imageOrFailure(store, c.ref(), namedKey, named, decoding, settings.variants(), start,
              MergeSlots.WRITTEN, failed, writes, out);
        }
        return Member.REPLACED;
      }
      try {
        if (merge && !grid.add(d.indices(), d.geometry(), d.width(), d.height())) {
          LOG.info("{}: its grid lies outside the composite", Redaction.redact(c.ref().uri()));
        }
      } catch (RuntimeException e) {
        failed.emit(FrameFailures.of(c.ref(), e), out);
        return Member.FAILED;
      }
      // counted here, once: a replaced file counts under the time it names, a failed merge as a failure
      countSkipped(m, skipped, true);
      if (image) {
        ImageWrites.imageOrFailure(store, c.ref(), key, m.nominalEpochSeconds(), decoding, settings.variants(), start,
            MergeSlots.WRITTEN, failed, writes, out);
      } else if (merge) {
        // its newest frame is in the composite: the summary's data latency of the source, without own images too
        RadarMetrics.sawFrame(m.source(), m.nominalEpochSeconds());
      }
    }
    return merge ? Member.MERGED : Member.NOT_MERGED;
  }

  /**
   * One frame per source, in source order; a source's same-slot files travel as one frame with
   * alternates, tried in uri order (the same rule as for same-key frames).
   */
  private static List<FrameRef> onePerSource(Iterable<FrameRef> refs) {
    Map<String, List<FrameRef>> bySource = new TreeMap<>();
    for (FrameRef r : refs) {
      bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r);
    }
    List<FrameRef> out = new ArrayList<>();
    for (List<FrameRef> same : bySource.values()) {
      same.sort(Comparator.comparing(FrameRef::uri));
      out.add(FrameRef.sameKey(same));
    }
    return out;
  }

  private static String names(List<FrameRef> members) {
    return members.isEmpty() ? "none" : String.join(", ", members.stream().map(FrameRef::source).toList());
  }
}
