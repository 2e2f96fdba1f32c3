package org.radarbeam.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import org.radarbeam.pipeline.ExitStatus;
import org.radarbeam.pipeline.RunSummary;

/**
 * What {@code bin/submit} prints when a job has ended: its final state, the failures it recovered
 * from, the radarbeam counters and the summary line; and the exit status they give.
 */
final class JobReport {
  private final FlinkRestClient rest;
  private final PrintStream out;
  private final PrintStream err;

  JobReport(FlinkRestClient rest, PrintStream out, PrintStream err) {
    this.rest = rest;
    this.out = out;
    this.err = err;
  }

  /** Prints the report of the ended job {@code job} ({@code GET /jobs/:id}) and returns the exit status. */
  int print(JsonNode job) throws IOException, InterruptedException {
    String id = job.path("jid").asText();
    String state = job.path("state").asText();
    double seconds = job.path("duration").asLong() / 1000.0;
    ClusterCounters c = ClusterCounters.fromAccumulatorText(rest.accumulator(id, ClusterCounters.ACCUMULATOR));
    JsonNode exceptions = rest.exceptions(id);
    JsonNode history = exceptions.path("exceptionHistory").path("entries");
    out.printf(Locale.ROOT, "final state: %s after %.1f s%n", state, seconds);
    out.println("failures recovered: " + (state.equals("FINISHED") ? history.size() : Math.max(0, history.size() - 1)));
    for (JsonNode e : history) {
      out.println("  " + failure(e));
    }
    out.println(c.line());
    out.print(c.table());
    out.println(RunSummary.ofCounters(c::get, seconds).line(false)); // radar.jar's line, from the cluster's counters
    if (!state.equals("FINISHED")) {
      String root = exceptions.path("root-exception").asText("");
      if (!root.isEmpty()) {
        err.println("job " + state + ": " + FlinkRestClient.cause(root));
      }
      // a job that failed crashed as a Direct run that throws does; one cancelled did not finish
      return state.equals("FAILED") ? ExitStatus.CRASHED : ExitStatus.NOTHING_DONE;
    }
    int status = c.exitStatus();
    out.println("exit status " + status);
    return status;
  }

  /** One recovered failure: when, on which TaskManager, the cause, in which task. */
  private static String failure(JsonNode e) {
    String task = e.path("taskName").asText("");
    return Instant.ofEpochMilli(e.path("timestamp").asLong()).toString().substring(11, 19) + " "
        + (e.path("taskManagerId").isMissingNode() || e.path("taskManagerId").isNull() ? ""
            : "on " + e.path("taskManagerId").asText() + ": ")
        + FlinkRestClient.cause(e.path("stacktrace").asText(e.path("exceptionName").asText()))
        + (task.isEmpty() ? "" : " (task " + (task.length() > 80 ? task.substring(0, 80) + "..." : task) + ")");
  }
}
