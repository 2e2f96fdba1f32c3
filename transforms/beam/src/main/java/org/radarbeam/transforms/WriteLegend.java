package org.radarbeam.transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.output.Legend;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes legend/reflectivity.json and legend/legend.png to the data store, each when missing. */
public final class WriteLegend extends PTransform<PBegin, PCollection<String>> {
  private final ObjectStore dataStore;
  private final double minDbz;

  public WriteLegend(ObjectStore dataStore, double minDbz) {
    this.dataStore = dataStore;
    this.minDbz = minDbz;
  }

  @Override
  public PCollection<String> expand(PBegin input) {
    return input.apply("Threshold", Create.of(minDbz).withCoder(DoubleCoder.of()))
        .apply("WriteIfMissing", ParDo.of(new WriteFn(dataStore)));
  }

  private static final class WriteFn extends DoFn<Double, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteLegend.class);
    private final ObjectStore store;

    WriteFn(ObjectStore store) {
      this.store = store;
    }

    @ProcessElement
    public void process(@Element Double threshold, OutputReceiver<String> out) throws IOException {
      if (!store.exists(Legend.JSON_KEY)) {
        store.write(Legend.JSON_KEY, Legend.json(threshold).getBytes(StandardCharsets.UTF_8), "application/json");
        LOG.info("wrote {}", store.describe(Legend.JSON_KEY));
        out.output(Legend.JSON_KEY);
      }
      if (!store.exists(Legend.PNG_KEY)) {
        store.write(Legend.PNG_KEY, Legend.png(threshold), "image/png");
        LOG.info("wrote {}", store.describe(Legend.PNG_KEY));
        out.output(Legend.PNG_KEY);
      }
    }
  }
}
