package org.radarbeam.codec;

import java.io.Serializable;

/**
 * How raw values become reflectivity: value = raw * gain + offset, with raw sentinels for
 * "not scanned" (nodata) and "nothing detected" (undetect), both drawn transparent.
 *
 * <p>Sentinels are compared in the raw domain as doubles (never cast to int: real files carry
 * values such as DBL_MAX). NaN means "no such sentinel".
 */
public final class Scaling implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * What an ODIM file of unknown origin means when it leaves attributes out: identity scaling,
   * sentinels only where the file has them. Each source has its own defaults (SourceCatalog).
   */
  public static final Scaling ODIM_DEFAULTS = new Scaling(1.0, 0.0, Double.NaN, Double.NaN, false);

  private final double gain;
  private final double offset;
  private final double nodata;
  private final double undetect;
  private final boolean raw255IsNodata;

  public Scaling(double gain, double offset, double nodata, double undetect, boolean raw255IsNodata) {
    this.gain = gain;
    this.offset = offset;
    this.nodata = nodata;
    this.undetect = undetect;
    this.raw255IsNodata = raw255IsNodata;
  }

  public double gain() {
    return gain;
  }

  public double offset() {
    return offset;
  }

  public double nodata() {
    return nodata;
  }

  public double undetect() {
    return undetect;
  }

  /** Raw value 255 of 8-bit unsigned data also means no data (a rule of some providers). */
  public boolean raw255IsNodata() {
    return raw255IsNodata;
  }

  /** Whether a raw value is a sentinel (or NaN) rather than a measurement. */
  public boolean isMissing(double raw, SampleType type) {
    return Double.isNaN(raw)
        || raw == nodata
        || raw == undetect
        || (raw255IsNodata && type == SampleType.UINT8 && raw == 255);
  }

  /** Physical value in float32, the precision the reference images were computed in. */
  public float physical(double raw) {
    return (float) raw * (float) gain + (float) offset;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Scaling)) {
      return false;
    }
    Scaling s = (Scaling) o;
    return Double.compare(gain, s.gain) == 0
        && Double.compare(offset, s.offset) == 0
        && Double.compare(nodata, s.nodata) == 0
        && Double.compare(undetect, s.undetect) == 0
        && raw255IsNodata == s.raw255IsNodata;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(gain, offset, nodata, undetect, raw255IsNodata);
  }

  @Override
  public String toString() {
    return "gain=" + gain + " offset=" + offset + " nodata=" + nodata + " undetect=" + undetect
        + (raw255IsNodata ? " raw255=nodata" : "");
  }
}
