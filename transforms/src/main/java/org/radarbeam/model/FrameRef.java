package org.radarbeam.model;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** One input frame to render: which source, where its file is, and its nominal time if known. */
@DefaultCoder(SerializableCoder.class)
public final class FrameRef implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String uri;
  private final Long nominalEpochSeconds;

  public FrameRef(String source, String uri, Long nominalEpochSeconds) {
    this.source = source;
    this.uri = uri;
    this.nominalEpochSeconds = nominalEpochSeconds;
  }

  public String source() {
    return source;
  }

  public String uri() {
    return uri;
  }

  /** Nominal UTC time as Unix seconds; null while unknown. */
  public Long nominalEpochSeconds() {
    return nominalEpochSeconds;
  }

  public FrameRef withNominal(Long epochSeconds) {
    return new FrameRef(source, uri, epochSeconds);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FrameRef)) {
      return false;
    }
    FrameRef f = (FrameRef) o;
    return source.equals(f.source) && uri.equals(f.uri) && Objects.equals(nominalEpochSeconds, f.nominalEpochSeconds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, uri, nominalEpochSeconds);
  }

  @Override
  public String toString() {
    return source + ":" + uri + (nominalEpochSeconds == null ? "" : "@" + nominalEpochSeconds);
  }
}
