package org.radarbeam.transforms;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A frame rendered and written under its key, with what the pipeline reports about it. The PNG
 * itself never travels between steps: it is written from the renderer's buffer where it was made.
 *
 * @param source the source, with its grid for a source keyed by grid ({@code odim/800x1090-1a2b3c4d}): the
 *     extent the frame belongs to
 * @param bytes the size of the PNG written
 * @param bounds WGS84 bounds of the image as placed on a map: west, south, east, north (NaN where
 *     the file does not say)
 */
@DefaultCoder(WrittenFrameCoder.class)
public record WrittenFrame(String source, String uri, String key, long nominalEpochSeconds, int width, int height,
    long bytes, double[] bounds) implements Serializable {

  /** Equal when every field is, the bounds by content (a record compares arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof WrittenFrame f && nominalEpochSeconds == f.nominalEpochSeconds && width == f.width
        && height == f.height && bytes == f.bytes && source.equals(f.source) && uri.equals(f.uri)
        && key.equals(f.key) && Arrays.equals(bounds, f.bounds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, uri, nominalEpochSeconds);
  }

  /** Whether the image's place on a map is known: all four bounds are numbers. */
  boolean placed() {
    return !Double.isNaN(bounds[0]) && !Double.isNaN(bounds[1]) && !Double.isNaN(bounds[2]) && !Double.isNaN(bounds[3]);
  }

  /**
   * The bounds as text, "west,south,east,north": the form in which steps that keep one frame's
   * bounds per group compare and pass them on ({@link #parseBounds} reads it back).
   */
  String boundsText() {
    return bounds[0] + "," + bounds[1] + "," + bounds[2] + "," + bounds[3];
  }

  /** The bounds of a {@link #boundsText}. */
  static double[] parseBounds(String text) {
    String[] p = text.split(",");
    return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
        Double.parseDouble(p[3])};
  }

  @Override
  public String toString() {
    return uri + " -> " + key + " (" + width + "x" + height + ", " + bytes + " bytes)";
  }
}
