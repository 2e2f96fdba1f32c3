package org.radarbeam.png;

/** Produces an image one row at a time, so a whole destination image never has to exist. */
@FunctionalInterface
public interface RowSource {
  /** Writes row {@code y} (first row north) into {@code dst[off .. off + width)}. */
  void row(int y, byte[] dst, int off);
}
