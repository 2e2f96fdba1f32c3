package org.radarbeam.palette;

import java.util.Arrays;

/**
 * The SHMU reflectivity colour scale: 121 colours, one per integer dBZ from -35 to 85.
 *
 * <p>Non-key values are interpolated linearly between the neighbouring key colours and truncated
 * toward zero per channel, which is the rule of the system whose images radarbeam reproduces.
 */
public final class ColourScale {
  public static final int MIN_DBZ = -35;
  public static final int MAX_DBZ = 85;
  public static final int SIZE = MAX_DBZ - MIN_DBZ + 1;

  /** Key colours: dBZ, r, g, b. */
  private static final int[][] KEYS = {
    {-35, 0, 0, 0}, {-30, 115, 126, 139}, {-25, 105, 117, 130}, {-20, 172, 196, 212},
    {-15, 140, 172, 200}, {-10, 96, 140, 188}, {-5, 52, 108, 180}, {0, 12, 76, 168},
    {5, 0, 100, 144}, {10, 0, 140, 108}, {15, 0, 180, 64}, {20, 0, 232, 12},
    {25, 84, 240, 0}, {30, 208, 228, 0}, {35, 252, 204, 0}, {40, 252, 168, 0},
    {45, 252, 100, 0}, {50, 248, 20, 0}, {55, 216, 8, 0}, {60, 152, 16, 0},
    {65, 164, 40, 96}, {70, 204, 72, 200}, {75, 244, 108, 244}, {80, 252, 140, 252},
    {85, 252, 172, 252},
  };

  private static final int[] RGB = build();

  private ColourScale() {}

  /** Packed 0xRRGGBB colour of integer dBZ {@code dbz} in [-35, 85]. */
  public static int rgb(int dbz) {
    if (dbz < MIN_DBZ || dbz > MAX_DBZ) {
      throw new IllegalArgumentException("dBZ " + dbz + " outside the colour scale [-35, 85]");
    }
    return RGB[dbz - MIN_DBZ];
  }

  /** All 121 colours, index 0 = -35 dBZ. */
  public static int[] colours() {
    return Arrays.copyOf(RGB, RGB.length);
  }

  private static int[] build() {
    int[] out = new int[SIZE];
    for (int k = 0; k < KEYS.length - 1; k++) {
      int[] lo = KEYS[k];
      int[] hi = KEYS[k + 1];
      for (int d = lo[0]; d < hi[0]; d++) {
        double t = (double) (d - lo[0]) / (hi[0] - lo[0]);
        int r = (int) (lo[1] + t * (hi[1] - lo[1]));
        int g = (int) (lo[2] + t * (hi[2] - lo[2]));
        int b = (int) (lo[3] + t * (hi[3] - lo[3]));
        out[d - MIN_DBZ] = (r << 16) | (g << 8) | b;
      }
    }
    int[] last = KEYS[KEYS.length - 1];
    out[SIZE - 1] = (last[1] << 16) | (last[2] << 8) | last[3];
    return out;
  }
}
