package org.radarbeam.source;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one source's HEAD probing, logged every 10 s and at each 500th probe (a long window
 * is otherwise minutes of requests without a word), and once at the end if anything was logged.
 * The count's lines come at the same places however fast the provider answers.
 */
final class ProbeProgress {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);
  static final long EVERY_NANOS = 10_000_000_000L;
  static final int EVERY_PROBES = 500;

  private final String source;
  private final int total;
  private final LongSupplier nanos;
  private final Consumer<String> out;
  private long lastNanos;
  private int lastProbed;
  private boolean logged;

  ProbeProgress(String source, int total) {
    this(source, total, System::nanoTime, LOG::info);
  }

  /** With the clock and the log line's destination given (tests). */
  ProbeProgress(String source, int total, LongSupplier nanos, Consumer<String> out) {
    this.source = source;
    this.total = total;
    this.nanos = nanos;
    this.out = out;
    this.lastNanos = nanos.getAsLong();
  }

  /** After a batch: {@code probed} slots probed so far, {@code found} of them there. */
  void probed(int probed, int found) {
    long now = nanos.getAsLong();
    if (probed < total && (now - lastNanos >= EVERY_NANOS || probed / EVERY_PROBES > lastProbed / EVERY_PROBES)) {
      log(probed, found);
      lastNanos = now;
      lastProbed = probed;
    }
  }

  /** Probing ended after {@code probed} slots, {@code found} of them there. */
  void done(int probed, int found) {
    if (logged) {
      log(probed, found);
    }
  }

  private void log(int probed, int found) {
    logged = true;
    out.accept(source + ": probed " + probed + " of " + total + " slots, " + found + " found");
  }
}
