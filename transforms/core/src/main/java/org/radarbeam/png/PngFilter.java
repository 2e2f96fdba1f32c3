package org.radarbeam.png;

/** PNG row filters the writer can apply (the same one on every row). */
public enum PngFilter {
  NONE(0),
  SUB(1),
  UP(2);

  private final int code;

  PngFilter(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
