package org.radarbeam.transforms;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.radarbeam.io.TooLargeException;
import org.radarbeam.output.FrameManifest;
import org.radarbeam.output.ViewerFolders;
import org.radarbeam.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates viewer/folders.json after the manifests a run wrote: the folders listed before, those the
 * run wrote manifests to and the run's own folders, keeping those whose frames.json exists. Written
 * only when the list changes, so a run writing frames to known folders costs one read and one lookup
 * per folder; a list lost to a run stopped between its manifests and this step is made again by the
 * next run, even one that writes nothing.
 */
public final class WriteViewerFolders extends PTransform<PCollection<String>, PCollection<String>> {
  private final ObjectStore images;
  private final List<String> runFolders;

  /** @param runFolders the folders the run renders into whatever it finds (not those named by a grid) */
  public WriteViewerFolders(ObjectStore images, List<String> runFolders) {
    this.images = images;
    this.runFolders = List.copyOf(runFolders);
  }

  /** @param manifestKeys the {folder}/frames.json keys the run wrote */
  @Override
  public PCollection<String> expand(PCollection<String> manifestKeys) {
    PCollection<String> written = manifestKeys
        .apply("Folders", FlatMapElements.into(TypeDescriptors.strings()).via(k -> {
          String folder = ViewerFolders.folderOf(k);
          return folder == null ? List.<String>of() : List.of(folder);
        }));
    PCollection<String> own = manifestKeys.getPipeline()
        .apply("RunFolders", OneBundle.of(runFolders, StringUtf8Coder.of()));
    return PCollectionList.of(written).and(own)
        .apply("AllFolders", Flatten.pCollections())
        // one list, after every manifest is written
        .apply("OneList", Combine.globally((Iterable<String> lists) -> {
          SortedSet<String> all = new TreeSet<>();
          lists.forEach(l -> all.addAll(List.of(l.split("\n"))));
          return String.join("\n", all);
        }).withoutDefaults())
        .setCoder(StringUtf8Coder.of())
        .apply("Write", ParDo.of(new WriteFn(images)));
  }

  private static final class WriteFn extends DoFn<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteViewerFolders.class);
    /** Writes of the list in one run at most: the first, and again after another run's write overtook it. */
    private static final int MAX_WRITES = 3;
    private final ObjectStore store;

    WriteFn(ObjectStore store) {
      this.store = store;
    }

    @ProcessElement
    public void process(@Element String written, OutputReceiver<String> out) throws IOException {
      SortedSet<String> ours = new TreeSet<>(List.of(written.split("\n")));
      Set<String> gone = new HashSet<>();
      boolean wrote = false;
      // another run into the same output may write the list between this one's read and write (a store has no
      // compare-and-swap): the list is read back after writing, and written again while it lacks this run's
      // folders. That narrows the race to a write that lands after the read-back; a folder lost so comes back
      // with the next run that writes there
      boolean whole = false;
      for (int attempt = 0; attempt < MAX_WRITES && !whole; attempt++) {
        String before = read();
        SortedSet<String> folders = new TreeSet<>(ours);
        if (before != null) {
          folders.addAll(ViewerFolders.parse(before));
        }
        // a folder whose manifest was removed (or --manifestFrames=0 there since) drops out
        for (String f : folders) {
          if (!gone.contains(f) && !store.exists(FrameManifest.key(f))) {
            gone.add(f);
          }
        }
        folders.removeAll(gone);
        ours.removeAll(gone);
        String json = ViewerFolders.json(folders);
        if (json.equals(before) || before == null && folders.isEmpty()) { // no list of nothing where none was
          whole = true;
          break;
        }
        store.write(ViewerFolders.KEY, json.getBytes(StandardCharsets.UTF_8), "application/json");
        LOG.info("{} folder(s) in {}", folders.size(), store.describe(ViewerFolders.KEY));
        wrote = true;
        String after = read();
        whole = after != null && ViewerFolders.parse(after).containsAll(ours);
      }
      if (!whole) {
        LOG.warn("{} was written over by another run {} times; it may lack {} until a run writes there again",
            store.describe(ViewerFolders.KEY), MAX_WRITES, String.join(", ", ours));
      }
      if (wrote) {
        out.output(ViewerFolders.KEY);
      }
    }

    /**
     * The list as it is now, or null where there is none yet (the first run that wrote a manifest); one too
     * large to be radarbeam's reads as empty, so that it is replaced.
     */
    private String read() throws IOException {
      try {
        return new String(store.read(ViewerFolders.KEY), StandardCharsets.UTF_8);
      } catch (FileNotFoundException e) {
        return null;
      } catch (TooLargeException e) {
        LOG.warn("{}; it is replaced by the folders this run finds", e.getMessage());
        return "";
      }
    }
  }
}
