package org.radarbeam.source;

/** How a provider's frames are found. */
public enum Discovery {
  /** One HTML directory index per directory, file names matched by pattern. */
  LISTING,
  /** No index: each candidate slot's URL is probed with HEAD. */
  PROBE,
  /** Only the newest file exists, under a fixed name; its time is in its header. */
  LATEST_ONLY
}
