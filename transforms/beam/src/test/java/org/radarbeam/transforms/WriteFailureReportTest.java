package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.filesBelow;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.store.LocalFileStore;

/** WriteFailureReport: every failure of the run in one JSON-lines file sorted by uri; no file when none failed. */
class WriteFailureReportTest {
  private static final String KEY = "reports/failures.jsonl";

  @TempDir Path out;

  @Test
  void writesOneJsonLinePerFailureSortedByUri() throws IOException {
    LocalFileStore store = new LocalFileStore(out.toString());
    Pipeline p = pipeline();
    PCollection<String> report = p.apply(Create.of(List.of(
            new FailedFrame("https://x.example/b", "omsz", T1505, "io", "GET answered \"503\""),
            new FailedFrame("/in/c", "dwd", T1500, "truncated", "truncated HDF5: 10 bytes, but the superblock declares 20"),
            new FailedFrame("/in/a", "dwd", null, "html", "an HTML page\r\nnot a composite"))))
        .apply(new WriteFailureReport(store, KEY));
    PAssert.that(report).containsInAnyOrder(out.resolve(KEY).toString());
    run(p);

    assertEquals(List.of(KEY), filesBelow(out), "one file, no temporaries");
    assertEquals(""
        + "{\"uri\":\"/in/a\",\"source\":\"dwd\",\"nominalTime\":null,\"kind\":\"html\","
        + "\"message\":\"an HTML page not a composite\"}\n"
        + "{\"uri\":\"/in/c\",\"source\":\"dwd\",\"nominalTime\":\"2025-11-17T15:00:00Z\",\"kind\":\"truncated\","
        + "\"message\":\"truncated HDF5: 10 bytes, but the superblock declares 20\"}\n"
        + "{\"uri\":\"https://x.example/b\",\"source\":\"omsz\",\"nominalTime\":\"2025-11-17T15:05:00Z\",\"kind\":\"io\","
        + "\"message\":\"GET answered \\\"503\\\"\"}\n",
        Files.readString(out.resolve(KEY)));
  }

  @Test
  void nothingIsWrittenWhenNothingFailed() throws IOException {
    Pipeline p = pipeline();
    PCollection<String> report = p.apply(Create.empty(FailedFrameCoder.of()))
        .apply(new WriteFailureReport(new LocalFileStore(out.toString()), KEY));
    PAssert.that(report).empty();
    run(p);
    assertEquals(List.of(), filesBelow(out));
  }
}
