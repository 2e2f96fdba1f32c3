package org.radarbeam.transforms;

import java.io.IOException;
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
import org.radarbeam.output.FrameManifest;
import org.radarbeam.source.FrameTimes;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites {folder}/frames.json of every folder the run wrote images to, once, after the writes:
 * the folder's newest frames that exist, from a listing of the folder (so frames written by other
 * runs count too). Only the range of keys that can hold them is listed, widened until enough are
 * found, so a folder of years of frames costs a few requests.
 */
public final class WriteManifests extends PTransform<PCollection<WrittenFrame>, PCollection<String>> {
  private final ObjectStore store;
  private final int frames;

  /** @param frames how many of the newest frames each manifest lists */
  public WriteManifests(ObjectStore store, int frames) {
    this.store = store;
    this.frames = frames;
  }

  @Override
  public PCollection<String> expand(PCollection<WrittenFrame> written) {
    return written
        .apply("ByFolder", ParDo.of(new DoFn<WrittenFrame, KV<String, String>>() {
          @ProcessElement
          public void process(@Element WrittenFrame f, OutputReceiver<KV<String, String>> out) {
            if (f.placed()) {
              out.output(KV.of(f.key().substring(0, f.key().lastIndexOf('/')), Folder.of(f).text()));
            }
          }
        }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("OnePerFolder", Combine.perKey(values -> {
          Folder merged = null;
          for (String v : values) {
            merged = merged == null ? Folder.parse(v) : merged.merge(Folder.parse(v));
          }
          return merged.text();
        }))
        .apply("Write", ParDo.of(new WriteFn(store, frames)));
  }

  /**
   * What a folder's manifest needs from the frames written to it: the newest time written, and
   * one source and bounds chosen deterministically (all frames of a folder share them).
   */
  record Folder(long newest, String source, String bounds) {
    static Folder of(WrittenFrame f) {
      return new Folder(f.nominalEpochSeconds(), f.source(), f.boundsText());
    }

    static Folder parse(String text) {
      String[] p = text.split("\\|", 3);
      return new Folder(Long.parseLong(p[0]), p[1], p[2]);
    }

    String text() {
      return newest + "|" + source + "|" + bounds;
    }

    Folder merge(Folder o) {
      String mine = source + "|" + bounds;
      boolean keepMine = mine.compareTo(o.source + "|" + o.bounds) <= 0;
      return new Folder(Math.max(newest, o.newest), keepMine ? source : o.source, keepMine ? bounds : o.bounds);
    }
  }

  private static final class WriteFn extends DoFn<KV<String, String>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteManifests.class);
    /** A first guess of how far back the newest frames reach: twice that many 5-minute slots. */
    private static final long SLOT_SECONDS = 300;

    private final ObjectStore store;
    private final int frames;

    WriteFn(ObjectStore store, int frames) {
      this.store = store;
      this.frames = frames;
    }

    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<String> out) throws IOException {
      String folder = e.getKey();
      Folder f = Folder.parse(e.getValue());
      List<FrameManifest.Frame> newest = newest(folder, f.newest());
      String key = FrameManifest.key(folder);
      store.write(key, FrameManifest.json(f.source(), folder, frames, newest, WrittenFrame.parseBounds(f.bounds())).getBytes(StandardCharsets.UTF_8),
          "application/json");
      LOG.info("{}: {} frame(s) in {}", folder, newest.size(), store.describe(key));
      out.output(key);
    }

    /** The folder's newest frames: frames newer than this run's are listed too (another run's). */
    private List<FrameManifest.Frame> newest(String folder, long newestWritten) throws IOException {
      String last = folder + "/~"; // after every {unix}.png of the folder
      long latest = Instant.now().plus(FrameTimes.SKEW).getEpochSecond();
      for (long back = 2 * frames * SLOT_SECONDS; ; back *= 4) {
        long from = newestWritten - back;
        String first = folder + "/" + (from <= 0 ? "" : Long.toString(from));
        // however many keys are listed
        FrameManifest.Newest gathered = new FrameManifest.Newest(folder, frames, latest);
        store.forEachKeyBetween(folder, first, last, gathered::add);
        List<FrameManifest.Frame> found = gathered.frames();
        if (found.size() >= frames || from <= 0) {
          return found;
        }
      }
    }
  }
}
