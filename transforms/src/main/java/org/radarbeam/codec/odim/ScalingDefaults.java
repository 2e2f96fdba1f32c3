package org.radarbeam.codec.odim;

import java.io.Serializable;

/**
 * What a provider's files mean when they leave a scaling attribute out, and whether raw 255 of
 * its 8-bit data is "no data". NaN for nodata/undetect means "no such sentinel".
 */
public final class ScalingDefaults implements Serializable {
  private static final long serialVersionUID = 1L;

  /** For ODIM files of unknown origin: identity scaling, sentinels only where the file has them. */
  public static final ScalingDefaults ODIM = new ScalingDefaults(1.0, 0.0, Double.NaN, Double.NaN, false);

  private final double gain;
  private final double offset;
  private final double nodata;
  private final double undetect;
  private final boolean raw255IsNodata;

  public ScalingDefaults(double gain, double offset, double nodata, double undetect, boolean raw255IsNodata) {
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

  public boolean raw255IsNodata() {
    return raw255IsNodata;
  }
}
