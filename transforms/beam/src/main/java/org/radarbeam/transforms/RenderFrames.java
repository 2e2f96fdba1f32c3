package org.radarbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.radarbeam.input.InputReader;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.store.ObjectStore;

/**
 * Renders frames and writes each PNG under its key ({folder}/{unix}.png, all or nothing): a record
 * of each frame written on {@link #WRITTEN}, and a failure record with a one-line reason on
 * {@link #FAILED} for every input that cannot be rendered (the failsafe shape: nothing is dropped
 * and no bad input fails the bundle). The PNG is written by the worker that made it, from its
 * buffer, so no PNG waits in memory between steps.
 */
public final class RenderFrames extends PTransform<PCollection<FrameRef>, PCollectionTuple> {
  public static final TupleTag<WrittenFrame> WRITTEN = new TupleTag<WrittenFrame>() {};
  public static final TupleTag<FailedFrame> FAILED = new TupleTag<FailedFrame>() {};

  private final Map<String, RadarSource> sources;
  private final RenderSettings settings;
  private final InputReader inputs;
  private final ObjectStore store;
  private final boolean overwrite;
  private final boolean keepFailureRecords;
  private final TimeWindow window;
  private final SkipExisting.Indexes indexes;

  /** @param overwrite whether outputs that exist are written again (for keys known only after reading) */
  public RenderFrames(Map<String, RadarSource> sources, RenderSettings settings, InputReader inputs, ObjectStore store,
      boolean overwrite) {
    this(sources, settings, inputs, store, overwrite, false, null, null);
  }

  private RenderFrames(Map<String, RadarSource> sources, RenderSettings settings, InputReader inputs,
      ObjectStore store, boolean overwrite, boolean keepFailureRecords, TimeWindow window,
      SkipExisting.Indexes indexes) {
    this.sources = sources;
    this.settings = settings;
    this.inputs = inputs;
    this.store = store;
    this.overwrite = overwrite;
    this.keepFailureRecords = keepFailureRecords;
    this.window = window;
    this.indexes = indexes;
  }

  /**
   * The same transform, its failure records also kept in the metric {@link RadarMetrics#FAILURE_RECORDS}
   * (for a run that can be cut short: see {@link FailureOutput}).
   */
  public RenderFrames keepingFailureRecords() {
    return new RenderFrames(sources, settings, inputs, store, overwrite, true, window, indexes);
  }

  /**
   * The same transform, a frame whose time is learnt only from its file at render (its file could not
   * be read when it was listed) left out, as {@link KeepInWindowFn} would have, when outside {@code window}.
   */
  public RenderFrames within(TimeWindow window) {
    return new RenderFrames(sources, settings, inputs, store, overwrite, keepFailureRecords, window, indexes);
  }

  /**
   * The same transform, the indexes in {@code indexes} repaired where it finds an image written already that
   * its folder's indexes miss, for keys {@link SkipExisting} could not check (a source keyed by grid, whose
   * keys are known only once a file is read; a frame timed only by its file): that image is rendered again,
   * once per folder and worker.
   */
  public RenderFrames repairingIndexes(SkipExisting.Indexes indexes) {
    return new RenderFrames(sources, settings, inputs, store, overwrite, keepFailureRecords, window, indexes);
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameRef> input) {
    return input.apply("Render", ParDo.of(new RenderFrameFn(sources, settings, inputs, store, overwrite,
            window, indexes, new FailureOutput(FAILED, keepFailureRecords)))
        .withOutputTags(WRITTEN, TupleTagList.of(FAILED)));
  }
}
