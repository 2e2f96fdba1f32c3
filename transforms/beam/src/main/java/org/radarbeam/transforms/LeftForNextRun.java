package org.radarbeam.transforms;

import org.radarbeam.http.TimeUpException;

/**
 * A frame whose input was not fetched because the run's time for requests was up: neither rendered nor
 * failed, the next run renders it. Thrown past the failure handling of {@link SameKeyFrames} to the step
 * that counts it ({@link RadarMetrics#left}).
 */
final class LeftForNextRun extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LeftForNextRun(TimeUpException cause) {
    super(cause.getMessage(), cause, false, false);
  }
}
