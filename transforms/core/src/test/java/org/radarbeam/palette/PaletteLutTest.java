package org.radarbeam.palette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw value to palette index tables, value by value against imeteo-radar's rendering rule ({@link SpecRule}). */
class PaletteLutTest {
  static final double DWD_GAIN = 0.002929821616590115;
  static final double DWD_OFFSET = -64.00292982161659;

  @Test
  void uint16WithDwdScalingAll65536Raws() {
    Scaling s = new Scaling(DWD_GAIN, DWD_OFFSET, 65535, 0, false);
    PaletteLut lut = new PaletteLut(SampleType.UINT16, s, 10.0);
    byte[] t = lut.table();
    assertEquals(65536, t.length);
    int rendered = 0;
    for (int raw = 0; raw < 65536; raw++) {
      int want = SpecRule.index(raw, DWD_GAIN, DWD_OFFSET, 65535, 0, false, false, 10.0);
      assertEquals(want, t[raw] & 0xFF, "table[" + raw + "]");
      assertEquals(want, lut.index(raw), "index(" + raw + ")");
      if (want != 0) {
        rendered++;
      }
    }
    assertEquals(0, t[0], "undetect");
    assertEquals(0, t[65535], "nodata");
    // 10 dBZ is reached at raw ceil((10 + 64.0029...) / gain); everything from there up to 85 dBZ draws
    assertEquals(true, rendered > 20000, "rendered raws " + rendered);
  }

  /**
   * A float32 raster stores its sentinels as floats: a nodata of 1e30 (no float) is the float nearest
   * it in the data, and still no data; a float64 raster compares exactly.
   */
  @Test
  void float32SentinelsCompareInFloat32() {
    Scaling s = new Scaling(1.0, 0.0, 1e30, -1e-30, false);
    PaletteLut f32 = new PaletteLut(SampleType.FLOAT32, s, 10.0);
    assertEquals(0, f32.index((float) 1e30), "nodata as stored");
    assertEquals(0, f32.index((float) -1e-30), "undetect as stored");
    assertEquals(true, f32.index(40.0f) != 0, "an echo");
    PaletteLut f64 = new PaletteLut(SampleType.FLOAT64, s, 10.0);
    assertEquals(0, f64.index(1e30));
    assertEquals(true, f64.index((float) 1e30) != 0, "float64 data compare exactly: another value");
  }

  @Test
  void uint16ThresholdEdgeRaw() {
    Scaling s = new Scaling(DWD_GAIN, DWD_OFFSET, 65535, 0, false);
    PaletteLut lut = new PaletteLut(SampleType.UINT16, s, 10.0);
    int first = -1;
    for (int raw = 1; raw < 65535; raw++) {
      if (s.physical(raw) >= 10f) {
        first = raw;
        break;
      }
    }
    assertEquals(0, lut.index(first - 1));
    assertEquals(RadarPalette.indexOfDbz(10), lut.index(first));
  }

  @ParameterizedTest(name = "raw255IsNodata={0}")
  @ValueSource(booleans = {true, false})
  void uint8All256Raws(boolean raw255IsNodata) {
    double gain = 0.5;
    double offset = -32;
    Scaling s = new Scaling(gain, offset, -32768, 0, raw255IsNodata);
    PaletteLut lut = new PaletteLut(SampleType.UINT8, s, 10.0);
    byte[] t = lut.table();
    assertEquals(256, t.length);
    for (int raw = 0; raw < 256; raw++) {
      int want = SpecRule.index(raw, gain, offset, -32768, 0, raw255IsNodata, true, 10.0);
      assertEquals(want, t[raw] & 0xFF, "table[" + raw + "]");
      assertEquals(want, lut.index(raw), "index(" + raw + ")");
    }
    // 255 * 0.5 - 32 = 95.5 dBZ: drawn as 85 unless 255 means no data
    assertEquals(raw255IsNodata ? 0 : RadarPalette.indexOfDbz(85), t[255] & 0xFF);
  }

