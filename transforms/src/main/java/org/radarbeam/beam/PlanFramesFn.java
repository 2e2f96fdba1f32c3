package org.radarbeam.beam;

import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.radarbeam.model.FrameRef;
import org.radarbeam.model.OutputKeys;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.store.ObjectStore;

/** Dry run: prints the key each frame would be written to, and touches nothing. */
public final class PlanFramesFn extends DoFn<FrameRef, String> {
  private final Map<String, SourceProfile> profiles;
  private final ObjectStore store;
  private final Counter planned = RadarMetrics.counter(RadarMetrics.PLANNED);

  public PlanFramesFn(Map<String, SourceProfile> profiles, ObjectStore store) {
    this.profiles = profiles;
    this.store = store;
  }

  @ProcessElement
  public void process(@Element FrameRef ref, OutputReceiver<String> out) {
    String target = ref.nominalEpochSeconds() == null
        ? "(key unknown: the file names no time and its metadata is unreadable)"
        : store.describe(OutputKeys.png(profiles.get(ref.source()).folder(), ref.nominalEpochSeconds()));
    String line = "plan " + ref.source() + " " + ref.uri() + " -> " + target;
    System.out.println(line);
    planned.inc();
    out.output(line);
  }
}
