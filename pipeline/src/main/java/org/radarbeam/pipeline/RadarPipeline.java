package org.radarbeam.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.radarbeam.composite.CompositeGrid;
import org.radarbeam.input.InputReader;
import org.radarbeam.source.ArchiveTemplate;
import org.radarbeam.source.ProviderDiscovery;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.transforms.AssignSlots;
import org.radarbeam.transforms.DiscoverFrames;
import org.radarbeam.transforms.FailedFrame;
import org.radarbeam.transforms.FrameRef;
import org.radarbeam.transforms.Gather;
import org.radarbeam.transforms.KeepInWindowFn;
import org.radarbeam.transforms.ListFrames;
import org.radarbeam.transforms.MergeSlots;
import org.radarbeam.transforms.PlanFrames;
import org.radarbeam.transforms.RenderFrames;
import org.radarbeam.transforms.ResolveTimeFn;
import org.radarbeam.transforms.SkipExisting;
import org.radarbeam.transforms.Spread;
import org.radarbeam.transforms.WriteCoverageMasks;
import org.radarbeam.transforms.WriteExtentIndex;
import org.radarbeam.transforms.WriteFailureReport;
import org.radarbeam.transforms.WriteLegend;
import org.radarbeam.transforms.WriteManifests;
import org.radarbeam.transforms.WriteViewer;
import org.radarbeam.transforms.WriteViewerFolders;
import org.radarbeam.transforms.WrittenFrame;

/**
 * The radarbeam graph: list frames (from the providers or from files), spread them over workers,
 * keep those inside the window whose output is missing, render each and write its PNG atomically
 * (on the worker that rendered it), write the extent index, the manifests and the viewer page, and
 * gather failures into a report.
 */
public final class RadarPipeline {
  private RadarPipeline() {}

  /**
   * Builds the graph of the run {@code c} into {@code p}.
   *
   * @param workers the worker threads that run the graph in this JVM (the Direct runner's), among which
   *     frames are dealt ({@link Spread#over}); 0 for a runner with parallel instances of its own
   */
  public static void build(Pipeline p, RunConfig c, int workers) {
    Outputs out = c.outputs();
    if (!c.dryRun()) {
      p.apply("Legend", new WriteLegend(out.data(), c.settings().minDbz()));
      p.apply("Viewer", new WriteViewer(out.images(), out.viewer()));
    }
    if (!c.fromFiles() && !c.makesComposites()) {
      perSource(p, c, workers);
      return;
    }
    TimeWindow window = c.window();
    boolean matchLatest = c.makesComposites() && !c.fromFiles() && window.isLatest();
    PCollection<FrameRef> listed = c.fromFiles()
        ? p.apply("ListFiles", new ListFrames(ArchiveTemplate.patterns(c.input(), c.sources().keySet(), window),
            c.sources(), out.s3()).spreadOver(workers))
        : p.apply("DiscoverFrames", new DiscoverFrames(c.sources(), c.discoveryWindow(), c.fetch(), c.maxProbes(),
            ProviderDiscovery.budgetFor(c.timeout())));
    PCollection<FrameRef> frames = timed(listed, c, "");
    if (c.makesComposites() && !c.dryRun()) {
      composite(frames, c, matchLatest ? window.latestCount() : 0, workers);
      return;
    }
    PCollectionTuple rendered = render(frames, c.sources(), c, spreadWork(workers, c, false), "",
        keepsFailureRecords(c, workers));
    if (rendered != null) {
      written(rendered.get(RenderFrames.WRITTEN), rendered.get(RenderFrames.FAILED), c);
    }
  }

