package org.radarbeam.palette;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed PNG palette: entry 0 is transparent, then one entry per distinct colour of the scale.
 *
 * <p>Bins that share a colour share an index, so the compressor sees as few symbols as possible.
 */
public final class RadarPalette {
  private static final int[] RGB_BY_INDEX;
  private static final int[] INDEX_BY_DBZ = new int[ColourScale.SIZE];

  static {
    Map<Integer, Integer> indexOfColour = new LinkedHashMap<>();
    for (int d = ColourScale.MIN_DBZ; d <= ColourScale.MAX_DBZ; d++) {
      int rgb = ColourScale.rgb(d);
      Integer idx = indexOfColour.get(rgb);
      if (idx == null) {
        idx = indexOfColour.size() + 1;
        indexOfColour.put(rgb, idx);
      }
      INDEX_BY_DBZ[d - ColourScale.MIN_DBZ] = idx;
    }
    RGB_BY_INDEX = new int[indexOfColour.size() + 1];
    indexOfColour.forEach((rgb, idx) -> RGB_BY_INDEX[idx] = rgb);
  }

  private RadarPalette() {}

  /** Number of palette entries including the transparent entry 0. */
  public static int size() {
    return RGB_BY_INDEX.length;
  }

  /** Packed 0xRRGGBB of palette entry {@code index} (entry 0 is black, drawn fully transparent). */
  public static int rgb(int index) {
    return RGB_BY_INDEX[index];
  }

  /** Packed 0xAARRGGBB as a decoder shows palette entry {@code index}. */
  public static int argb(int index) {
    return index == 0 ? 0 : 0xFF000000 | RGB_BY_INDEX[index];
  }

  public static int indexOfDbz(int dbz) {
    return INDEX_BY_DBZ[dbz - ColourScale.MIN_DBZ];
  }

  /** The PLTE chunk payload: 3 bytes per entry. */
  public static byte[] plte() {
    byte[] out = new byte[RGB_BY_INDEX.length * 3];
    for (int i = 0; i < RGB_BY_INDEX.length; i++) {
      out[3 * i] = (byte) (RGB_BY_INDEX[i] >> 16);
      out[3 * i + 1] = (byte) (RGB_BY_INDEX[i] >> 8);
      out[3 * i + 2] = (byte) RGB_BY_INDEX[i];
    }
    return out;
  }
}
