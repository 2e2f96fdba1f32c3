package org.radarbeam.output;

/** The deterministic output key of a frame: {folder}/{unix_seconds}.png. */
public final class OutputKeys {
  private OutputKeys() {}

  public static String png(String folder, long nominalEpochSeconds) {
    return folder + "/" + nominalEpochSeconds + ".png";
  }
}
