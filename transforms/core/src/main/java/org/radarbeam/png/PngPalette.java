package org.radarbeam.png;

import org.radarbeam.palette.RadarPalette;

/**
 * The colours of an indexed PNG: its PLTE payload (3 bytes per entry) and tRNS payload (one alpha
 * per entry, trailing opaque entries left out as PNG allows).
 */
public record PngPalette(byte[] plte, byte[] trns) {
  /** Refuses what the PNG specification does not allow: 1 to 256 entries, and no more alphas than entries. */
  public PngPalette {
    if (plte.length == 0 || plte.length % 3 != 0 || plte.length > 3 * 256) {
      throw new IllegalArgumentException("a PLTE holds 1 to 256 entries of 3 bytes, got " + plte.length + " bytes");
    }
    if (trns.length > plte.length / 3) {
      throw new IllegalArgumentException("tRNS has " + trns.length + " alphas for " + plte.length / 3 + " entries");
    }
  }

  /** The radar colour scale, entry 0 transparent. */
  public static final PngPalette RADAR = new PngPalette(RadarPalette.plte(), new byte[] {0});

  /** A palette of packed 0xAARRGGBB colours, entry i = {@code argb[i]}. */
  public static PngPalette of(int... argb) {
    byte[] plte = new byte[argb.length * 3];
    byte[] trns = new byte[argb.length];
    for (int i = 0; i < argb.length; i++) {
      plte[3 * i] = (byte) (argb[i] >> 16);
      plte[3 * i + 1] = (byte) (argb[i] >> 8);
      plte[3 * i + 2] = (byte) argb[i];
      trns[i] = (byte) (argb[i] >>> 24);
    }
    return new PngPalette(plte, trns);
  }
}
