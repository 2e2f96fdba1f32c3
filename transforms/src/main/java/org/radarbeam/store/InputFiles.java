package org.radarbeam.store;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.radarbeam.codec.BadInputException;

/** Reads input files through Beam's FileSystems, refusing absurd sizes before allocating. */
public final class InputFiles {
  /** No radar composite comes near this; a larger body is not one. */
  public static final long MAX_INPUT_BYTES = 512L << 20;

  private InputFiles() {}

  public static byte[] readAll(String uri) throws IOException, BadInputException {
    MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(uri);
    long size = meta.sizeBytes();
    if (size > MAX_INPUT_BYTES) {
      throw new BadInputException(BadInputException.Kind.TOO_LARGE,
          "input is " + size + " bytes, above the " + MAX_INPUT_BYTES + "-byte limit for one frame");
    }
    ResourceId id = meta.resourceId();
    byte[] data = new byte[(int) size];
    ByteBuffer buf = ByteBuffer.wrap(data);
    try (ReadableByteChannel ch = FileSystems.open(id)) {
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          throw new IOException(uri + " ended after " + buf.position() + " of " + size + " bytes while reading");
        }
      }
    }
    return data;
  }

  /** The local path of {@code uri} (a plain path or file: URI), or null for remote schemes. */
  public static Path localPath(String uri) {
    if (uri.startsWith("file:")) {
      return Paths.get(URI.create(uri));
    }
    int colon = uri.indexOf(':');
    int slash = uri.indexOf('/');
    if (colon > 1 && (slash < 0 || colon < slash)) {
      return null;
    }
    return Paths.get(uri);
  }

  /** The last path segment of {@code uri}. */
  public static String fileName(String uri) {
    int s = uri.lastIndexOf('/');
    return s >= 0 ? uri.substring(s + 1) : uri;
  }
}
