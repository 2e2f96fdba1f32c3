package org.radarbeam.palette;

import java.io.Serializable;

/**
 * How raw values become reflectivity: value = raw * gain + offset, with raw sentinels for
 * "not scanned" (nodata) and "nothing detected" (undetect), both drawn transparent.
 *
 * <p>Sentinels are compared in the raw domain as doubles (never cast to int: real files carry
 * values such as DBL_MAX). NaN means "no such sentinel".
 *
 * @param raw255IsNodata raw value 255 of 8-bit unsigned data also means no data (a rule of some providers)
 */
public record Scaling(double gain, double offset, double nodata, double undetect, boolean raw255IsNodata)
    implements Serializable {

  /**
   * What an ODIM file of unknown origin means when it leaves attributes out: identity scaling,
   * sentinels only where the file has them. Each source has its own defaults (the source catalog).
   */
  public static final Scaling ODIM_DEFAULTS = new Scaling(1.0, 0.0, Double.NaN, Double.NaN, false);

  /** Whether a raw value is a sentinel (or NaN) rather than a measurement. */
  public boolean isMissing(double raw, SampleType type) {
    return Double.isNaN(raw)
        || is(raw, nodata, type)
        || is(raw, undetect, type)
        || (raw255IsNodata && type == SampleType.UINT8 && raw == 255);
  }

  /**
   * Whether raw value {@code raw} of {@code type} is the sentinel {@code value}: float32 data compare
   * in float32, as the file stores them (a nodata of 1e30 is stored as the nearest float, not 1e30).
   */
  public static boolean is(double raw, double value, SampleType type) {
    return raw == value || type == SampleType.FLOAT32 && (float) raw == (float) value;
  }

  /**
   * Whether values can be scaled at all: a gain that is not zero and an offset that is finite, both as
   * float32, the precision of {@link #physical} (a gain of 1e39 is finite as a double, infinite as a float).
   */
  public boolean usable() {
    float g = (float) gain;
    return g != 0 && Float.isFinite(g) && Float.isFinite((float) offset);
  }

  /** Physical value in float32, the precision the reference images were computed in. */
  public float physical(double raw) {
    return (float) raw * (float) gain + (float) offset;
  }

  @Override
  public String toString() {
    return "gain=" + gain + " offset=" + offset + " nodata=" + nodata + " undetect=" + undetect
        + (raw255IsNodata ? " raw255=nodata" : "");
  }
}
