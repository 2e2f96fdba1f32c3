package org.radarbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.radarbeam.composite.CompositeSettings;
import org.radarbeam.input.InputReader;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.ObjectStore;

/**
 * Groups frames by composite slot and makes each slot's composite (see {@link MergeSlotFn}): a
 * record of every object written (composites and members' own images) on {@link #WRITTEN}, a
 * failure record for every member that cannot be read on {@link #FAILED}. Slots spread over workers,
 * each of which holds one composite grid however many slots it makes.
 */
public final class MergeSlots extends PTransform<PCollection<KV<Long, FrameRef>>, PCollectionTuple> {
  public static final TupleTag<WrittenFrame> WRITTEN = new TupleTag<WrittenFrame>() {};
  public static final TupleTag<FailedFrame> FAILED = new TupleTag<FailedFrame>() {};

  private final Map<String, RadarSource> sources;
  private final RenderSettings settings;
  private final CompositeSettings composite;
  private final InputReader inputs;
  private final ObjectStore store;
  private final boolean overwrite;
  private final SkipExisting.Indexes indexes;
  private final boolean keepFailureRecords;

  public MergeSlots(Map<String, RadarSource> sources, RenderSettings settings, CompositeSettings composite,
      InputReader inputs, ObjectStore store, boolean overwrite) {
    this(sources, settings, composite, inputs, store, overwrite, null, false);
  }

  private MergeSlots(Map<String, RadarSource> sources, RenderSettings settings, CompositeSettings composite,
      InputReader inputs, ObjectStore store, boolean overwrite, SkipExisting.Indexes indexes,
      boolean keepFailureRecords) {
    this.sources = sources;
    this.settings = settings;
    this.composite = composite;
    this.inputs = inputs;
    this.store = store;
    this.overwrite = overwrite;
    this.indexes = indexes;
    this.keepFailureRecords = keepFailureRecords;
  }

  /**
   * The same transform, with the composite folder's indexes kept where {@code indexes} says: a slot whose
   * composite exists but is not listed there is passed on as written, so they are written again.
   */
  public MergeSlots keepingIndexes(SkipExisting.Indexes indexes) {
    return new MergeSlots(sources, settings, composite, inputs, store, overwrite, indexes, keepFailureRecords);
  }

  /**
   * The same transform, its failure records also kept in the metric {@link RadarMetrics#FAILURE_RECORDS}
   * (for a run with --timeout: see {@link FailureOutput}).
   */
  public MergeSlots keepingFailureRecords() {
    return new MergeSlots(sources, settings, composite, inputs, store, overwrite, indexes, true);
  }

  /** The coder of slotted frames: slot time in Unix seconds, frame. */
  public static KvCoder<Long, FrameRef> coder() {
    return KvCoder.of(VarLongCoder.of(), FrameRefCoder.of());
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<Long, FrameRef>> slotted) {
    return slotted
        .apply("GroupBySlot", GroupByKey.create())
        .apply("Merge", ParDo.of(new MergeSlotFn(sources, settings, composite, inputs, store, overwrite,
            new FailureOutput(FAILED, keepFailureRecords), indexes))
            .withOutputTags(WRITTEN, TupleTagList.of(FAILED)));
  }
}
