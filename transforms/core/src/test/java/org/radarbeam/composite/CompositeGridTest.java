package org.radarbeam.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.radarbeam.geo.WebMercatorGrid;

/** The composite grid's size, pixel size and bounds against the figures of the reproduced system. */
class CompositeGridTest {
  @Test
  void sizesAt250500And1000Metres() {
    check(500, 5548, 4345, 499.92, 499.99);
    check(1000, 2774, 2173, 999.84, 999.75);
    check(250, 11095, 8690, 249.98, 249.99);
  }

  @Test
  void pixelsAreStretchedToTheReferenceExtentExactly() {
    for (int res : new int[] {250, 500, 1000}) {
      double[] b = CompositeGrid.at(res).bounds();
      assertEquals(CompositeGrid.WEST, b[0], 1e-9);
      assertEquals(CompositeGrid.SOUTH, b[1], 1e-9);
      assertEquals(CompositeGrid.EAST, b[2], 1e-9);
      assertEquals(CompositeGrid.NORTH, b[3], 1e-9);
    }
    assertEquals(5548L * 4345, CompositeGrid.pixels(500));
  }

  @Test
  void aResolutionMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> CompositeGrid.at(0));
    assertThrows(IllegalArgumentException.class, () -> CompositeGrid.at(Double.NaN));
  }

  private static void check(int res, int width, int height, double resX, double resY) {
    WebMercatorGrid g = CompositeGrid.at(res);
    assertEquals(width, g.width(), "width at " + res + " m");
    assertEquals(height, g.height(), "height at " + res + " m");
    assertEquals(resX, g.resX(), 0.01, "pixel width at " + res + " m");
    assertEquals(resY, g.resY(), 0.01, "pixel height at " + res + " m");
  }
}
