package org.radarbeam.transforms;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * A rendered PNG on its way to the store, with what the pipeline reports about it.
 *
 * @param bounds WGS84 bounds of the image as placed on a map: west, south, east, north (NaN where
 *     the file does not say)
 */
@DefaultCoder(SerializableCoder.class)
public record RenderedFrame(String source, String uri, String key, long nominalEpochSeconds, int width, int height,
    byte[] png, double[] bounds) implements Serializable {

  /** Equal when every field is, the PNG and bounds by content (a record compares arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof RenderedFrame f && nominalEpochSeconds == f.nominalEpochSeconds && width == f.width
        && height == f.height && source.equals(f.source) && uri.equals(f.uri) && key.equals(f.key)
        && Arrays.equals(png, f.png) && Arrays.equals(bounds, f.bounds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, uri, nominalEpochSeconds);
  }

  @Override
  public String toString() {
    return uri + " -> " + key + " (" + width + "x" + height + ", " + png.length + " bytes)";
  }
}
