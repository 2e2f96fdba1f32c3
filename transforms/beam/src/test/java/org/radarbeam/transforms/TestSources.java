package org.radarbeam.transforms;

import org.radarbeam.codec.InputFormat;
import org.radarbeam.palette.Scaling;
import org.radarbeam.source.Discovery;
import org.radarbeam.source.ProviderSpec;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.SourceIdentity;
import org.radarbeam.source.TimeTemplate;

/** Sources for the transform tests, shaped like the catalog's (which lives in the job, above this module). */
final class TestSources {
  /** DWD as the catalog has it, its provider on {@code base}. */
  static RadarSource dwd(String base) {
    return new RadarSource("dwd", "germany", InputFormat.ODIM_H5, new Scaling(1.0, 0.0, 65535, 0, false),
        TimeTemplate.nameRule("{yyyy}{MM}{dd}_{HH}{mm}(?!\\d)"),
        new ProviderSpec(base, "{base}/dmax/", "composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5", Discovery.LISTING, 15),
        new SourceIdentity("stere", 1.461077, 45.683144, 18.732899, 56.220458));
  }

  static final RadarSource DWD = dwd("https://opendata.dwd.de/weather/radar/composite");

  private TestSources() {}
}
