package org.radarbeam.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The one class every file-name and URL time pattern goes through. */
class TimeTemplateTest {
  private static final Instant T = Instant.parse("2025-11-17T15:05:30Z");

  @Test
  void aLiteralTemplateExpandsInUtcAndReadsItsOwnNamesBack() {
    TimeTemplate dwd = TimeTemplate.literal("composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5");
    assertEquals("composite_dmax_20251117_1505-hd5", dwd.expand(T));
    assertEquals(Instant.parse("2025-11-17T15:05:00Z"), dwd.timeIn("composite_dmax_20251117_1505-hd5"));
    // the whole name must match, and its other characters are plain text, not regex
    assertNull(dwd.timeIn("xcomposite_dmax_20251117_1505-hd5"));
    assertNull(TimeTemplate.literal("a.{yyyy}").timeIn("ab2025"));
  }

  /** Provider URLs and archive prefixes are ASCII whatever the JVM's locale (Arabic, Persian, Thai digits...). */
  @Test
  void expandsInAsciiDigitsWhateverTheLocale() {
    Locale before = Locale.getDefault();
    try {
      for (Locale l : List.of(Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("fa-IR"),
          Locale.forLanguageTag("th-TH-u-nu-thai"))) {
        Locale.setDefault(l);
        assertEquals("composite_dmax_20251117_0905-hd5",
            TimeTemplate.literal("composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5").expand(Instant.parse("2025-11-17T09:05:00Z")),
            l.toString());
      }
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aNameRuleIsFoundAnywhereInAName() {
    TimeTemplate shmu = TimeTemplate.nameRule("_C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}");
    assertEquals(Instant.parse("2013-03-13T07:55:00Z"), shmu.timeIn("T_PAGZ41_C_LZIB_20130313075500.hdf"));
    TimeTemplate imgw = TimeTemplate.nameRule("^{yyyy}{MM}{dd}{HH}{mm}{ss}\\d*dBZ");
    // to the minute, as imeteo-radar's keys: the seconds a name states are checked and dropped
    assertEquals(Instant.parse("2013-01-03T09:00:00Z"), imgw.timeIn("2013010309000800dBZ.h5"));
    TimeTemplate chmi = TimeTemplate.nameRule("_C_OKPR_{yyyy}{MM}{dd}{HH}{mm}{ss}");
    assertEquals(Instant.parse("2013-01-16T16:59:00Z"), chmi.timeIn("T_PABV23_C_OKPR_20130116165952.hdf"));
    assertNull(chmi.timeIn("T_PABV23_C_OKPR_20130116165961.hdf"), "no 61st second");
    assertNull(imgw.timeIn("x2013010309000800dBZ.h5"));
    TimeTemplate dwd = TimeTemplate.nameRule("{yyyy}{MM}{dd}_{HH}{mm}(?!\\d)");
    assertNull(dwd.timeIn("composite_20251117_150512"), "more digits than the rule has");
  }

  @Test
  void impossibleDatesGiveNoTime() {
    TimeTemplate t = TimeTemplate.literal("{yyyy}{MM}{dd}{HH}{mm}");
    assertNull(t.timeIn("202511310000"));
    assertNull(t.timeIn("202502301200"));
    assertNull(t.timeIn("202511172400"));
  }

  @Test
  void aRepeatedPlaceholderMatchesDigitsButTheFirstOneCounts() {
    TimeTemplate t = TimeTemplate.literal("{yyyy}/{MM}/{dd}/x_{yyyy}{MM}{dd}_{HH}.h5");
    assertEquals("2025/11/17/x_20251117_15.h5", t.expand(T));
    assertEquals(Instant.parse("2025-11-17T15:00:00Z"), t.timeIn("2025/11/17/x_20241231_15.h5"));
  }

  @Test
  void fieldsATemplateLacksAreTheStartOfTheirPeriod() {
    assertEquals(Instant.parse("2025-11-01T00:00:00Z"), TimeTemplate.literal("{yyyy}-{MM}").timeIn("2025-11"));
  }

  @Test
  void namesInAnIndexPageAreWholeNamesOnceEach() {
    TimeTemplate t = TimeTemplate.literal("f_{yyyy}{MM}{dd}.h5");
    String html = "<a href=\"f_20251117.h5\">f_20251117.h5</a> <a href=\"xf_20251118.h5\">x</a>"
        + " <a href=\"f_20251119.h5.tmp\">t</a> f_20251120.h5";
    assertEquals(List.of("f_20251117.h5", "f_20251120.h5"), List.copyOf(t.namesIn(html, 10)));
    // at most one more than asked for: enough to tell that a page lists too many
    assertEquals(List.of("f_20251117.h5"), List.copyOf(t.namesIn(html, 0)));
  }

  @Test
  void templatesAreValues() {
    assertEquals(TimeTemplate.literal("a{yyyy}"), TimeTemplate.literal("a{yyyy}"));
    assertEquals(TimeTemplate.nameRule("a{yyyy}").hashCode(), TimeTemplate.nameRule("a{yyyy}").hashCode());
  }
}
