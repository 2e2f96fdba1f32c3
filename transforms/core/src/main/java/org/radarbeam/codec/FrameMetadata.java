package org.radarbeam.codec;

import java.time.Instant;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;

/**
 * What every opened frame states about itself, whatever its format: the {@link RasterFrame}
 * accessors in one place. Formats extend it with how their raster is read.
 */
public abstract class FrameMetadata implements RasterFrame {
  private final int width;
  private final int height;
  private final SampleType sampleType;
  private final Scaling scaling;
  private final Instant nominalTime;
  private final GridGeometry geometry;
  private final String quantity;

  protected FrameMetadata(int width, int height, SampleType sampleType, Scaling scaling, Instant nominalTime,
      GridGeometry geometry, String quantity) {
    this.width = width;
    this.height = height;
    this.sampleType = sampleType;
    this.scaling = scaling;
    this.nominalTime = nominalTime;
    this.geometry = geometry;
    this.quantity = quantity;
  }

  @Override
  public final int width() {
    return width;
  }

  @Override
  public final int height() {
    return height;
  }

  @Override
  public final SampleType sampleType() {
    return sampleType;
  }

  @Override
  public final Scaling scaling() {
    return scaling;
  }

  @Override
  public final Instant nominalTime() {
    return nominalTime;
  }

  @Override
  public final GridGeometry geometry() {
    return geometry;
  }

  @Override
  public final String quantity() {
    return quantity;
  }
}
