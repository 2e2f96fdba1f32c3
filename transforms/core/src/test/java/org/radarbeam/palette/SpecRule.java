package org.radarbeam.palette;

/**
 * imeteo-radar's rendering rule (float32 scaling, its colour scale, the 256-level quantisation
 * and the 10 dBZ threshold), written out independently of the main code, so tests can compute the
 * expected palette index of every pixel.
 */
public final class SpecRule {
  /** Key colours of imeteo-radar's colour scale: dBZ, r, g, b. */
  public static final int[][] KEYS = {
    {-35, 0, 0, 0}, {-30, 115, 126, 139}, {-25, 105, 117, 130}, {-20, 172, 196, 212},
    {-15, 140, 172, 200}, {-10, 96, 140, 188}, {-5, 52, 108, 180}, {0, 12, 76, 168},
    {5, 0, 100, 144}, {10, 0, 140, 108}, {15, 0, 180, 64}, {20, 0, 232, 12},
    {25, 84, 240, 0}, {30, 208, 228, 0}, {35, 252, 204, 0}, {40, 252, 168, 0},
    {45, 252, 100, 0}, {50, 248, 20, 0}, {55, 216, 8, 0}, {60, 152, 16, 0},
    {65, 164, 40, 96}, {70, 204, 72, 200}, {75, 244, 108, 244}, {80, 252, 140, 252},
    {85, 252, 172, 252},
  };

  /** The colours imeteo-radar's code gives for 10..85 dBZ, as printed by running it. */
  public static final int[][] DERIVED_10_TO_85 = {
    {0, 140, 108}, {0, 148, 99}, {0, 156, 90}, {0, 164, 81}, {0, 172, 72}, {0, 180, 64},
    {0, 190, 53}, {0, 200, 43}, {0, 211, 32}, {0, 221, 22}, {0, 232, 12}, {16, 233, 9},
    {33, 235, 7}, {50, 236, 4}, {67, 238, 2}, {84, 240, 0}, {108, 237, 0}, {133, 235, 0},
    {158, 232, 0}, {183, 230, 0}, {208, 228, 0}, {216, 223, 0}, {225, 218, 0}, {234, 213, 0},
    {243, 208, 0}, {252, 204, 0}, {252, 196, 0}, {252, 189, 0}, {252, 182, 0}, {252, 175, 0},
    {252, 168, 0}, {252, 154, 0}, {252, 140, 0}, {252, 127, 0}, {252, 113, 0}, {252, 100, 0},
    {251, 84, 0}, {250, 68, 0}, {249, 52, 0}, {248, 36, 0}, {248, 20, 0}, {241, 17, 0},
    {235, 15, 0}, {228, 12, 0}, {222, 10, 0}, {216, 8, 0}, {203, 9, 0}, {190, 11, 0},
    {177, 12, 0}, {164, 14, 0}, {152, 16, 0}, {154, 20, 19}, {156, 25, 38}, {159, 30, 57},
    {161, 35, 76}, {164, 40, 96}, {172, 46, 116}, {180, 52, 137}, {188, 59, 158}, {196, 65, 179},
    {204, 72, 200}, {212, 79, 208}, {220, 86, 217}, {228, 93, 226}, {236, 100, 235},
    {244, 108, 244}, {245, 114, 245}, {247, 120, 247}, {248, 127, 248}, {250, 133, 250},
    {252, 140, 252}, {252, 146, 252}, {252, 152, 252}, {252, 159, 252}, {252, 165, 252},
    {252, 172, 252},
  };

  private SpecRule() {}

  /** R, g, b of integer dBZ d: interpolated between the keys either side and truncated. */
  public static int[] colour(int d) {
    for (int k = 0; k < KEYS.length; k++) {
      if (KEYS[k][0] == d) {
        return new int[] {KEYS[k][1], KEYS[k][2], KEYS[k][3]};
      }
    }
    for (int k = 0; k + 1 < KEYS.length; k++) {
      int[] lo = KEYS[k];
      int[] hi = KEYS[k + 1];
      if (lo[0] < d && d < hi[0]) {
        int[] out = new int[3];
        for (int c = 1; c <= 3; c++) {
          double v = lo[c] + (double) (d - lo[0]) / (hi[0] - lo[0]) * (hi[c] - lo[c]);
          out[c - 1] = (int) v; // truncation toward zero
        }
        return out;
      }
    }
    throw new IllegalArgumentException("dBZ " + d + " outside -35..85");
  }

  /** Value = raw * gain + offset, in float32 as imeteo-radar computes it. */
  public static float physical(double raw, double gain, double offset) {
    return (float) raw * (float) gain + (float) offset;
  }

  /** Level = floor(clip(((x + 35) / 120) * 255, 0, 255)), in float32 and in that order as imeteo-radar computes it. */
  public static int level(float x) {
    float s = ((x + 35f) / 120f) * 255f;
    float clipped = Math.max(0f, Math.min(255f, s));
    return (int) Math.floor(clipped);
  }

  /** Level i takes the colour of bin floor(-35 + i * 120 / 255 + 0.5), integer dBZ d owning [d - 0.5, d + 0.5). */
  public static int binOfLevel(int level) {
    return (int) Math.floor(-35.0 + level * 120.0 / 255.0 + 0.5);
  }

  /** Palette index of physical value x: 0 if not finite or below minDbz. */
  public static int index(float x, double minDbz) {
    if (Float.isNaN(x) || Float.isInfinite(x) || x < minDbz) {
      return 0;
    }
    return RadarPalette.indexOfDbz(binOfLevel(level(x)));
  }

  /** Palette index of a raw value under the given scaling (sentinels transparent). */
  public static int index(double raw, double gain, double offset, double nodata, double undetect,
      boolean raw255IsNodata, boolean uint8, double minDbz) {
    if (Double.isNaN(raw) || raw == nodata || raw == undetect || (raw255IsNodata && uint8 && raw == 255)) {
      return 0;
    }
    return index(physical(raw, gain, offset), minDbz);
  }
}
