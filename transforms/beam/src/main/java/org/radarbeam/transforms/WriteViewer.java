package org.radarbeam.transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.radarbeam.output.ViewerPage;
import org.radarbeam.output.ViewerSettings;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the viewer page (index.html at the output root, its script, style and Leaflet below
 * viewer/) when index.html is missing; an existing file is never overwritten. One lookup per run
 * once the page is there.
 */
public final class WriteViewer extends PTransform<PBegin, PCollection<String>> {
  private final ObjectStore images;
  private final ViewerSettings settings;

  public WriteViewer(ObjectStore images, ViewerSettings settings) {
    this.images = images;
    this.settings = settings;
  }

  @Override
  public PCollection<String> expand(PBegin input) {
    // the settings travel with the step, not as an element: one run, one page
    return input.apply("Once", Impulse.create()).apply("WriteIfMissing", ParDo.of(new WriteFn(images, settings)));
  }

  private static final class WriteFn extends DoFn<byte[], String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteViewer.class);
    private final ObjectStore store;
    private final ViewerSettings settings;

    WriteFn(ObjectStore store, ViewerSettings settings) {
      this.store = store;
      this.settings = settings;
    }

    @ProcessElement
    public void process(OutputReceiver<String> out) throws IOException {
      if (store.exists(ViewerPage.INDEX_KEY)) {
        return;
      }
      // the assets first: a run stopped half-way leaves no index.html, so the next one completes the page
      for (ViewerPage.Asset a : ViewerPage.assets()) {
        if (!store.exists(a.key())) {
          store.write(a.key(), a.bytes(), a.contentType());
          out.output(a.key());
        }
      }
      store.write(ViewerPage.INDEX_KEY, ViewerPage.index(settings).getBytes(StandardCharsets.UTF_8), "text/html");
      LOG.info("wrote the viewer page {}", store.describe(ViewerPage.INDEX_KEY));
      out.output(ViewerPage.INDEX_KEY);
    }
  }
}
