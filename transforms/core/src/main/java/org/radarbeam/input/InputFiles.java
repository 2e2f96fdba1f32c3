package org.radarbeam.input;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.ReusableBuffer;

/** Reads local input files whole, refusing absurd sizes before allocating. */
public final class InputFiles {
  private InputFiles() {}

  /** The bytes of the local file {@code uri} (a path or file: URI), read into {@code buffer}. */
  public static ByteBuffer readAll(String uri, ReusableBuffer buffer) throws IOException, BadInputException {
    Path path = localPath(uri);
    if (path == null) {
      throw new IOException("not a local file: " + uri);
    }
    if (!Files.isRegularFile(path)) {
      throw new FileNotFoundException("no such file: " + uri);
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      long max = HeapLimits.maxInputBytes();
      if (size > max) {
        throw new BadInputException(BadInputException.Kind.TOO_LARGE, "input is " + size + " bytes, above the " + max
            + "-byte limit for one frame" + (max < ReusableBuffer.MAX_INPUT_BYTES ? " (" + HeapLimits.inputShare() + ")" : ""));
      }
      return buffer.read(ch, size, uri);
    }
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
