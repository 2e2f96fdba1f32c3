package org.radarbeam.composite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.geo.GridGeometry;
import org.radarbeam.geo.NativeGrid;
import org.radarbeam.geo.WebMercator;
import org.radarbeam.geo.WebMercatorGrid;
import org.radarbeam.palette.RadarPalette;
import org.radarbeam.palette.Scaling;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.testing.RealData;

/**
 * The merge: nearest-neighbour placement by the compositor's rules (checked pixel by pixel against
 * an exact per-pixel transform), the largest reflectivity wins, order does not matter.
 */
class SlotCompositeTest {
  static final String LONLAT = "+proj=longlat +datum=WGS84 +no_defs";
  static final String DWD_PROJDEF = "+proj=stere +lat_ts=60 +lat_0=90 +lon_0=10 +x_0=543571.83521776402"
      + " +y_0=3622213.861931002 +a=6378137 +b=6356752.314245179 +no_defs";

  /** A lon/lat grid whose corner pixel centres are (west, north) .. (east, south). */
  static GridGeometry lonLat(int w, int h, double west, double south, double east, double north) {
    return new GridGeometry(LONLAT, w, h, Double.NaN, Double.NaN, west, north, east, north, west, south, east, south);
  }

  @Test
  void paletteIndicesRiseWithReflectivitySoTheLargestIndexIsTheLargestDbz() {
    int prev = 0;
    for (int dbz = -35; dbz <= 85; dbz++) {
      int i = RadarPalette.indexOfDbz(dbz);
      assertTrue(i > prev, "palette index of " + dbz + " dBZ");
      prev = i;
    }
  }

  @Test
  void overlapsTakeTheLargerIndexAndTheOrderOfMembersDoesNotChangeAByte() {
    GridGeometry a = lonLat(200, 150, 10.0, 47.0, 16.0, 50.0);
    GridGeometry b = lonLat(120, 100, 14.0, 45.5, 19.0, 48.5);
    byte[] fa = filled(200 * 150, 40);
    byte[] fb = filled(120 * 100, 70);
    fb[0] = 0; // no echo in b's north-west corner: a shows through
    SlotComposite ab = new SlotComposite(CompositeGrid.at(2000));
    assertTrue(ab.add(fa, a, 200, 150));
    assertTrue(ab.add(fb, b, 120, 100));
    SlotComposite ba = new SlotComposite(CompositeGrid.at(2000));
    ba.add(fb, b, 120, 100);
    ba.add(fa, a, 200, 150);
    assertArrayEquals(ab.cells(), ba.cells());

    WebMercatorGrid g = ab.grid();
    assertEquals(40, at(ab, 11.0, 49.5));   // a only
    assertEquals(70, at(ab, 15.0, 48.0));   // both: b is larger
    assertEquals(70, at(ab, 18.0, 46.0));   // b only
    assertEquals(0, at(ab, 5.0, 52.0));     // neither
    assertEquals(40, at(ab, 14.0, 48.5));   // b's no-echo corner pixel lets a through
    int coloured = 0;
    for (byte v : ab.cells()) {
      coloured += v != 0 ? 1 : 0;
    }
    assertTrue(coloured > 0 && coloured < g.width() * g.height());

    ab.clear();
    assertTrue(Arrays.equals(new byte[ab.cells().length], ab.cells()), "clear makes every pixel transparent");
  }

  @Test
  void aClearedGridMergesTheNextSlotAsANewOneDoes() {
    GridGeometry north = lonLat(200, 150, 10.0, 50.0, 16.0, 53.0);
    GridGeometry south = lonLat(120, 100, 14.0, 45.5, 19.0, 48.5);
    GridGeometry middle = lonLat(150, 100, 8.0, 47.0, 20.0, 51.0);
    SlotComposite reused = new SlotComposite(CompositeGrid.at(2000));
    reused.add(filled(200 * 150, 40), north, 200, 150);
    reused.add(filled(120 * 100, 90), south, 120, 100); // rows far apart: all between must be cleared too
    reused.clear();
    assertTrue(Arrays.equals(new byte[reused.cells().length], reused.cells()), "cleared after two members");
    reused.add(filled(150 * 100, 20), middle, 150, 100);
    reused.clear();
    reused.clear(); // twice in a row is harmless
    reused.add(filled(120 * 100, 60), south, 120, 100);
    SlotComposite fresh = new SlotComposite(CompositeGrid.at(2000));
    fresh.add(filled(120 * 100, 60), south, 120, 100);
    assertArrayEquals(fresh.cells(), reused.cells());
  }

