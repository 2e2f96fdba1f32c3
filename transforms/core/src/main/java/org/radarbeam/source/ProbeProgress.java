package org.radarbeam.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one source's HEAD probing, logged every 10 s or 500 probes (a long window is
 * otherwise minutes of requests without a word), and once at the end if anything was logged.
 */
final class ProbeProgress {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);
  static final long EVERY_NANOS = 10_000_000_000L;
  static final int EVERY_PROBES = 500;

  private final String source;
  private final int total;
  private long lastNanos = System.nanoTime();
  private int lastProbed;
  private boolean logged;

  ProbeProgress(String source, int total) {
    this.source = source;
    this.total = total;
  }

  /** After a batch: {@code probed} slots probed so far, {@code found} of them there. */
  void probed(int probed, int found) {
    long now = System.nanoTime();
    if (probed < total && (now - lastNanos >= EVERY_NANOS || probed - lastProbed >= EVERY_PROBES)) {
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
    LOG.info("{}: probed {} of {} slots, {} found", source, probed, total, found);
  }
}
