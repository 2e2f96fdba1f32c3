package org.radarbeam.transforms;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops frames whose output already exists, before any input is downloaded, and makes one frame
 * per output key: files that share a key travel together, tried in order when rendered
 * ({@link SameKeyFrames}). Frames are grouped by output folder and {@linkplain #span time span} so
 * the store is asked once per span (on S3 one listing of the keys' common prefix; a local folder,
 * which cannot be listed by range, looks the keys up) and no task holds more than a span of a
 * folder however many years a run covers. With overwrite nothing is dropped but duplicates. Frames
 * whose time is unknown pass through. The indexes of a folder (its manifest, its source's extent
 * index) are written from the frames a run writes, so where they are missing or do not list an
 * existing frame they should (a run stopped after its images, before its indexes), the newest such
 * frame is rendered again.
 */
public final class SkipExisting extends PTransform<PCollection<FrameRef>, PCollection<FrameRef>> {
  private static final TupleTag<KV<String, FrameRef>> TIMED = new TupleTag<KV<String, FrameRef>>() {};
  private static final TupleTag<FrameRef> UNTIMED = new TupleTag<FrameRef>() {};

  private final Map<String, RadarSource> sources;
  private final ObjectStore store;
  private final boolean overwrite;
  private final Indexes indexes;

  /** Where the indexes built from written frames live, so a folder whose indexes are missing gets them again. */
  public record Indexes(ObjectStore data, int manifestFrames) implements Serializable {
    /** Whether manifests are written (--manifestFrames above 0). */
    boolean manifests() {
      return manifestFrames > 0;
    }
  }

  /**
   * @param indexes the stores of the folder's manifest and the source's extent index: when one is
   *     missing or the manifest misses an existing frame (a run stopped after its images, before them),
   *     the newest such frame is rendered again, which writes them; null to drop every existing frame
   */
  public SkipExisting(Map<String, RadarSource> sources, ObjectStore store, boolean overwrite, Indexes indexes) {
    this.sources = sources;
    this.store = store;
    this.overwrite = overwrite;
    this.indexes = indexes;
  }

  public SkipExisting(Map<String, RadarSource> sources, ObjectStore store, boolean overwrite) {
    this(sources, store, overwrite, null);
  }

  @Override
  public PCollection<FrameRef> expand(PCollection<FrameRef> frames) {
    PCollectionTuple split = frames.apply("BySpan", ParDo.of(new BySpanFn(sources))
        .withOutputTags(TIMED, TupleTagList.of(UNTIMED)));
    PCollection<FrameRef> kept = split.get(TIMED)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FrameRefCoder.of()))
        .apply("GroupBySpan", GroupByKey.create())
        .apply("DropExisting", ParDo.of(new DropExistingFn(sources, store, overwrite, indexes)));
    return PCollectionList.of(kept).and(split.get(UNTIMED).setCoder(FrameRefCoder.of()))
        .apply("All", Flatten.pCollections());
  }

  /** Seconds of one span: 10^6, about 11.6 days, so a span's keys are the folder's keys with one prefix. */
  static final long SPAN_SECONDS = 1_000_000L;

  /**
   * The span of a frame's key in {@code folder}: the folder and the key's time without its last six
   * digits ({@code germany/1763}), which is also the listing prefix of every key in the span. About
   * 3300 frames at 5-minute steps, a few MB for the group and the listing.
   */
  static String span(String folder, long nominalEpochSeconds) {
    return folder + "/" + nominalEpochSeconds / SPAN_SECONDS;
  }

  /** Keys timed frames by their output folder and span; frames of unknown time go on untouched. */
  private static final class BySpanFn extends DoFn<FrameRef, KV<String, FrameRef>> {
    private final Map<String, RadarSource> sources;

    BySpanFn(Map<String, RadarSource> sources) {
      this.sources = sources;
    }

    @ProcessElement
    public void process(@Element FrameRef ref, MultiOutputReceiver out) {
      if (ref.nominalEpochSeconds() == null) {
        out.get(UNTIMED).output(ref);
      } else {
        out.get(TIMED).output(KV.of(span(sources.get(ref.source()).folder(), ref.nominalEpochSeconds()), ref));
      }
    }
  }

  static final class DropExistingFn extends DoFn<KV<String, Iterable<FrameRef>>, FrameRef> {
    private static final Logger LOG = LoggerFactory.getLogger(SkipExisting.class);
    private final Map<String, RadarSource> sources;
    private final ObjectStore store;
    private final boolean overwrite;
    private final Indexes indexes;
    private final Counter duplicates = RadarMetrics.counter(RadarMetrics.DUPLICATES);

    DropExistingFn(Map<String, RadarSource> sources, ObjectStore store, boolean overwrite, Indexes indexes) {
      this.sources = sources;
      this.store = store;
      this.overwrite = overwrite;
      this.indexes = indexes;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<FrameRef>> group, OutputReceiver<FrameRef> out) throws IOException {
      List<FrameRef> refs = new ArrayList<>();
      group.getValue().forEach(refs::add);
      refs.sort(Comparator.comparing(FrameRef::uri));
      String folder = sources.get(refs.get(0).source()).folder(); // one folder per span
      Map<String, List<FrameRef>> byKey = new LinkedHashMap<>();
      for (FrameRef r : refs) {
        byKey.computeIfAbsent(OutputKeys.png(folder, r.nominalEpochSeconds()), k -> new ArrayList<>()).add(r);
      }
      // a source keyed by grid learns its keys only from the files: rendering checks them
      boolean byGrid = sources.get(refs.get(0).source()).keysByGrid();
      TreeSet<String> existing = overwrite || byGrid ? new TreeSet<>()
          : new TreeSet<>(store.existing(commonPrefix(byKey.keySet()), byKey.keySet()));
      // the newest frame the folder's indexes miss, if any, is rendered again, which writes them again
      try {
        IndexCheck check = existing.isEmpty() ? IndexCheck.NONE
            : IndexCheck.read(indexes, store, folder, refs.get(0).source());
        for (String key : existing.descendingSet()) { // keys of one span sort by time
          String stale = check.staleFor(byKey.get(key).get(0).nominalEpochSeconds());
          if (stale != null) {
            existing.remove(key);
            LOG.info("{}: {}; {} is rendered again to write it", folder, stale, key);
            break;
          }
        }
      } catch (IOException e) {
        IndexCheck.unreadable(folder, e);
      }
      for (Map.Entry<String, List<FrameRef>> e : byKey.entrySet()) {
        List<FrameRef> same = e.getValue();
        FrameRef first = same.get(0);
        if (existing.contains(e.getKey())) {
          RadarMetrics.skipped(first.source(), first.nominalEpochSeconds());
          duplicates.inc(same.size() - 1);
        } else if (same.size() == 1) {
          out.output(first);
        } else {
          LOG.info("{}: {} files share {}: the first of them that can be rendered is used", first.source(), same.size(),
              e.getKey());
          out.output(FrameRef.sameKey(same));
        }
      }
      if (!existing.isEmpty()) {
        LOG.info("{}: {} of {} frame(s) already written, skipped", folder, existing.size(), byKey.size());
      }
    }

    static String commonPrefix(Collection<String> keys) {
      String p = null;
      for (String k : keys) {
        if (p == null) {
          p = k;
        } else {
          int i = 0;
          while (i < p.length() && i < k.length() && p.charAt(i) == k.charAt(i)) {
            i++;
          }
          p = p.substring(0, i);
        }
      }
      return p == null ? "" : p;
    }
  }
}
