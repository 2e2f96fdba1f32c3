package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The composite: all requested sources merged on one Central-European grid per 5-minute slot. */
public interface CompositeOptions extends PipelineOptions {
  @Description("Also render, for each slot, the per-pixel maximum of the requested sources on one Web Mercator grid"
      + " over W 1.461077 E 26.376516 S 44.001479 N 56.398335, written to {output}/composite/{unix}.png with its"
      + " extent in extent/composite/ and coverage masks in mask/{source}/ and mask/composite/ of the data prefix.")
  @Default.Boolean(false)
  boolean getComposite();

  void setComposite(boolean value);

  @Description("Pixel size of the composite grid in metres (100..10000); 500 gives 5548 x 4345 pixels, 1000 gives"
      + " 2774 x 2173, 250 gives 11095 x 8690 (which needs --maxPixels above its 96 million pixels).")
  @Default.Integer(500)
  int getCompositeResolution();

  void setCompositeResolution(int value);

  @Description("With --composite: also write each member's own image (skipped where it exists). false writes"
      + " composites only; without --composite it is refused.")
  @Default.Boolean(true)
  boolean getIndividual();

  void setIndividual(boolean value);

  @Description("With --composite: a slot is written only when at least this many core sources (all but arso) could be"
      + " merged; otherwise the summary counts it as skipped.")
  @Default.Integer(3)
  int getMinSources();

  void setMinSources(int value);

  @Description("With --composite and --latest: how far a source's frame may lie from a slot's time to join it,"
      + " ISO-8601 duration.")
  @Default.String("PT2M")
  String getTimestampTolerance();

  void setTimestampTolerance(String value);

  @Description("With --composite and --latest: a source whose newest frame is older than this is left out of the"
      + " slots (it does not hold them back), ISO-8601 duration.")
  @Default.String("PT30M")
  String getMaxDataAge();

  void setMaxDataAge(String value);
}
