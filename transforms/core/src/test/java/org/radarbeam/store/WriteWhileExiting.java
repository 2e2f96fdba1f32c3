package org.radarbeam.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link LocalFileStoreTest}: runs what the exit hook runs, then starts a write
 * into {@code args[0]}, as a worker thread does that the exit has not stopped yet.
 */
public final class WriteWhileExiting {
  private WriteWhileExiting() {}

  public static void main(String[] args) {
    LocalFileStore.deleteInFlight();
    try {
      LocalFileStore.writeAtomically(Path.of(args[0]).resolve("frame.png"), ByteBuffer.allocate(1024));
      System.out.println("written");
    } catch (IOException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }
}
