package org.radarbeam.transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every failure record of the run into one JSON-lines file, written atomically. Nothing
 * is written when nothing failed.
 */
public final class WriteFailureReport extends PTransform<PCollection<FailedFrame>, PCollection<String>> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteFailureReport.class);
  private final ObjectStore store;
  private final String key;

  /** Writes the report to {@code key} of {@code store} (a local directory or S3). */
  public WriteFailureReport(ObjectStore store, String key) {
    this.store = store;
    this.key = key;
  }

  @Override
  public PCollection<String> expand(PCollection<FailedFrame> failures) {
    return failures
        .apply("OneGroup", WithKeys.<String, FailedFrame>of("failures").withKeyType(TypeDescriptors.strings()))
        .apply("Gather", GroupByKey.create())
        .apply("WriteJsonLines", ParDo.of(new WriteFn(store, key)));
  }

  private static final class WriteFn extends DoFn<KV<String, Iterable<FailedFrame>>, String> {
    private final ObjectStore store;
    private final String key;

    WriteFn(ObjectStore store, String key) {
      this.store = store;
      this.key = key;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<FailedFrame>> group, OutputReceiver<String> out) throws IOException {
      List<FailedFrame> all = new ArrayList<>();
      group.getValue().forEach(all::add);
      all.sort(Comparator.comparing(FailedFrame::uri));
      out.output(write(store, key, all.stream().map(FailedFrame::toJson).toList()));
    }
  }

  /**
   * Writes {@code jsonLines} (failure records, in order) as the report under {@code key}, atomically;
   * returns where it is. Also used for a run stopped by --timeout, from the records it had made.
   */
  public static String write(ObjectStore store, String key, List<String> jsonLines) throws IOException {
    StringBuilder s = new StringBuilder();
    for (String line : jsonLines) {
      s.append(line).append('\n');
    }
    store.write(key, s.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    LOG.info("failure report: {} record(s) in {}", jsonLines.size(), store.describe(key));
    return store.describe(key);
  }
}
