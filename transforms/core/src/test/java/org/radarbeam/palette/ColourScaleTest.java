package org.radarbeam.palette;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 121 colours of the scale and the palette built from them, against imeteo-radar's key
 * colours and the colours its code gives for 10..85 dBZ.
 */
class ColourScaleTest {

  private static int[] rgbOf(int packed) {
    return new int[] {(packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF};
  }

  @Test
  void has121ColoursFromMinus35To85() {
    assertEquals(-35, ColourScale.MIN_DBZ);
    assertEquals(85, ColourScale.MAX_DBZ);
    assertEquals(121, ColourScale.SIZE);
    assertEquals(121, ColourScale.colours().length);
  }

  @Test
  void keyColoursMatchTheSpecTable() {
    for (int[] key : SpecRule.KEYS) {
      assertArrayEquals(new int[] {key[1], key[2], key[3]}, rgbOf(ColourScale.rgb(key[0])), "key colour of " + key[0] + " dBZ");
    }
  }

  @Test
  void derivedColoursFrom10To85MatchTheSpecList() {
    for (int d = 10; d <= 85; d++) {
      assertArrayEquals(SpecRule.DERIVED_10_TO_85[d - 10], rgbOf(ColourScale.rgb(d)), "colour of " + d + " dBZ");
    }
  }

  @Test
  void everyColourFollowsTheTruncatedInterpolationRule() {
    int[] all = ColourScale.colours();
    for (int d = -35; d <= 85; d++) {
      assertArrayEquals(SpecRule.colour(d), rgbOf(ColourScale.rgb(d)), "colour of " + d + " dBZ");
      assertEquals(ColourScale.rgb(d), all[d + 35], "colours()[" + (d + 35) + "]");
    }
  }

  @Test
  void specSelfCheckDerivedListFollowsTheRule() {
    // guards the test's own transcription of imeteo-radar's colours: list and rule must agree
    for (int d = 10; d <= 85; d++) {
      assertArrayEquals(SpecRule.DERIVED_10_TO_85[d - 10], SpecRule.colour(d), "spec list vs rule at " + d);
    }
  }

  @ParameterizedTest(name = "{0} dBZ -> {1},{2},{3}")
  @CsvSource({"-34, 23, 25, 27", "-1, 20, 82, 170", "9, 0, 132, 115", "-35, 0, 0, 0", "85, 252, 172, 252",
      "51, 241, 17, 0", "61, 154, 20, 19"})
  void selectedInterpolatedColours(int dbz, int r, int g, int b) {
    assertArrayEquals(new int[] {r, g, b}, rgbOf(ColourScale.rgb(dbz)));
  }

  @Test
  void outOfRangeDbzIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ColourScale.rgb(-36));
    assertThrows(IllegalArgumentException.class, () -> ColourScale.rgb(86));
  }

  @Test
  void coloursReturnsACopy() {
    int[] a = ColourScale.colours();
    a[0] = 0x123456;
    assertEquals(0, ColourScale.colours()[0]);
  }

  @Test
  void paletteHas122EntriesEntryZeroTransparentAndAll121ColoursDistinct() {
    assertEquals(122, RadarPalette.size());
    assertEquals(0, RadarPalette.argb(0), "entry 0 is fully transparent");
    Set<Integer> seen = new HashSet<>();
    for (int i = 1; i < RadarPalette.size(); i++) {
      assertEquals(0xFF000000 | RadarPalette.rgb(i), RadarPalette.argb(i), "entry " + i + " is opaque");
      seen.add(RadarPalette.rgb(i));
    }
    assertEquals(121, seen.size(), "121 distinct colours");
    Set<Integer> scale = new HashSet<>();
    for (int c : ColourScale.colours()) {
      scale.add(c);
    }
    assertEquals(121, scale.size(), "the scale's 121 colours are distinct");
    assertEquals(scale, seen);
  }

  @Test
  void paletteIndexOfEveryDbzHoldsItsColour() {
    Set<Integer> indices = new HashSet<>();
    for (int d = -35; d <= 85; d++) {
      int idx = RadarPalette.indexOfDbz(d);
      assertEquals(ColourScale.rgb(d), RadarPalette.rgb(idx), "palette colour of " + d + " dBZ");
      assertEquals(true, idx >= 1 && idx < RadarPalette.size(), "index of " + d + " dBZ in 1..121");
      indices.add(idx);
    }
    assertEquals(121, indices.size());
  }

  @Test
  void plteHoldsThePaletteThreeBytesPerEntry() {
    byte[] plte = RadarPalette.plte();
    assertEquals(3 * 122, plte.length);
    for (int i = 0; i < 122; i++) {
      int rgb = RadarPalette.rgb(i);
      assertArrayEquals(rgbOf(rgb), new int[] {plte[3 * i] & 0xFF, plte[3 * i + 1] & 0xFF, plte[3 * i + 2] & 0xFF}, "PLTE entry " + i);
    }
  }
}
