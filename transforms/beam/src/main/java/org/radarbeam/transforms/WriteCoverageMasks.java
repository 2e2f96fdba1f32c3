package org.radarbeam.transforms;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.radarbeam.composite.CompositeGrid;
import org.radarbeam.composite.CompositeGrids;
import org.radarbeam.composite.CoverageMask;
import org.radarbeam.composite.SlotComposite;
import org.radarbeam.geo.WarpPlans;
import org.radarbeam.http.Redaction;
import org.radarbeam.input.InputReader;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.png.IndexedPngWriter;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.render.RenderSlots;
import org.radarbeam.source.RadarSource;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the coverage masks that are missing: mask/{source}/coverage_mask.png on each source's Web
 * Mercator image grid and mask/composite/coverage_mask.png on the composite grid (covered by any of
 * the run's sources). One frame per source (the first by uri) is read for it, only when a mask is
 * missing; a frame that cannot be read leaves its mask for a later run. The composite mask is
 * written only from every source of the run: it is never written again, so a run in which a source
 * has no frame (ARSO left out, a provider down) leaves it to a later run rather than write it
 * without that source's area. Its frames are decoded in render slots and the composite mask is
 * built in a grid of {@link CompositeGrids}, so a first run holds no more frames and grids than
 * rendering alone does.
 */
public final class WriteCoverageMasks extends PTransform<PCollection<FrameRef>, PCollection<String>> {
  private final Map<String, RadarSource> sources;
  private final RenderSettings settings;
  private final int resolutionMetres;
  private final InputReader inputs;
  private final ObjectStore dataStore;

  public WriteCoverageMasks(Map<String, RadarSource> sources, RenderSettings settings, int resolutionMetres,
      InputReader inputs, ObjectStore dataStore) {
    this.sources = sources;
    this.settings = settings;
    this.resolutionMetres = resolutionMetres;
    this.inputs = inputs;
    this.dataStore = dataStore;
  }

  @Override
  public PCollection<String> expand(PCollection<FrameRef> frames) {
    return frames
        .apply("BySource", WithKeys.of((FrameRef f) -> f.source()).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FrameRefCoder.of()))
        .apply("FewPerSource", Combine.perKey(WriteCoverageMasks::firstFiles))
        .apply("Together", Values.create())
        .setCoder(FrameRefCoder.of())
        .apply("All", WithKeys.of(0))
        .setCoder(KvCoder.of(VarIntCoder.of(), FrameRefCoder.of()))
        .apply("Group", GroupByKey.create())
        .apply("WriteMissing", ParDo.of(new WriteFn(sources, settings, resolutionMetres, inputs, dataStore)));
  }

  /** Files a mask may be made from, per source: a corrupt first one does not hold the mask back for good. */
  static final int CANDIDATES = 3;

  /**
   * The first {@link #CANDIDATES} files of a source by uri, as the first with the others as its
   * alternates: the same whatever the order and grouping of the partial results it combines.
   */
  static FrameRef firstFiles(Iterable<FrameRef> frames) {
    TreeMap<String, FrameRef> byUri = new TreeMap<>();
    for (FrameRef f : frames) {
      f.candidates().forEach(c -> byUri.put(c.uri(), c));
    }
    List<FrameRef> first = new ArrayList<>(byUri.values()).subList(0, Math.min(CANDIDATES, byUri.size()));
    return FrameRef.sameKey(first);
  }

  private static final class WriteFn extends DoFn<KV<Integer, Iterable<FrameRef>>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteCoverageMasks.class);
    private final Map<String, RadarSource> sources;
    private final RenderSettings settings;
    private final int resolutionMetres;
    private final InputReader inputs;
    private final ObjectStore store;
    /**
     * The JVM's render slots and composite grids: shared by every step that builds grids, so their bound
     * holds across steps.
     */
    private transient RenderSlots slots;
    private transient CompositeGrids grids;

    WriteFn(Map<String, RadarSource> sources, RenderSettings settings, int resolutionMetres, InputReader inputs,
        ObjectStore store) {
      this.sources = sources;
      this.settings = settings;
      this.resolutionMetres = resolutionMetres;
      this.inputs = inputs;
      this.store = store;
    }

    @Setup
    public void setup() {
      slots = RenderSlots.shared();
      grids = CompositeGrids.shared();
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<FrameRef>> all, OutputReceiver<String> out) throws IOException {
      List<FrameRef> frames = new ArrayList<>();
      all.getValue().forEach(frames::add);
      frames.sort(Comparator.comparing(FrameRef::source));
      String compositeKey = CoverageMask.key(CompositeGrid.FOLDER);
      Set<String> absent = new TreeSet<>(sources.keySet());
      frames.forEach(f -> absent.remove(f.source()));
      // the composite mask is made only from a frame of every source: without one, nothing is read for it
      boolean composite = !store.exists(compositeKey);
      if (composite && !absent.isEmpty()) {
        LOG.info("composite coverage mask left for a later run: no frame of {} in this one", String.join(", ", absent));
        composite = false;
      }
      Set<String> missing = new HashSet<>();
      for (FrameRef f : frames) {
        if (!store.exists(CoverageMask.key(f.source()))) {
          missing.add(f.source());
        }
      }
      if (missing.isEmpty() && !composite) {
        return;
      }
      // bounded as a slot's merge is: a grid of CompositeGrids taken first, then a render slot per frame
      SlotComposite merged = composite ? grids.take(resolutionMetres) : null;
      try {
        boolean complete = true;
        for (FrameRef f : frames) {
          if (!composite && !missing.contains(f.source())) {
            continue;
          }
          try {
            withCoverage(f, (d, png) -> {
              String key = CoverageMask.key(f.source());
              if (missing.contains(f.source())) {
                store.write(key, CoverageMask.encode(png, d.indices(), WarpPlans.forGrid(d.geometry(), d.width(),
                    d.height(), settings.maxPixels())), "image/png");
                LOG.info("{}: wrote {}", f.source(), store.describe(key));
                out.output(key);
              }
              if (merged != null) {
                merged.add(d.indices(), d.geometry(), d.width(), d.height());
              }
            });
          } catch (InterruptedIOException e) {
            throw e;
          } catch (Exception e) {
            complete = false;
            LOG.warn("{}: no coverage mask from {}: {}", f.source(), Redaction.redact(f.uri()),
                Redaction.redact(e.getMessage()));
          }
        }
        if (merged != null && complete) {
          try (RenderSlots.Slot encoding = slots.take()) {
            store.write(compositeKey, CoverageMask.encode(encoding.renderer(settings).png(), merged), "image/png");
          }
          LOG.info("wrote {}", store.describe(compositeKey));
          out.output(compositeKey);
        }
      } finally {
        if (merged != null) {
          grids.give(merged);
        }
      }
    }

    /** What is done with a frame's coverage while its render slot is held, with the slot's PNG writer. */
    private interface CoverageUse {
      void accept(FrameRenderer.Decoded coverage, IndexedPngWriter png) throws Exception;
    }

    /**
     * Hands {@code use} the coverage of the first of {@code f}'s files that can be read, decoded in a
     * render slot (each file downloaded without one); the last file's failure if none can be read.
     */
    private void withCoverage(FrameRef f, CoverageUse use) throws Exception {
      RadarSource source = sources.get(f.source());
      Exception last = null;
      List<FrameRef> candidates = f.candidates();
      for (int i = 0; i < candidates.size(); i++) {
        FrameRef c = candidates.get(i);
        boolean more = i + 1 < candidates.size();
        ByteBuffer data;
        try {
          data = inputs.read(c.uri(), ReusableBuffer.ofThisThread());
        } catch (InterruptedIOException e) {
          throw e;
        } catch (Exception e) {
          last = unreadable(f, c, e, more);
          continue;
        }
        try (RenderSlots.Slot slot = slots.take()) { // given back on every way out, an Error's too
          FrameRenderer renderer = slot.renderer(settings);
          FrameRenderer.Decoded d;
          try {
            d = renderer.coverage(data, source);
          } catch (Exception e) {
            last = unreadable(f, c, e, more);
            continue;
          }
          use.accept(d, renderer.png());
          return;
        }
      }
      throw last;
    }

    /**
     * Logs that file {@code c} of {@code f} gave no coverage where a {@code next} file is tried (the caller
     * reports the last one's failure once); returns {@code e}.
     */
    private static Exception unreadable(FrameRef f, FrameRef c, Exception e, boolean next) {
      if (next) {
        LOG.info("{}: no coverage from {} ({}), trying the next file", f.source(), Redaction.redact(c.uri()),
            Redaction.redact(e.getMessage()));
      }
      return e;
    }
  }
}
