package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.output.ViewerFolders;
import org.radarbeam.store.LocalFileStore;
import org.radarbeam.store.ObjectStore;

/** WriteViewerFolders: the folders with a manifest, kept whole when two runs into one output write the list at once. */
class WriteViewerFoldersTest {
  @TempDir Path out;

  private List<String> listed() throws IOException {
    return List.copyOf(ViewerFolders.parse(Files.readString(out.resolve(ViewerFolders.KEY))));
  }

  private void runWith(ObjectStore store, String... manifestKeys) {
    Pipeline p = pipeline();
    p.apply(Create.of(List.of(manifestKeys))).apply(new WriteViewerFolders(store, List.of()));
    run(p);
  }

  @Test
  void listsTheFoldersWithAManifest() throws IOException {
    LocalFileStore store = new LocalFileStore(out.toString());
    store.write("germany/frames.json", new byte[] {'{', '}'}, "application/json");
    runWith(store, "germany/frames.json");
    assertEquals(List.of("germany"), listed());
  }

  /** A list too large to be radarbeam's (something else under its key) is replaced, not a failed run. */
  @Test
  void aListTooLargeToReadIsReplaced() throws IOException {
    LocalFileStore store = new LocalFileStore(out.toString());
    store.write("germany/frames.json", new byte[] {'{', '}'}, "application/json");
    Files.createDirectories(out.resolve(ViewerFolders.KEY).getParent());
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(out.resolve(ViewerFolders.KEY).toFile(), "rw")) {
      f.setLength(ObjectStore.MAX_READ_BYTES + 1); // sparse: no disk used
    }
    runWith(store, "germany/frames.json");
    assertEquals(List.of("germany"), listed());
  }

  /**
   * Another run reads the list before this one writes it and writes its own after: this run reads the list back,
   * misses its folder and writes the two runs' folders. Without that, the folder it wrote would drop out of the
   * viewer until it next wrote there.
   */
  @Test
  void aListAnotherRunWritesMeanwhileLosesNeithersFolders() throws IOException {
    LocalFileStore local = new LocalFileStore(out.toString());
    local.write("germany/frames.json", new byte[] {'{', '}'}, "application/json");
    local.write("other/frames.json", new byte[] {'{', '}'}, "application/json");
    runWith(new OvertakenStore(local), "germany/frames.json");
    assertEquals(List.of("germany", "other"), listed());
  }

  /**
   * A local store on which, right after the list's first write, another run writes the list it made from what it
   * read before that write: its own folder "other" alone.
   */
  private static final class OvertakenStore implements ObjectStore {
    private final LocalFileStore store;

    OvertakenStore(LocalFileStore store) {
      this.store = store;
    }

    @Override
    public void write(String key, ByteBuffer data, String contentType) throws IOException {
      store.write(key, data, contentType);
      if (key.equals(ViewerFolders.KEY) && !store.exists("overtaken")) {
        store.write("overtaken", new byte[] {1}, "application/octet-stream");
        store.write(key, ViewerFolders.json(Set.of("other")).getBytes(StandardCharsets.UTF_8), contentType);
      }
    }

    @Override
    public boolean exists(String key) throws IOException {
      return store.exists(key);
    }

    @Override
    public byte[] read(String key) throws IOException {
      return store.read(key);
    }

    @Override
    public String describe(String key) {
      return store.describe(key);
    }

    @Override
    public void forEachKeyBetween(String folder, String firstKey, String lastKey, Consumer<String> each)
        throws IOException {
      store.forEachKeyBetween(folder, firstKey, lastKey, each);
    }
  }
}
