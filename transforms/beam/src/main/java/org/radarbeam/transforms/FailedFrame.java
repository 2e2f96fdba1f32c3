package org.radarbeam.transforms;

import java.io.Serializable;
import java.time.Instant;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.radarbeam.http.Redaction;
import org.radarbeam.output.Json;

/**
 * An input that could not be rendered, and the one-line reason why.
 *
 * @param kind why, as the failure report names it (e.g. {@code truncated}, {@code html}, {@code io})
 */
@DefaultCoder(FailedFrameCoder.class)
public record FailedFrame(String uri, String source, Long nominalEpochSeconds, String kind, String message)
    implements Serializable {

  public FailedFrame {
    // reports and logs are read by people: no URL's user info goes into them
    uri = Redaction.redact(uri);
    message = message == null ? "" : Redaction.redact(message.replaceAll("[\\r\\n]+", " "));
  }

  /** One JSON object on one line: uri, source, nominalTime (ISO-8601 UTC or null), kind, message. */
  public String toJson() {
    StringBuilder s = new StringBuilder(128);
    s.append("{\"uri\":").append(Json.quote(uri));
    s.append(",\"source\":").append(Json.quote(source));
    s.append(",\"nominalTime\":").append(nominalEpochSeconds == null ? "null"
        : Json.quote(Instant.ofEpochSecond(nominalEpochSeconds).toString()));
    s.append(",\"kind\":").append(Json.quote(kind));
    s.append(",\"message\":").append(Json.quote(message));
    return s.append('}').toString();
  }

  @Override
  public String toString() {
    return uri + ": " + kind + ": " + message;
  }
}
