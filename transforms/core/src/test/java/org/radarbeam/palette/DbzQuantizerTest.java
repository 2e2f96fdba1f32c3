package org.radarbeam.palette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** imeteo-radar's 256-level quantisation and its 10 dBZ threshold. */
class DbzQuantizerTest {

  @ParameterizedTest(name = "level {0} -> {1} dBZ")
  @CsvSource({"95, 10", "96, 10", "97, 11", "254, 85", "255, 85", "0, -35", "1, -35", "2, -34", "128, 25"})
  void levelToDbz(int level, int dbz) {
    assertEquals(dbz, DbzQuantizer.dbzOfLevel(level));
    assertEquals(dbz, SpecRule.binOfLevel(level), "test's own rule");
  }

  @Test
  void everyLevelMatchesTheRule() {
    for (int i = 0; i < 256; i++) {
      assertEquals(SpecRule.binOfLevel(i), DbzQuantizer.dbzOfLevel(i), "level " + i);
    }
  }

  @Test
  void levelUsesFloat32InSpecOrder() {
    assertEquals(96, DbzQuantizer.level(10.6f));
    assertEquals(95, DbzQuantizer.level(10.0f));
    assertEquals(0, DbzQuantizer.level(-35f));
    assertEquals(0, DbzQuantizer.level(-100f));
    assertEquals(255, DbzQuantizer.level(85f));
    assertEquals(255, DbzQuantizer.level(1000f));
    Random rnd = new Random(7);
    for (int k = 0; k < 200_000; k++) {
      float x = -50f + 150f * rnd.nextFloat();
      assertEquals(SpecRule.level(x), DbzQuantizer.level(x), "level of " + x);
    }
    // level boundaries, probed one ulp apart
    for (int i = 1; i < 256; i++) {
      float edge = -35f + i * 120f / 255f;
      for (float x : new float[] {Math.nextDown(edge), edge, Math.nextUp(edge)}) {
        assertEquals(SpecRule.level(x), DbzQuantizer.level(x), "level near boundary " + i + " at " + x);
      }
    }
  }

  @Test
  void tenPointSixIsDrawnWithTheColourOf10() {
    assertEquals(RadarPalette.indexOfDbz(10), DbzQuantizer.paletteIndex(10.6f, 10.0));
    assertEquals(0x008C6C, RadarPalette.rgb(DbzQuantizer.paletteIndex(10.6f, 10.0)));
  }

  @Test
  void thresholdAt10IsInclusive() {
    assertEquals(0, DbzQuantizer.paletteIndex(9.99f, 10.0));
    assertEquals(0, DbzQuantizer.paletteIndex(Math.nextDown(10f), 10.0));
    assertFalse(DbzQuantizer.rendered(9.99f, 10.0));
    assertTrue(DbzQuantizer.rendered(10.0f, 10.0));
    assertEquals(RadarPalette.indexOfDbz(10), DbzQuantizer.paletteIndex(10.0f, 10.0));
  }

  @Test
  void nonFiniteValuesAreTransparent() {
    for (float x : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      assertFalse(DbzQuantizer.rendered(x, 10.0), "rendered " + x);
      assertEquals(0, DbzQuantizer.paletteIndex(x, 10.0), "index of " + x);
      assertEquals(0, DbzQuantizer.paletteIndex(x, -1000.0), "index of " + x + " with no threshold");
    }
  }

  @Test
  void thresholdIsConfigurable() {
    assertEquals(0, DbzQuantizer.paletteIndex(5f, 10.0));
    assertEquals(RadarPalette.indexOfDbz(5), DbzQuantizer.paletteIndex(5f, -30.0));
    assertEquals(RadarPalette.indexOfDbz(-30), DbzQuantizer.paletteIndex(-30f, -30.0));
    assertEquals(0, DbzQuantizer.paletteIndex(-30.01f, -30.0));
    assertEquals(0, DbzQuantizer.paletteIndex(20f, 30.0));
    assertNotEquals(0, DbzQuantizer.paletteIndex(30f, 30.0));
    // below the scale: clipped to level 0, the colour of -35
    assertEquals(RadarPalette.indexOfDbz(-35), DbzQuantizer.paletteIndex(-50f, -100.0));
    // above the scale: level 255, the colour of 85
    assertEquals(RadarPalette.indexOfDbz(85), DbzQuantizer.paletteIndex(200f, 10.0));
  }

  @Test
  void paletteIndexMatchesTheRuleOnADenseSweep() {
    for (double minDbz : new double[] {10.0, -30.0, 0.5}) {
      for (int k = 0; k <= 140_000; k++) {
        float x = -40f + k * 0.001f;
        assertEquals(SpecRule.index(x, minDbz), DbzQuantizer.paletteIndex(x, minDbz), "index of " + x + " min " + minDbz);
      }
    }
  }
}
