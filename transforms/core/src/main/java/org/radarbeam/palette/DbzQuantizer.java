package org.radarbeam.palette;

/**
 * The exact rendering rule for one reflectivity value: which colour of the scale it gets, or none.
 *
 * <p>A value x is rendered iff it is finite and x >= the threshold. Its 256-level quantisation
 * index is floor(clip((x + 35) / 120 * 255, 0, 255)) computed in float32 in that order, and level
 * i takes the colour of integer dBZ floor(-35 + i * 120 / 255 + 0.5). The colour therefore follows
 * a 0.47 dBZ quantisation, not round(x): 10.6 dBZ is drawn with the colour of 10.
 */
public final class DbzQuantizer {
  public static final int LEVELS = 256;
  private static final int[] LEVEL_TO_DBZ = buildLevels();

  private DbzQuantizer() {}

  /** The 256-level quantisation index of a rendered value (float32 arithmetic). */
  public static int level(float x) {
    float scaled = ((x - (-35f)) / 120f) * 255f;
    if (!(scaled > 0f)) {
      return 0;
    }
    if (scaled >= 255f) {
      return 255;
    }
    return (int) scaled;
  }

  /** Integer dBZ whose colour quantisation level {@code level} takes. */
  public static int dbzOfLevel(int level) {
    return LEVEL_TO_DBZ[level];
  }

  /** Whether x is drawn at all under threshold {@code minDbz}. */
  public static boolean rendered(float x, double minDbz) {
    return !Float.isNaN(x) && !Float.isInfinite(x) && x >= minDbz;
  }

  /** Palette index of x: 0 (transparent) or the index of its colour in {@link RadarPalette}. */
  public static int paletteIndex(float x, double minDbz) {
    if (!rendered(x, minDbz)) {
      return 0;
    }
    return RadarPalette.indexOfDbz(LEVEL_TO_DBZ[level(x)]);
  }

  private static int[] buildLevels() {
    int[] out = new int[LEVELS];
    for (int i = 0; i < LEVELS; i++) {
      double v = -35.0 + i * 120.0 / 255.0;
      int d = (int) Math.floor(v + 0.5);
      out[i] = Math.max(ColourScale.MIN_DBZ, Math.min(ColourScale.MAX_DBZ, d));
    }
    return out;
  }
}
