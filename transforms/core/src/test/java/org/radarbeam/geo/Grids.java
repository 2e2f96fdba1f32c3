package org.radarbeam.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.radarbeam.testing.RealData;

/** Grid geometries of the sources, as their files state them, and access to the real test data. */
final class Grids {
  private Grids() {}

  static final String DWD_PROJDEF = "+proj=stere +lat_ts=60 +lat_0=90 +lon_0=10 +x_0=543571.83521776402"
      + " +y_0=3622213.8619310022 +units=m +a=6378137 +b=6356752.3142451802 +no_defs";

  /** /where of testdata/real/dwd/composite_hx_test.hd5 (4400 x 4800, 250 m polar stereographic). */
  static GridGeometry dwd() {
    return new GridGeometry(DWD_PROJDEF, 4400, 4800, 250.0, 250.0,
        1.463301510256666, 55.862087108249824, 18.73161645466747, 55.845438563255755,
        3.5669946350078914, 45.696425377390064, 16.580869348598274, 45.68460578137082);
  }

  /** /where of testdata/real/shmu/radar_zmax.hdf (SHMU's Mercator on PROJ's sphere, trimmed to 64 x 48). */
  static GridGeometry shmu() {
    return new GridGeometry("+proj=merc +lon_0=18.7 +lat_0=0 +lon_ts=0 +lat_ts=48.43 +ellps=sphere", 64, 48,
        331.63612334801763, 482.57307692307694,
        13.6, 50.7, 23.804495372410756, 50.7, 13.6, 46.04688049237037, 23.8, 46.05);
  }

  /** OPERA CIRRUS (testdata/real/opera/T_PABV21_C_EUOC_20241126010000.hdf), 3800 x 4400 LAEA. */
  static GridGeometry opera() {
    return new GridGeometry("+proj=laea +lat_0=55.0 +lon_0=10.0 +x_0=1950000.0 +y_0=-2100000.0 +units=m +ellps=WGS84",
        3800, 4400, 1000, 1000,
        -39.5357864125034, 67.0228327624372, 57.8119647501499, 67.6210371071631,
        -10.4345768386404, 31.7462153182675, 29.421038635578, 31.987650276733);
  }

  static Path real() {
    return RealData.dir();
  }

  /** The bytes of a real file, or null when the shared test data is absent. */
  static byte[] realFileOrNull(String relative) throws IOException {
    Path p = real().resolve(relative);
    return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
  }

  /** Skips the calling test, with the reason, when {@code data} (from realFileOrNull) is absent. */
  static void assumeReal(Object data, String relative) {
    RealData.requireThat(data != null, real().resolve(relative).toAbsolutePath());
  }
}
