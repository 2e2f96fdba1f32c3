package org.radarbeam.model;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** A rendered PNG on its way to the store, with what the pipeline reports about it. */
@DefaultCoder(SerializableCoder.class)
public final class RenderedFrame implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String uri;
  private final String key;
  private final long nominalEpochSeconds;
  private final int width;
  private final int height;
  private final byte[] png;
  private final double[] bounds;

  /**
   * @param bounds WGS84 bounds of the image as placed on a map: west, south, east, north (NaN
   *     where the file does not say)
   */
  public RenderedFrame(String source, String uri, String key, long nominalEpochSeconds, int width, int height, byte[] png,
      double[] bounds) {
    this.source = source;
    this.uri = uri;
    this.key = key;
    this.nominalEpochSeconds = nominalEpochSeconds;
    this.width = width;
    this.height = height;
    this.png = png;
    this.bounds = bounds.clone();
  }

  public String source() {
    return source;
  }

  public String uri() {
    return uri;
  }

  public String key() {
    return key;
  }

  public long nominalEpochSeconds() {
    return nominalEpochSeconds;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public byte[] png() {
    return png;
  }

  /** WGS84 west, south, east, north of the image. */
  public double[] bounds() {
    return bounds.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RenderedFrame)) {
      return false;
    }
    RenderedFrame f = (RenderedFrame) o;
    return key.equals(f.key) && uri.equals(f.uri) && source.equals(f.source)
        && nominalEpochSeconds == f.nominalEpochSeconds && width == f.width && height == f.height
        && java.util.Arrays.equals(png, f.png);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(key, uri, nominalEpochSeconds);
  }

  @Override
  public String toString() {
    return uri + " -> " + key + " (" + width + "x" + height + ", " + png.length + " bytes)";
  }
}
