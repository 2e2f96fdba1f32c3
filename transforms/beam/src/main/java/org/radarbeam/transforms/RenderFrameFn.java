package org.radarbeam.transforms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.http.Redaction;
import org.radarbeam.input.InputReader;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.output.OutputKeys;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.render.RenderSlots;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches, decodes, renders and writes one frame. The input is downloaded into the worker thread's
 * reusable buffer ({@link ReusableBuffer#ofThisThread}) without holding a render slot; decoding,
 * encoding and writing then run in one of the JVM's {@link RenderSlots}, whose renderer (frame
 * buffer, Inflater, encoder, LUTs, PNG buffer) is reused for every frame. A worker thread waiting on a provider holds no core
 * and no frame buffer, and memory stays flat however many frames a worker renders. Inputs that
 * cannot be rendered go to {@link RenderFrames#FAILED} with a one-line reason; they are never
 * retried. Of files that share a key the first that can be rendered is (see {@link SameKeyFrames}).
 * A frame not fetched because the run's time for requests was up is left for the next run.
 */
final class RenderFrameFn extends DoFn<FrameRef, WrittenFrame> {
  private static final Logger LOG = LoggerFactory.getLogger(RenderFrameFn.class);
  private static final String NO_TIME = "no nominal time: neither the file name nor /what date and time give one";

  private final Map<String, RadarSource> sources;
  private final RenderSettings settings;
  private final InputReader inputs;
  private final ObjectStore store;
  private final boolean overwrite;
  /** The run's window, for frames timed only here; null to keep every frame. */
  private final TimeWindow window;
  /**
   * Where the run keeps indexes, for images found written only here (a source keyed by grid, a frame timed
   * only by its file); null when none are repaired.
   */
  private final SkipExisting.Indexes indexes;
  private final FailureOutput failed;
  private transient RenderSlots slots;
  private transient IndexRepairs repairs;
  private transient WritesInARow writes;

  RenderFrameFn(Map<String, RadarSource> sources, RenderSettings settings, InputReader inputs, ObjectStore store,
      boolean overwrite, TimeWindow window, SkipExisting.Indexes indexes, FailureOutput failed) {
    this.sources = sources;
    this.settings = settings;
    this.inputs = inputs;
    this.store = store;
    this.overwrite = overwrite;
    this.window = window;
    this.indexes = indexes;
    this.failed = failed;
  }

  @Setup
  public void setup() {
    slots = RenderSlots.shared();
    repairs = new IndexRepairs(indexes, store);
    writes = new WritesInARow();
  }

  @ProcessElement
  public void process(@Element FrameRef ref, MultiOutputReceiver out) throws IOException {
    try {
      render(ref, out);
    } catch (LeftForNextRun e) {
      // none of its files was counted (same-key files count once one is rendered, failures once none is)
      left(ref.source(), ref.candidates().size(), e);
    }
  }

  /** Counts {@code files} files of {@code source} left for the next run, and says why. */
  private static void left(String source, int files, LeftForNextRun why) {
    RadarMetrics.left(source, files);
    LOG.info("{}: left for the next run: {}", source, why.getMessage());
  }

  private void render(FrameRef ref, MultiOutputReceiver out) throws IOException {
    RadarSource source = sources.get(ref.source());
    if (source.keysByGrid()) {
      renderEachGrid(ref, source, out);
      return;
    }
    long start = System.nanoTime();
    SameKeyFrames.Chosen<RenderSlots.Decoding> c = SameKeyFrames.first(ref, f -> decode(f, source), out, failed);
    if (c == null) {
      return;
    }
    try (RenderSlots.Decoding d = c.value()) {
      Long nominal = nominal(c.ref(), d.frame().nominalTime());
      if (nominal == null) {
        failed.emit(FrameFailures.of(c.ref(), "bad-attribute", NO_TIME), out);
        return;
      }
      boolean changed = ListedTime.changed(source, c.ref(), d.frame().nominalTime());
      if (changed) {
        // its bytes are those of the time it names now: written under that time, unless written already
        nominal = d.frame().nominalTime().getEpochSecond();
        LOG.info("{}: {}; written under the time it names", Redaction.redact(c.ref().uri()),
            ListedTime.reason(c.ref(), d.frame().nominalTime()));
      }
      if (outsideWindow(c.ref(), nominal)) {
        return;
      }
      // a time learnt only now (the file could not be read when it was listed) was not checked for its key
      if ((changed || c.ref().nominalEpochSeconds() == null) && !overwrite
          && store.exists(OutputKeys.png(source.folder(), nominal))
          && !repairs.renderAgain(source.folder(), source.id(), nominal)) {
        RadarMetrics.skipped(source.id(), nominal);
        return;
      }
      write(c.ref(), OutputKeys.png(source.folder(), nominal), nominal, d, start, out);
    }
  }

  /** Downloads {@code f} (no slot held meanwhile), then decodes it in a render slot. */
  private RenderSlots.Decoding decode(FrameRef f, RadarSource source) throws IOException, BadInputException {
    ByteBuffer data = inputs.read(f.uri(), ReusableBuffer.ofThisThread());
    return slots.decode(data, settings, source);
  }

  /** Writes the scaled variants of a decoded frame, then its image (last: see {@link ImageWrites#image}). */
  private boolean write(FrameRef ref, String key, long nominal, RenderSlots.Decoding d, long start,
      MultiOutputReceiver out) throws IOException {
    return ImageWrites.imageOrFailure(store, ref, key, nominal, d, settings.variants(), start, RenderFrames.WRITTEN,
        failed, writes, out);
  }

  /**
   * Renders every file of {@code ref} that can be, each under its own grid's key: same-time files
   * of a source keyed by grid are distinct frames when their grids differ, duplicates when not.
   * Files that cannot be rendered count as duplicates when another of the same time was.
   */
  private void renderEachGrid(FrameRef ref, RadarSource source, MultiOutputReceiver out) throws IOException {
    Set<String> grids = new HashSet<>();
    List<FailedFrame> failures = new ArrayList<>();
    List<FrameRef> candidates = ref.candidates();
    for (int i = 0; i < candidates.size(); i++) {
      FrameRef c = candidates.get(i);
      long start = System.nanoTime();
      RenderSlots.Decoding decoded;
      try {
        decoded = SameKeyFrames.attempt(c, f -> decode(f, source), failures);
      } catch (LeftForNextRun e) {
        // this file, those after it and those that failed before it are counted nowhere else
        left(source.id(), candidates.size() - i + failures.size(), e);
        return;
      }
      if (decoded == null) {
        continue;
      }
      try (RenderSlots.Decoding d = decoded) {
        Long nominal = nominal(c, d.frame().nominalTime());
        if (nominal == null) {
          failures.add(FrameFailures.of(c, "bad-attribute", NO_TIME));
          continue;
        }
        if (outsideWindow(c, nominal)) {
          continue;
        }
        String grid = OutputKeys.gridId(d.frame().geometry(), d.frame().width(), d.frame().height());
        FrameRef onGrid = c.withGrid(grid);
        String key = OutputKeys.png(source.folder(), grid, nominal);
        if (grids.contains(grid)) {
          RadarMetrics.counter(RadarMetrics.DUPLICATES).inc();
          LOG.info("{}: same time and grid as a file rendered before, not rendered", Redaction.redact(c.uri()));
        } else if (!overwrite && store.exists(key)
            && !repairs.renderAgain(key.substring(0, key.lastIndexOf('/')), onGrid.extent(), nominal)) {
          grids.add(grid);
          RadarMetrics.skipped(source.id(), nominal);
        } else if (write(onGrid, key, nominal, d, start, out)) {
          grids.add(grid); // a grid whose image was refused is still open to the next file of that time
        }
      }
    }
    if (grids.isEmpty()) {
      failures.forEach(f -> failed.emit(f, out));
    } else {
      // a file that cannot be read has no known grid: it may be a copy of one rendered, so it is no failure
      RadarMetrics.counter(RadarMetrics.DUPLICATES).inc(failures.size());
      for (FailedFrame f : failures) {
        LOG.info("{}: {} cannot be rendered ({}: {}); another file of that time was, so it counts as a duplicate",
            source.id(), Redaction.redact(f.uri()), f.kind(), f.message());
      }
    }
  }

  /**
   * Whether {@code ref}, of time {@code nominal}, is a frame whose time is learnt only now (its file could
   * not be read when it was listed, so {@link KeepInWindowFn} let it pass) and lies outside the run's
   * window; counted so when it does.
   */
  private boolean outsideWindow(FrameRef ref, long nominal) {
    if (window == null || ref.nominalEpochSeconds() != null || KeepInWindowFn.keeps(window, ref, nominal)) {
      return false;
    }
    RadarMetrics.counter(RadarMetrics.OUTSIDE_WINDOW).inc();
    LOG.info("{}: {} is of {}, outside the run's window: not rendered", ref.source(), Redaction.redact(ref.uri()),
        java.time.Instant.ofEpochSecond(nominal));
    return true;
  }

  private static Long nominal(FrameRef ref, java.time.Instant fromFile) {
    if (ref.nominalEpochSeconds() != null) {
      return ref.nominalEpochSeconds();
    }
    return fromFile == null ? null : fromFile.getEpochSecond();
  }
}
