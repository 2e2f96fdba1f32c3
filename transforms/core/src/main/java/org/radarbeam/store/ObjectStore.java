package org.radarbeam.store;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** Where rendered objects go. Writes are all-or-nothing: no reader ever sees half an object. */
public interface ObjectStore extends Serializable {
  boolean exists(String key) throws IOException;

  default void write(String key, byte[] data, String contentType) throws IOException {
    write(key, ByteBuffer.wrap(data), contentType);
  }

  /**
   * Writes the bytes of {@code data} (an array-backed view from position 0, e.g. a renderer's own
   * buffer) under {@code key}, all or nothing; nothing is kept of {@code data} after the call.
   */
  void write(String key, ByteBuffer data, String contentType) throws IOException;

  /**
   * The most bytes {@link #read} reads: a month's manifest is under 3 MB and a full folder list (10000 names)
   * about 5 MB, while a file of other bytes, decoded as UTF-16 text, takes about three times its size from
   * a heap that workers share.
   */
  long MAX_READ_BYTES = 16L << 20;

  /**
   * The bytes of the object under {@code key}, for the small metadata files a run updates (not
   * images), at most {@link #MAX_READ_BYTES} (more is a {@link org.radarbeam.io.TooLargeException});
   * a missing object is a {@link java.io.FileNotFoundException}.
   */
  byte[] read(String key) throws IOException;

  /** A human-readable location of {@code key}, for logs and dry runs. */
  String describe(String key);

  /**
   * Hands {@code each} the keys below {@code folder} (a folder's key, without its trailing '/') from
   * {@code firstKey} to {@code lastKey} inclusive; only files directly in the folder. Stores that list
   * by range (S3) read only that range of a large folder, and none keeps the keys: a caller keeps what
   * it needs of a folder of any size.
   */
  void forEachKeyBetween(String folder, String firstKey, String lastKey, Consumer<String> each) throws IOException;

  /**
   * The keys that exist among {@code keys}, all below {@code commonPrefix}: stores that can list
   * cheaply answer with one listing of that prefix instead of one lookup per key.
   */
  default Set<String> existing(String commonPrefix, Set<String> keys) throws IOException {
    Set<String> out = new HashSet<>();
    for (String k : keys) {
      if (exists(k)) {
        out.add(k);
      }
    }
    return out;
  }
}
