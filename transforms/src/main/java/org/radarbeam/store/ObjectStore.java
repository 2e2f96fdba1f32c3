package org.radarbeam.store;

import java.io.IOException;
import java.io.Serializable;

/** Where rendered objects go. Writes are all-or-nothing: no reader ever sees half an object. */
public interface ObjectStore extends Serializable {
  boolean exists(String key) throws IOException;

  void write(String key, byte[] data, String contentType) throws IOException;

  /** A human-readable location of {@code key}, for logs and dry runs. */
  String describe(String key);
}
