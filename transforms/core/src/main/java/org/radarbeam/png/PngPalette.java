package org.radarbeam.png;

import org.radarbeam.palette.RadarPalette;

/**
 * The colours of an indexed PNG: its PLTE payload (3 bytes per entry) and tRNS payload (one alpha
 * per entry, trailing opaque entries left out as PNG allows).
 */
public record PngPalette(byte[] plte, byte[] trns) {
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
