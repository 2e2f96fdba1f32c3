package org.radarbeam.transforms;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.composite.CompositeGrid;
import org.radarbeam.output.ExtentIndex;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes extent/{source}/extent_index.json to the data store once, when it is missing, from the
 * bounds of the source's written images (one per source, chosen deterministically).
 */
public final class WriteExtentIndex extends PTransform<PCollection<WrittenFrame>, PCollection<String>> {
  private final ObjectStore dataStore;
  private final Composite composite;

  /** What the composite's index names beside its bounds: the sources the run merges and the grid's resolution. */
  public record Composite(List<String> sources, int resolutionMetres) implements Serializable {
    public Composite {
      sources = List.copyOf(sources);
    }
  }

  /** @param composite what the composite's index names, null in a run without composites */
  public WriteExtentIndex(ObjectStore dataStore, Composite composite) {
    this.dataStore = dataStore;
    this.composite = composite;
  }

  public WriteExtentIndex(ObjectStore dataStore) {
    this(dataStore, null);
  }

  @Override
  public PCollection<String> expand(PCollection<WrittenFrame> frames) {
    return frames
        .apply("Bounds", ParDo.of(new DoFn<WrittenFrame, KV<String, String>>() {
          @ProcessElement
          public void process(@Element WrittenFrame f, OutputReceiver<KV<String, String>> out) {
            if (f.placed()) {
              out.output(KV.of(f.source(), f.boundsText()));
            }
          }
        }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("OnePerSource", Combine.perKey(values -> {
          String min = null;
          for (String v : values) {
            min = min == null || v.compareTo(min) < 0 ? v : min;
          }
          return min;
        }))
        .apply("WriteIfMissing", ParDo.of(new WriteFn(dataStore, composite)));
  }

  private static final class WriteFn extends DoFn<KV<String, String>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteExtentIndex.class);
    private final ObjectStore store;
    private final Composite composite;

    WriteFn(ObjectStore store, Composite composite) {
      this.store = store;
      this.composite = composite;
    }

    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<String> out) throws IOException {
      String key = ExtentIndex.key(e.getKey());
      if (store.exists(key)) {
        return;
      }
      double[] bounds = WrittenFrame.parseBounds(e.getValue());
      String json = composite != null && e.getKey().equals(CompositeGrid.FOLDER)
          ? ExtentIndex.compositeJson(e.getKey(), bounds, Instant.now(), composite.sources(), composite.resolutionMetres())
          : ExtentIndex.json(e.getKey(), bounds, Instant.now());
      store.write(key, json.getBytes(StandardCharsets.UTF_8), "application/json");
      LOG.info("{}: wrote {}", e.getKey(), store.describe(key));
      out.output(key);
    }
  }
}
