package org.radarbeam.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.StringSetResult;
import org.radarbeam.transforms.RadarMetrics;

/** What a run did, read from its Beam counters, and the exit status that follows from it. */
public final class RunSummary {
  final long listed;
  final long skipped;
  final long rendered;
  final long failed;
  /** Files not rendered because another of the same key was (or was already written). */
  final long duplicates;
  /** Listed files whose time lies outside the window. */
  final long outsideWindow;
  final long written;
  final long bytesWritten;
  final long planned;
  final long unavailable;
  final long composites;
  /** Frames not fetched because the run's time for requests was up: the next run's. */
  final long left;
  /** --input patterns that could not be listed: their frames are missing, as failed ones are. */
  final long unlisted;
  final double seconds;
  final List<SourceSummary> sources = new ArrayList<>();
  /**
   * Composite slots not written, by reason (the per-reason slots_skipped counters), in the order of
   * {@link RadarMetrics#SLOT_SKIP_REASONS}; reasons with none left out.
   */
  final Map<String, Long> slotSkips = new LinkedHashMap<>();
  /** The run's counters by name, 0 for one never set: what the exit status is decided from. */
  private final ToLongFunction<String> counters;

  /**
   * One source's part of the run.
   *
   * @param newest the newest nominal time it has (rendered or already written), Unix seconds; null for none
   * @param ageMinutes how old that frame was at the end of the run; null for none
   */
  record SourceSummary(String id, long rendered, long skipped, long failed, Long newest, Long ageMinutes,
      boolean unavailable) {}

  /** @param counters the run's counters by name ({@link RadarMetrics}), 0 for one never set */
  RunSummary(ToLongFunction<String> counters, double seconds) {
    this.counters = counters;
    this.listed = counters.applyAsLong(RadarMetrics.LISTED);
    this.skipped = counters.applyAsLong(RadarMetrics.SKIPPED);
    this.rendered = counters.applyAsLong(RadarMetrics.RENDERED);
    this.failed = counters.applyAsLong(RadarMetrics.FAILED);
    this.duplicates = counters.applyAsLong(RadarMetrics.DUPLICATES);
    this.outsideWindow = counters.applyAsLong(RadarMetrics.OUTSIDE_WINDOW);
    this.written = counters.applyAsLong(RadarMetrics.WRITTEN);
    this.bytesWritten = counters.applyAsLong(RadarMetrics.BYTES_WRITTEN);
    this.planned = counters.applyAsLong(RadarMetrics.PLANNED);
    this.unavailable = counters.applyAsLong(RadarMetrics.SOURCES_UNAVAILABLE);
    this.composites = counters.applyAsLong(RadarMetrics.COMPOSITES);
    this.left = counters.applyAsLong(RadarMetrics.LEFT);
    this.unlisted = counters.applyAsLong(RadarMetrics.INPUTS_UNLISTED);
    this.seconds = seconds;
  }

  public static RunSummary of(PipelineResult result, double seconds, Iterable<String> sources, Instant now) {
    RunSummary s = ofCounters(name -> count(result, name), seconds);
    for (String src : sources) {
      Long newest = newest(result, src);
      Long ageMinutes = newest == null ? null : Math.max(0, (now.getEpochSecond() - newest) / 60);
      SourceSummary one = new SourceSummary(src, count(result, RadarMetrics.RENDERED + "." + src),
          count(result, RadarMetrics.SKIPPED + "." + src), count(result, RadarMetrics.FAILED + "." + src), newest,
          ageMinutes, count(result, RadarMetrics.SOURCES_UNAVAILABLE + "." + src) > 0);
      s.sources.add(one);
    }
    return s;
  }

  /**
   * The summary of a run's counters by name ({@link RadarMetrics}; 0 for one never set), without the
   * per-source lines: what a client that reads a cluster's counters prints.
   */
  public static RunSummary ofCounters(ToLongFunction<String> counters, double seconds) {
    RunSummary s = new RunSummary(counters, seconds);
    for (String reason : RadarMetrics.SLOT_SKIP_REASONS) {
      long n = counters.applyAsLong(RadarMetrics.SLOTS_SKIPPED + "." + reason);
      if (n > 0) {
        s.slotSkips.put(reason, n);
      }
    }
    return s;
  }

