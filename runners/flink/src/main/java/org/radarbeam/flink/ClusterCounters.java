package org.radarbeam.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.radarbeam.pipeline.ExitStatus;
import org.radarbeam.transforms.RadarMetrics;

/**
 * The radarbeam counters ({@link RadarMetrics}) of a run on a Flink cluster as its REST API shows
 * them, summed over the pipeline's steps, and the exit status that follows from them ({@link ExitStatus}).
 *
 * <p>Beam's FlinkRunner gathers every Beam metric of a job into one Flink accumulator,
 * {@value #ACCUMULATOR}. Flink's REST API ({@code GET /jobs/:id/accumulators}) shows its value as
 * text: Beam's {@code GetJobMetricsResponse} in protobuf JSON, one MonitoringInfo per metric and step,
 * e.g. {@code {"urn":"beam:metric:user:sum_int64:v1","payload":"GA==","labels":{"NAMESPACE":"radarbeam",
 * "NAME":"frames_rendered","PTRANSFORM":"RenderFrames/..."}}}, the payload a base64 varint.
 */
public final class ClusterCounters {
  /** The Flink accumulator that holds the job's Beam metrics (FlinkMetricContainer.ACCUMULATOR_NAME). */
  public static final String ACCUMULATOR = "__metricscontainers";
  static final String SUM_INT64 = "beam:metric:user:sum_int64:v1";

  /** The counters every summary shows, in this order, even when zero. */
  static final String[] MAIN = {RadarMetrics.LISTED, RadarMetrics.SKIPPED, RadarMetrics.RENDERED, RadarMetrics.FAILED,
      RadarMetrics.WRITTEN, RadarMetrics.BYTES_WRITTEN};

  private final Map<String, Long> counters = new TreeMap<>();

  private ClusterCounters() {
    for (String m : MAIN) {
      counters.put(m, 0L);
    }
  }

  /** From the text of the {@value #ACCUMULATOR} accumulator as Flink's REST API shows it. */
  public static ClusterCounters fromAccumulatorText(String text) throws IOException {
    ClusterCounters c = new ClusterCounters();
    if (text == null || text.isBlank()) {
      return c;
    }
    JsonNode root = new ObjectMapper().readTree(text);
    JsonNode metrics = root.path("metrics");
    for (String kind : new String[] {"committed", "attempted"}) {
      JsonNode list = metrics.path(kind);
      if (!list.isArray() || list.isEmpty()) {
        continue;
      }
      for (JsonNode info : list) {
        JsonNode labels = info.path("labels");
        if (!SUM_INT64.equals(info.path("urn").asText()) || !RadarMetrics.NAMESPACE.equals(labels.path("NAMESPACE").asText())) {
          continue;
        }
        String payload = info.path("payload").asText("");
        c.add(labels.path("NAME").asText(), payload.isEmpty() ? 0 : varint(Base64.getDecoder().decode(payload)));
      }
      break; // committed values if any, else attempted ones
    }
    return c;
  }

  static long varint(byte[] b) {
    long v = 0;
    int shift = 0;
    for (byte x : b) {
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
      shift += 7;
      if (shift > 63) {
        break;
      }
    }
    throw new IllegalArgumentException("bad varint payload");
  }

  private void add(String name, long value) {
    counters.merge(name, value, Long::sum);
  }

  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  public Map<String, Long> all() {
    return Collections.unmodifiableMap(counters);
  }

  /** The run's exit status, by the pipeline's one rule ({@link ExitStatus}). */
  public int exitStatus() {
    return ExitStatus.ofCounters(this::get);
  }

  /** {@code counters: frames_listed=36 frames_skipped=0 ...} (the main counters first, then the others). */
  public String line() {
    StringBuilder sb = new StringBuilder("counters:");
    for (String m : MAIN) {
      sb.append(' ').append(m).append('=').append(get(m));
    }
    return sb.toString();
  }

  /** Every radarbeam counter, one per line, e.g. per source ({@code frames_rendered.dwd}). */
  public String table() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      sb.append(String.format(Locale.ROOT, "  %-28s %d%n", e.getKey(), e.getValue()));
    }
    return sb.toString();
  }
}