  @Test
  void aGridOutsideTheCompositeAddsNothing() {
    SlotComposite c = new SlotComposite(CompositeGrid.at(5000));
    assertFalse(c.add(filled(100, 50), lonLat(10, 10, -80.0, 30.0, -70.0, 40.0), 10, 10));
    assertTrue(Arrays.equals(new byte[c.cells().length], c.cells()));
  }

  @Test
  void lonLatMembersArePlacedAsTheCompositorPlacesThemPixelForPixel() {
    GridGeometry omsz = lonLat(961, 813, 13.5, 44.0, 25.5, 50.5);
    byte[] cells = random(961 * 813, 1);
    SlotComposite c = new SlotComposite(CompositeGrid.at(1000));
    c.add(cells, omsz, 961, 813);
    // random cells: every misplaced pixel shows, so this is the worst case of the 99% target
    assertAgreement(c, NativeGrid.of(omsz, 961, 813, NativeGrid.LonLatCorners.CENTRES), cells, 0.995);
  }

  @Test
  void theRealDwdFrameIsPlacedAsTheCompositorPlacesIt() throws Exception {
    byte[] file = Files.readAllBytes(RealData.require("dwd/composite_hx_test.hd5"));
    try (FrameRenderer r = new FrameRenderer(RenderSettings.defaults())) {
      FrameRenderer.Decoded d = r.decode(ByteBuffer.wrap(file), InputFormat.ODIM_H5, Scaling.ODIM_DEFAULTS);
      SlotComposite c = new SlotComposite(CompositeGrid.at(1000));
      assertTrue(c.add(d.indices(), d.geometry(), d.width(), d.height()));
      assertAgreement(c, NativeGrid.of(d.geometry(), d.width(), d.height()), d.indices(), 0.999);
    }
  }

  /**
   * Compares every composite pixel with the exact rule: its centre in the member's own grid, the
   * pixel it falls in (floor), transparent outside.
   */
  private static void assertAgreement(SlotComposite c, NativeGrid src, byte[] cells, double atLeast) {
    WebMercatorGrid g = c.grid();
    double[] xy = new double[2];
    long equal = 0;
    long coloured = 0;
    for (int v = 0; v < g.height(); v++) {
      for (int u = 0; u < g.width(); u++) {
        int expected = 0;
        double lon = WebMercator.lon(g.x(u + 0.5));
        double lat = WebMercator.lat(g.y(v + 0.5));
        if (src.crs().forward(lon, lat, xy)) {
          double col = Math.floor(src.col(xy[0]));
          double row = Math.floor(src.row(xy[1]));
          if (col >= 0 && row >= 0 && col < src.width() && row < src.height()) {
            expected = cells[(int) row * src.width() + (int) col] & 0xFF;
          }
        }
        int got = c.cells()[v * g.width() + u] & 0xFF;
        equal += got == expected ? 1 : 0;
        coloured += expected != 0 ? 1 : 0;
      }
    }
    double share = (double) equal / ((long) g.width() * g.height());
    System.out.printf("composite placement vs exact rule: %.5f%% equal (%d coloured pixels)%n", 100 * share, coloured);
    assertTrue(coloured > 1000, "the member covers part of the composite");
    assertTrue(share >= atLeast, "equal share " + share);
  }

  private static int at(SlotComposite c, double lon, double lat) {
    WebMercatorGrid g = c.grid();
    int u = (int) ((WebMercator.x(lon) - g.minX()) / g.resX());
    int v = (int) ((g.maxY() - WebMercator.y(lat)) / g.resY());
    return c.cells()[v * g.width() + u] & 0xFF;
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(RadarPalette.size());
    }
    return b;
  }
}
