package org.radarbeam.model;

import java.io.Serializable;
import java.time.Instant;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** An input that could not be rendered, and the one-line reason why. */
@DefaultCoder(SerializableCoder.class)
public final class FailedFrame implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String uri;
  private final String source;
  private final Long nominalEpochSeconds;
  private final String kind;
  private final String message;

  public FailedFrame(String uri, String source, Long nominalEpochSeconds, String kind, String message) {
    this.uri = uri;
    this.source = source;
    this.nominalEpochSeconds = nominalEpochSeconds;
    this.kind = kind;
    this.message = message == null ? "" : message.replaceAll("[\\r\\n]+", " ");
  }

  public String uri() {
    return uri;
  }

  public String source() {
    return source;
  }

  public Long nominalEpochSeconds() {
    return nominalEpochSeconds;
  }

  public String kind() {
    return kind;
  }

  public String message() {
    return message;
  }

  /** One JSON object on one line: uri, source, nominalTime (ISO-8601 UTC or null), kind, message. */
  public String toJson() {
    StringBuilder s = new StringBuilder(128);
    s.append("{\"uri\":").append(quote(uri));
    s.append(",\"source\":").append(quote(source));
    s.append(",\"nominalTime\":").append(nominalEpochSeconds == null ? "null"
        : quote(Instant.ofEpochSecond(nominalEpochSeconds).toString()));
    s.append(",\"kind\":").append(quote(kind));
    s.append(",\"message\":").append(quote(message));
    return s.append('}').toString();
  }

  public static String quote(String v) {
    if (v == null) {
      return "null";
    }
    StringBuilder s = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"': s.append("\\\""); break;
        case '\\': s.append("\\\\"); break;
        case '\n': s.append("\\n"); break;
        case '\r': s.append("\\r"); break;
        case '\t': s.append("\\t"); break;
        default:
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
      }
    }
    return s.append('"').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FailedFrame && toJson().equals(((FailedFrame) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return uri + ": " + kind + ": " + message;
  }
}
