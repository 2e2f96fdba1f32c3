package org.radarbeam.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the states a job enters, once each and in order, from successive {@code GET /jobs/:id}
 * answers. A restart can be over within one poll interval, so the states are read from the answer's
 * {@code timestamps} (when the job last entered each state; 0 for never) rather than from its
 * current {@code state} alone, which a poll would see only while it lasts. Only the latest entry of
 * each state is known, so restarts between two polls show as one.
 */
final class JobStateLog {
  private final PrintStream out;
  /** The time of the newest state entry printed, in epoch milliseconds. */
  private long shownUpTo;
  private String last = "";

  JobStateLog(PrintStream out) {
    this.out = out;
  }

  /** Prints what {@code job} (a {@code GET /jobs/:id} answer) shows that was not printed before. */
  void update(JsonNode job) {
    List<Map.Entry<Long, String>> entered = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = job.path("timestamps").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      long t = e.getValue().asLong();
      if (t > shownUpTo) {
        entered.add(Map.entry(t, e.getKey()));
      }
    }
    entered.sort(Map.Entry.comparingByKey()); // stable: ties keep Flink's order of the states
    for (Map.Entry<Long, String> e : entered) {
      print(e.getKey(), e.getValue());
      shownUpTo = e.getKey();
    }
    String state = job.path("state").asText();
    if (!state.equals(last)) { // an answer without timestamps: the state as this poll sees it
      print(System.currentTimeMillis(), state);
    }
  }

  private void print(long epochMillis, String state) {
    out.printf(Locale.ROOT, "%s job %s%n", Instant.ofEpochMilli(epochMillis).toString().substring(11, 19), state);
    last = state;
  }
}
