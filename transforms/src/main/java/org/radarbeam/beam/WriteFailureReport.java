package org.radarbeam.beam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
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
import org.radarbeam.model.FailedFrame;
import org.radarbeam.store.LocalFileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every failure record of the run into one JSON-lines file, written atomically. Nothing
 * is written when nothing failed.
 */
public final class WriteFailureReport extends PTransform<PCollection<FailedFrame>, PCollection<String>> {
  private final String path;

  public WriteFailureReport(String path) {
    this.path = path;
  }

  @Override
  public PCollection<String> expand(PCollection<FailedFrame> failures) {
    return failures
        .apply("OneGroup", WithKeys.<String, FailedFrame>of("failures").withKeyType(TypeDescriptors.strings()))
        .apply("Gather", GroupByKey.create())
        .apply("WriteJsonLines", ParDo.of(new WriteFn(path)));
  }

  private static final class WriteFn extends DoFn<KV<String, Iterable<FailedFrame>>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteFailureReport.class);
    private final String path;

    WriteFn(String path) {
      this.path = path;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<FailedFrame>> group, OutputReceiver<String> out) throws IOException {
      List<FailedFrame> all = new ArrayList<>();
      group.getValue().forEach(all::add);
      all.sort(Comparator.comparing(FailedFrame::uri));
      StringBuilder s = new StringBuilder();
      for (FailedFrame f : all) {
        s.append(f.toJson()).append('\n');
      }
      LocalFileStore.writeAtomically(Paths.get(path), s.toString().getBytes(StandardCharsets.UTF_8));
      LOG.info("failure report: {} record(s) in {}", all.size(), path);
      out.output(path);
    }
  }
}
