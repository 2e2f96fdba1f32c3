package org.radarbeam.transforms;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * One input frame to render: which source, where its file is, and its nominal time if known.
 *
 * @param nominalEpochSeconds nominal UTC time as Unix seconds; null while unknown
 */
@DefaultCoder(SerializableCoder.class)
public record FrameRef(String source, String uri, Long nominalEpochSeconds) implements Serializable {

  public FrameRef withNominal(Long epochSeconds) {
    return new FrameRef(source, uri, epochSeconds);
  }

  @Override
  public String toString() {
    return source + ":" + uri + (nominalEpochSeconds == null ? "" : "@" + nominalEpochSeconds);
  }
}