  /** The failure records the run made, as JSON lines in order (what --timeout's report is written from). */
  static List<String> failureRecords(PipelineResult result) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(RadarMetrics.NAMESPACE, RadarMetrics.FAILURE_RECORDS)).build());
    TreeSet<String> lines = new TreeSet<>();
    for (MetricResult<StringSetResult> r : q.getStringSets()) {
      StringSetResult v = value(r);
      if (v != null) {
        lines.addAll(v.getStringSet());
      }
    }
    return new ArrayList<>(lines);
  }

  private static Long newest(PipelineResult result, String source) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(RadarMetrics.NAMESPACE, RadarMetrics.NEWEST + "." + source)).build());
    Long max = null;
    for (MetricResult<DistributionResult> d : q.getDistributions()) {
      DistributionResult v = value(d);
      if (v != null && v.getCount() > 0) {
        max = max == null ? v.getMax() : Math.max(max, v.getMax());
      }
    }
    return max;
  }

  static long count(PipelineResult result, String name) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(RadarMetrics.NAMESPACE, name)).build());
    long sum = 0;
    for (MetricResult<Long> c : q.getCounters()) {
      Long v = value(c);
      sum += v == null ? 0 : v;
    }
    return sum;
  }

  /** The committed value where the runner keeps one, else the attempted one. */
  private static <T> T value(MetricResult<T> m) {
    try {
      return m.getCommitted();
    } catch (UnsupportedOperationException e) {
      return m.getAttempted();
    }
  }

  /** The run's exit status ({@link ExitStatus#ofCounters}). */
  public int exitStatus() {
    return ExitStatus.ofCounters(counters);
  }

  /** The exit status of the run cancelled by --timeout ({@link ExitStatus#ofTimedOut}). */
  int timedOutExitStatus() {
    // a composite the output refused is a failure, as in a finished run (ExitStatus.ofCounters)
    return ExitStatus.ofTimedOut(listed - outsideWindow, failed + slotSkips.getOrDefault(RadarMetrics.WRITE_FAILED, 0L),
        unlisted);
  }

  /** One line per source: rendered, skipped, failed, newest frame and its age (the data latency). */
  public List<String> sourceLines() {
    List<String> lines = new ArrayList<>(sources.size());
    for (SourceSummary s : sources) {
      String age = s.newest() == null ? "none"
          : Instant.ofEpochSecond(s.newest()) + " (age " + s.ageMinutes() + " min)";
      lines.add(String.format(Locale.ROOT, "  %s: rendered %d, skipped %d, failed %d, newest frame %s%s", s.id(),
          s.rendered(), s.skipped(), s.failed(), age, s.unavailable() ? ", provider unavailable" : ""));
    }
    return lines;
  }

  public String line(boolean dryRun) {
    double rate = seconds > 0 ? rendered / seconds : 0;
    if (dryRun) {
      return String.format(Locale.ROOT, "dry run: frames listed %d, already written %d, planned %d%s%s, %.1f s;"
          + " nothing written", listed, skipped, planned, duplicates > 0 ? ", duplicates " + duplicates : "",
          outsideWindow > 0 ? ", outside the window " + outsideWindow : "", seconds);
    }
    return String.format(Locale.ROOT,
        "summary: frames listed %d, skipped %d, rendered %d, failed %d%s%s, bytes written %d (%.1f MB), %.1f s,"
            + " %.2f frames/s%s",
        listed, skipped, rendered, failed, duplicates > 0 ? ", duplicates " + duplicates : "",
        outsideWindow > 0 ? ", outside the window " + outsideWindow : "", bytesWritten, bytesWritten / 1e6, seconds, rate,
        unavailable > 0 ? ", sources unavailable " + unavailable : "") + leftLine() + compositeLine();
  }

  /**
   * The summary as one JSON object (for --logFormat=json): the numbers of {@link #line}, each
   * source's with its newest frame and that frame's age, and {@code notes} (e.g. the failure report).
   */
  public String json(boolean dryRun, Map<String, String> notes) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode o = mapper.createObjectNode();
    o.put("summary", dryRun ? "dry run" : "run");
    o.put("listed", listed);
    o.put("skipped", skipped);
    o.put("duplicates", duplicates);
    o.put("outsideWindow", outsideWindow);
    if (dryRun) {
      o.put("planned", planned);
    } else {
      o.put("rendered", rendered);
      o.put("failed", failed);
      o.put("objectsWritten", written);
      o.put("bytesWritten", bytesWritten);
      o.put("sourcesUnavailable", unavailable);
      o.put("leftForNextRun", left);
      o.put("inputsNotListed", unlisted);
      o.put("compositesWritten", composites);
      ObjectNode slots = o.putObject("slotsSkipped");
      slotSkips.forEach(slots::put);
    }
    o.put("seconds", Math.round(seconds * 10) / 10.0);
    o.put("framesPerSecond", seconds > 0 ? Math.round(rendered / seconds * 100) / 100.0 : 0.0);
    ObjectNode bySource = o.putObject("sources");
    for (SourceSummary s : sources) {
      ObjectNode n = bySource.putObject(s.id());
      n.put("rendered", s.rendered());
      n.put("skipped", s.skipped());
      n.put("failed", s.failed());
      if (s.newest() == null) {
        n.putNull("newestFrame");
        n.putNull("newestFrameAgeMinutes");
      } else {
        n.put("newestFrame", Instant.ofEpochSecond(s.newest()).toString());
        n.put("newestFrameAgeMinutes", s.ageMinutes());
      }
      n.put("providerUnavailable", s.unavailable());
    }
    notes.forEach((k, v) -> {
      if (o.has(k)) {
        throw new IllegalArgumentException("a note may not replace the summary's " + k);
      }
      o.put(k, v);
    });
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of numbers and strings always serialises
    }
  }

  /**
   * Of a run cut short (--timeout, a signal), the listed frames no counter holds: in flight or not yet
   * reached when it stopped, or counted in a bundle the stop cut off. The next run takes them.
   */
  long notReached() {
    return Math.max(0, listed - skipped - rendered - failed - planned - duplicates - outsideWindow - left);
  }

  /** Inputs not listed and frames left for the next run, where there are any. */
  private String leftLine() {
    return (unlisted == 0 ? "" : String.format(Locale.ROOT, ", inputs not listed %d", unlisted))
        + (left == 0 ? "" : String.format(Locale.ROOT, ", left for the next run %d (the time for requests was up)", left));
  }

  /** The composites' part of the summary line, empty when the run made none and skipped none. */
  private String compositeLine() {
    if (composites == 0 && slotSkips.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "; composites written %d, slots skipped %s", composites,
        slotSkips.isEmpty() ? "0" : String.join(", ", slotSkips.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey()).toList()));
  }
}