  /**
   * Frames from the providers, one branch per source from discovery to rendering. A batch runner
   * passes a grouping step's output on only once all of its input is in, so with one branch for all
   * sources a provider that hangs would hold back every other source's frames until it is given up;
   * apart, each source's frames are rendered and written as soon as its own discovery ends.
   */
  private static void perSource(Pipeline p, RunConfig c, int workers) {
    PCollectionList<WrittenFrame> written = PCollectionList.empty(p);
    PCollectionList<FailedFrame> failed = PCollectionList.empty(p);
    for (Map.Entry<String, RadarSource> s : c.sources().entrySet()) {
      Map<String, RadarSource> one = Map.of(s.getKey(), s.getValue());
      String branch = " " + s.getKey();
      PCollection<FrameRef> listed = p.apply("DiscoverFrames" + branch,
          new DiscoverFrames(one, c.discoveryWindow(), c.fetch(), c.maxProbes(),
              ProviderDiscovery.budgetFor(c.timeout())));
      PCollectionTuple rendered = render(timed(listed, c, branch), one, c,
          spreadWork(lanes(workers, c), c, bounded(workers, c)), branch, keepsFailureRecords(c, workers));
      if (rendered != null) {
        written = written.and(rendered.get(RenderFrames.WRITTEN));
        failed = failed.and(rendered.get(RenderFrames.FAILED));
      }
    }
    if (!c.dryRun()) {
      written(written.apply("AllWritten", Flatten.pCollections()), failed.apply("AllFailed", Flatten.pCollections()), c);
    }
  }

  /**
   * The worker threads one provider source's frames may take: beside other sources, one thread fewer than
   * the runner has ({@link Spread#confinedTo}), so a provider that answers slowly leaves a thread to the
   * others' frames however many frames it has; alone, all of them. 0 (a runner that spreads by key) stays 0.
   */
  static int lanes(int workers, RunConfig c) {
    return workers > 1 && c.sources().size() > 1 ? workers - 1 : workers;
  }

  /** Whether a provider source's frames take fewer threads than the runner has ({@link #lanes}). */
  static boolean bounded(int workers, RunConfig c) {
    return lanes(workers, c) < workers;
  }

  /**
   * How frames are handed to {@code threads} workers ({@link Spread}). With --timeout one by one, so that a run
   * the timeout cancels still counts the frames it wrote (the runner commits counters per bundle); but not
   * where the source shares the threads with others ({@code bounded}): its frames are then confined to
   * {@code threads} groups, the number that bounds the threads it can take ({@link #lanes}).
   */
  private static Spread<FrameRef> spreadWork(int threads, RunConfig c, boolean bounded) {
    return switch (dealing(c, bounded)) {
      case CONFINED -> Spread.confinedTo(threads);
      case ONE_BY_ONE -> Spread.<FrameRef>over(threads).oneByOne();
      case GROUPS -> Spread.over(threads);
    };
  }

  /** How frames are dealt to the workers ({@link #spreadWork}). */
  enum Dealing { CONFINED, ONE_BY_ONE, GROUPS }

  static Dealing dealing(RunConfig c, boolean bounded) {
    return bounded ? Dealing.CONFINED : c.timeout() != null ? Dealing.ONE_BY_ONE : Dealing.GROUPS;
  }

  /**
   * Listed frames given their time and kept when inside the window, in the bundles they were listed
   * in: the grouping that follows (by output folder, or by slot) hands them to the workers. Spread
   * here, these steps would run once per spread bundle too, and the Direct runner translates and
   * deserialises a step's DoFn for every bundle.
   */
  private static PCollection<FrameRef> timed(PCollection<FrameRef> listed, RunConfig c, String branch) {
    return listed
        .apply("ResolveTime" + branch, ParDo.of(new ResolveTimeFn(inputs(c))))
        .apply("InWindow" + branch, ParDo.of(new KeepInWindowFn(c.window())));
  }

  /**
   * Frames of {@code sources} whose output is missing, rendered and written; in a dry run planned
   * instead, and null returned.
   */
  private static PCollectionTuple render(PCollection<FrameRef> frames, Map<String, RadarSource> sources, RunConfig c,
      Spread<FrameRef> spread, String branch, boolean keepRecords) {
    Outputs out = c.outputs();
    PCollection<FrameRef> missing = frames
        .apply("SkipExisting" + branch, new SkipExisting(sources, out.images(), c.overwrite(), indexes(out)))
        .apply("SpreadWork" + branch, spread);
    if (c.dryRun()) {
      missing.apply("Plan" + branch, new PlanFrames(sources, out.images()));
      return null;
    }
    RenderFrames renderFrames = new RenderFrames(sources, c.settings(), inputs(c), out.images(), c.overwrite())
        .within(c.window()).repairingIndexes(indexes(out));
    return missing.apply("RenderFrames" + branch, keepRecords ? renderFrames.keepingFailureRecords() : renderFrames);
  }

