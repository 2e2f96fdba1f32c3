package org.radarbeam.transforms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.radarbeam.composite.CompositeSettings;
import org.radarbeam.composite.SlotMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which frames make each composite slot. From files or a time range a slot is the frames
 * of one nominal time. For the newest slots ({@code latestSlots > 0}) frames of different sources
 * join a slot within a tolerance and stale sources are left out ({@link SlotMatcher}), which needs
 * every listed frame at once: the listing is small (a few frames per source). Frames in no slot
 * (with the newest slots: among the newest {@code latestSlots} of their source), and frames of
 * unknown time, go on {@link #LOOSE} to be rendered alone.
 */
public final class AssignSlots extends PTransform<PCollection<FrameRef>, PCollectionTuple> {
  public static final TupleTag<KV<Long, FrameRef>> SLOTTED = new TupleTag<KV<Long, FrameRef>>() {};
  public static final TupleTag<FrameRef> LOOSE = new TupleTag<FrameRef>() {};

  private final Set<String> sources;
  private final CompositeSettings composite;
  private final int latestSlots;

  /**
   * @param sources the requested sources
   * @param latestSlots the number of newest slots to match, 0 to slot frames by their exact time
   */
  public AssignSlots(Set<String> sources, CompositeSettings composite, int latestSlots) {
    this.sources = Set.copyOf(sources);
    this.composite = composite;
    this.latestSlots = latestSlots;
  }

  @Override
  public PCollectionTuple expand(PCollection<FrameRef> frames) {
    PCollectionTuple out;
    if (latestSlots == 0) {
      out = frames.apply("ByTime", ParDo.of(new ByTimeFn()).withOutputTags(SLOTTED, TupleTagList.of(LOOSE)));
    } else {
      out = frames
          .apply("All", WithKeys.of(0))
          .setCoder(KvCoder.of(VarIntCoder.of(), FrameRefCoder.of()))
          .apply("Together", GroupByKey.create())
          .apply("Match", ParDo.of(new MatchLatestFn(sources, composite, latestSlots))
              .withOutputTags(SLOTTED, TupleTagList.of(LOOSE)));
    }
    out.get(SLOTTED).setCoder(MergeSlots.coder());
    out.get(LOOSE).setCoder(FrameRefCoder.of());
    return out;
  }

  /** A frame's slot is its nominal time. */
  static final class ByTimeFn extends DoFn<FrameRef, KV<Long, FrameRef>> {
    @ProcessElement
    public void process(@Element FrameRef ref, MultiOutputReceiver out) {
      if (ref.nominalEpochSeconds() == null) {
        out.get(LOOSE).output(ref);
      } else {
        out.get(SLOTTED).output(KV.of(ref.nominalEpochSeconds(), ref));
      }
    }
  }

  /**
   * Matches the newest slots across sources; each source's newest frames outside them go on alone, and its
   * older ones, listed as candidates only, count as outside the run's window.
   */
  static final class MatchLatestFn extends DoFn<KV<Integer, Iterable<FrameRef>>, KV<Long, FrameRef>> {
    private static final Logger LOG = LoggerFactory.getLogger(AssignSlots.class);
    private final Counter outside = RadarMetrics.counter(RadarMetrics.OUTSIDE_WINDOW);
    private final Set<String> sources;
    private final CompositeSettings composite;
    private final int latestSlots;

    MatchLatestFn(Set<String> sources, CompositeSettings composite, int latestSlots) {
      this.sources = sources;
      this.composite = composite;
      this.latestSlots = latestSlots;
    }

    /**
     * The slot that writes each member's own image: a frame the matching put in several windows (a
     * tolerance of half a slot or more, a source off the 5-minute grid) is merged into each, and written
     * once, by the slot nearest its time (the newer of two as near).
     */
    static Map<String, Long> imageSlots(List<SlotMatcher.Slot> slots) {
      Map<String, Long> owner = new HashMap<>();
      for (SlotMatcher.Slot slot : slots) {
        for (SlotMatcher.Candidate c : slot.members().values()) {
          owner.merge(c.uri(), slot.epochSeconds(), (a, b) -> {
            long da = Math.abs(a - c.epochSeconds());
            long db = Math.abs(b - c.epochSeconds());
            return da != db ? (da < db ? a : b) : Math.max(a, b);
          });
        }
      }
      return owner;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<FrameRef>> all, MultiOutputReceiver out) {
      List<SlotMatcher.Candidate> listed = new ArrayList<>();
      for (FrameRef r : all.getValue()) {
        if (r.nominalEpochSeconds() == null) {
          out.get(LOOSE).output(r);
        } else {
          listed.add(new SlotMatcher.Candidate(r.source(), r.nominalEpochSeconds(), r.uri()));
        }
      }
      SlotMatcher.Result result = SlotMatcher.latest(sources, listed, composite.matching(latestSlots), Instant.now());
      result.outages().forEach((s, why) -> LOG.warn("composite: {} left out: {}", s, why));
      if (!result.dropped().isEmpty()) {
        LOG.info("composite: no slot has every source; {} left out of the slots", String.join(", ", result.dropped()));
      }
      if (result.reason() != null) {
        LOG.warn("composite: no slot matched: {}", result.reason());
        // the newest slot, skipped: so the summary says that no composite was made, and the log why
        RadarMetrics.counter(RadarMetrics.SLOTS_SKIPPED).inc();
        RadarMetrics.counter(RadarMetrics.SLOTS_SKIPPED, RadarMetrics.TOO_FEW_SOURCES).inc();
      }
      Set<String> used = new HashSet<>();
      Map<String, Long> imageSlot = imageSlots(result.slots());
      for (SlotMatcher.Slot slot : result.slots()) {
        LOG.info("composite slot {}: {}", slot.time(), new TreeSet<>(slot.members().keySet()));
        for (SlotMatcher.Candidate c : slot.members().values()) {
          FrameRef member = new FrameRef(c.source(), c.uri(), c.epochSeconds());
          out.get(SLOTTED).output(KV.of(slot.epochSeconds(),
              imageSlot.get(c.uri()) == slot.epochSeconds() ? member : member.withImageElsewhere()));
          used.add(c.uri());
        }
      }
      // alone: the newest latestSlots of each source, as without --composite (the older ones were listed
      // only as candidates for the slots)
      Map<String, List<SlotMatcher.Candidate>> bySource = new TreeMap<>();
      listed.forEach(c -> bySource.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c));
      for (List<SlotMatcher.Candidate> cs : bySource.values()) {
        cs.sort(Comparator.comparingLong(SlotMatcher.Candidate::epochSeconds).reversed());
        for (int i = 0; i < cs.size(); i++) {
          SlotMatcher.Candidate c = cs.get(i);
          if (used.contains(c.uri())) {
            continue;
          }
          if (i < latestSlots) {
            out.get(LOOSE).output(new FrameRef(c.source(), c.uri(), c.epochSeconds()));
          } else {
            // listed for the matching only: outside the run's newest slots, counted so the summary adds up
            outside.inc();
          }
        }
      }
    }
  }
}