  @ParameterizedTest(name = "raw255IsNodata={0}")
  @ValueSource(booleans = {true, false})
  void int8All256RawsAndRaw255RuleDoesNotApply(boolean raw255IsNodata) {
    double gain = 0.5;
    double offset = 32;
    Scaling s = new Scaling(gain, offset, -128, 0, raw255IsNodata);
    PaletteLut lut = new PaletteLut(SampleType.INT8, s, 10.0);
    byte[] t = lut.table();
    assertEquals(256, t.length);
    for (int bits = 0; bits < 256; bits++) {
      int raw = (byte) bits;
      int want = SpecRule.index(raw, gain, offset, -128, 0, raw255IsNodata, false, 10.0);
      assertEquals(want, t[bits] & 0xFF, "table[" + bits + "] (raw " + raw + ")");
      assertEquals(want, lut.index(raw), "index(" + raw + ")");
    }
    // bits 0xFF are raw -1 -> 31.5 dBZ for int8, never "raw 255"
    assertEquals(RadarPalette.indexOfDbz(SpecRule.binOfLevel(SpecRule.level(31.5f))), t[0xFF] & 0xFF);
    assertEquals(0, t[0x80] & 0xFF, "raw -128 = nodata");
  }

  @Test
  void uint8WithShmuScaling() {
    // the shmu radar_zmax file: gain 0.50196..., offset -32.50196..., nodata -1, undetect 0
    double gain = 0.5019685039370079;
    double offset = -32.50196850393701;
    Scaling s = new Scaling(gain, offset, -1, 0, true);
    byte[] t = new PaletteLut(SampleType.UINT8, s, 10.0).table();
    for (int raw = 0; raw < 256; raw++) {
      assertEquals(SpecRule.index(raw, gain, offset, -1, 0, true, true, 10.0), t[raw] & 0xFF, "raw " + raw);
    }
  }

  @Test
  void minDbzIsConfigurable() {
    Scaling s = new Scaling(0.5, -32, 255, 0, false);
    PaletteLut lut = new PaletteLut(SampleType.UINT8, s, -30.0);
    for (int raw = 0; raw < 256; raw++) {
      assertEquals(SpecRule.index(raw, 0.5, -32, 255, 0, false, true, -30.0), lut.index(raw), "raw " + raw);
    }
    assertEquals(RadarPalette.indexOfDbz(-30), lut.index(4)); // 4 * 0.5 - 32 = -30
    assertEquals(0, lut.index(3));
  }

  @Test
  void nanSentinelsMeanNoSentinel() {
    Scaling s = new Scaling(1, 0, Double.NaN, Double.NaN, false);
    PaletteLut lut = new PaletteLut(SampleType.UINT8, s, 10.0);
    assertEquals(RadarPalette.indexOfDbz(SpecRule.binOfLevel(SpecRule.level(255f))), lut.index(255));
    assertEquals(0, lut.index(0), "0 dBZ is below the threshold, not a sentinel");
  }

  @Test
  void wideTypesHaveNoTableButTheSameRule() {
    Scaling s = new Scaling(1, 0, -9999000, -8888000, false);
    for (SampleType type : new SampleType[] {SampleType.FLOAT32, SampleType.FLOAT64, SampleType.INT32, SampleType.UINT32}) {
      PaletteLut lut = new PaletteLut(type, s, 10.0);
      assertNull(lut.table(), type + " has no table");
      assertEquals(type, lut.type());
      for (double raw : new double[] {-9999000, -8888000, Double.NaN, Double.POSITIVE_INFINITY, 9.99, 10, 10.6, 47.3, 85, 120}) {
        assertEquals(SpecRule.index(raw, 1, 0, -9999000, -8888000, false, false, 10.0), lut.index(raw), type + " raw " + raw);
      }
    }
    assertNotNull(new PaletteLut(SampleType.INT16, s, 10.0).table());
  }

  @Test
  void int16TableIsIndexedByRawBits() {
    Scaling s = new Scaling(0.01, 0, -32768, 0, false);
    byte[] t = new PaletteLut(SampleType.INT16, s, 10.0).table();
    for (int bits = 0; bits < 65536; bits++) {
      int raw = (short) bits;
      assertEquals(SpecRule.index(raw, 0.01, 0, -32768, 0, false, false, 10.0), t[bits] & 0xFF, "bits " + bits);
    }
  }
}