  /**
   * Whether failure records are also kept in a metric, for the report of a run cut short (see
   * RenderFrames#keepingFailureRecords): with --timeout, and on the Direct runner ({@code workers} above 0),
   * whose JVM a signal can stop; not on Flink, whose job ends by its own rules and keeps metrics per task.
   */
  public static boolean keepsFailureRecords(RunConfig c, int workers) {
    return c.timeout() != null || workers > 0;
  }

  /**
   * The composite graph: frames grouped into slots and merged (members' own images written there
   * too), coverage masks written when missing, and frames in no slot rendered alone (unless
   * --individual=false).
   */
  private static void composite(PCollection<FrameRef> frames, RunConfig c, int latestSlots, int workers) {
    Outputs out = c.outputs();
    PCollectionTuple assigned = frames.apply("AssignSlots",
        new AssignSlots(c.sources().keySet(), c.composite(), latestSlots));
    PCollection<KV<Long, FrameRef>> slotted = assigned.get(AssignSlots.SLOTTED);
    MergeSlots mergeSlots = new MergeSlots(c.sources(), c.settings(), c.composite(), inputs(c), out.images(),
        c.overwrite()).keepingIndexes(indexes(out));
    PCollectionTuple merged = slotted.apply("MergeSlots", keepsFailureRecords(c, workers)
        ? mergeSlots.keepingFailureRecords() : mergeSlots);
    // every frame can give its source's coverage, a frame in no slot too (a source the matching left out)
    PCollectionList.of(slotted.apply("SlottedFrames", Values.create())).and(assigned.get(AssignSlots.LOOSE))
        .apply("MaskFrames", Flatten.pCollections())
        .apply("CoverageMasks", new WriteCoverageMasks(c.sources(), c.settings(), c.composite().resolutionMetres(),
            inputs(c), out.data()));
    if (!c.composite().individual()) {
      written(merged.get(MergeSlots.WRITTEN), merged.get(MergeSlots.FAILED), c);
      return;
    }
    PCollectionTuple rendered = render(assigned.get(AssignSlots.LOOSE), c.sources(), c, spreadWork(workers, c, false),
        "", keepsFailureRecords(c, workers));
    written(PCollectionList.of(merged.get(MergeSlots.WRITTEN)).and(rendered.get(RenderFrames.WRITTEN))
            .apply("AllWritten", Flatten.pCollections()),
        PCollectionList.of(merged.get(MergeSlots.FAILED)).and(rendered.get(RenderFrames.FAILED))
            .apply("AllFailed", Flatten.pCollections()), c);
  }

  /**
   * The extent index, manifests and viewer folder list of what was written (its records gathered
   * first: they come a bundle per frame or group of frames from the render steps), and the report of
   * what failed.
   */
  private static void written(PCollection<WrittenFrame> rendered, PCollection<FailedFrame> failed, RunConfig c) {
    PCollection<WrittenFrame> written = rendered.apply("GatherWritten", new Gather<>());
    written.apply("ExtentIndex", new WriteExtentIndex(c.outputs().data(), !c.makesComposites() ? null
        : new WriteExtentIndex.Composite(c.sources().keySet().stream().sorted().toList(),
            c.composite().resolutionMetres())));
    if (c.outputs().manifestFrames() > 0) {
      written.apply("Manifests", new WriteManifests(c.outputs().images(), c.outputs().manifestFrames()))
          .apply("ViewerFolders", new WriteViewerFolders(c.outputs().images(), runFolders(c)));
    }
    failed.apply("FailureReport", new WriteFailureReport(c.outputs().failures(), c.outputs().failureKey()));
  }

  /** Where the indexes written from the frames of a run live, so a run that finds them stale writes them again. */
  private static SkipExisting.Indexes indexes(Outputs out) {
    return new SkipExisting.Indexes(out.data(), out.manifestFrames());
  }

  /** The folders the run renders into whatever frames it finds: each source's not named by a grid, the composite's. */
  private static List<String> runFolders(RunConfig c) {
    List<String> folders = new ArrayList<>();
    if (!c.makesComposites() || c.composite().individual()) {
      c.sources().values().stream().filter(s -> !s.keysByGrid()).map(RadarSource::folder).forEach(folders::add);
    }
    if (c.makesComposites()) {
      folders.add(CompositeGrid.FOLDER);
    }
    return folders;
  }

  private static InputReader inputs(RunConfig c) {
    return new InputReader(c.fetch(), c.outputs().s3());
  }
}
