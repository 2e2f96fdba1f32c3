package org.radarbeam.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own by {@link LocalFileStoreTest}: writes a 128 MiB object to {@code args[0]}
 * and, as soon as its temporary file exists, exits the JVM as --timeout does.
 */
public final class ExitMidWrite {
  private ExitMidWrite() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    LocalFileStore.deleteTemporaryFilesOnExit(() -> { }); // as radar.jar's main does
    Thread writer = new Thread(() -> {
      try {
        LocalFileStore.writeAtomically(dir.resolve("frame.png"), ByteBuffer.allocate(128 << 20));
      } catch (IOException e) {
        // its temporary file was deleted under it: what the exit is for
      }
    });
    writer.start();
    while (!hasTemporaryFile(dir)) {
      Thread.sleep(1);
    }
    System.out.println("exiting mid-write");
    System.exit(0);
  }

  private static boolean hasTemporaryFile(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(".frame.png.tmp-"));
    }
  }
}
