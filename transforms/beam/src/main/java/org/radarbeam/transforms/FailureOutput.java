package org.radarbeam.transforms;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.TupleTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a step's failure records go: counted, logged and output on its tag. In a run that can be cut
 * short (with --timeout, or on the Direct runner, which a signal can stop) each record is also kept, in
 * the same bundle as its count, in the metric {@link RadarMetrics#FAILURE_RECORDS}: a run stopped so never
 * reaches its report step, and writes its report from this metric instead, so the report lists every
 * failure the summary counts.
 */
final class FailureOutput implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(FailureOutput.class);

  private final TupleTag<FailedFrame> tag;
  private final boolean keepRecords;

  FailureOutput(TupleTag<FailedFrame> tag, boolean keepRecords) {
    this.tag = tag;
    this.keepRecords = keepRecords;
  }

  /** Counts, logs and outputs {@code f}. */
  void emit(FailedFrame f, MultiOutputReceiver out) {
    RadarMetrics.counter(RadarMetrics.FAILED).inc();
    RadarMetrics.counter(RadarMetrics.FAILED, f.source()).inc();
    if (keepRecords) {
      RadarMetrics.recordFailure(f.toJson());
    }
    LOG.atWarn().addKeyValue("source", f.source()).addKeyValue("uri", f.uri()).addKeyValue("kind", f.kind())
        .log("failed {}: {}: {}", f.uri(), f.kind(), f.message());
    out.get(tag).output(f);
  }
}
