package org.radarbeam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extent index's text, byte for byte in the layout of imeteo-radar's. */
class ExtentIndexTest {
  private static final double[] GERMANY = {1.461077, 45.683144, 18.732899, 56.220458};

  @Test
  void generatedHasMicrosecondsAndAZ() {
    assertEquals("{\"metadata\": {\"title\": \"Radar Coverage Extent\", \"source\": \"dwd\", \"generated\":"
        + " \"2026-03-30T15:30:00.123456Z\"},\n \"wgs84\": {\"west\": 1.461077, \"east\": 18.732899, \"south\":"
        + " 45.683144, \"north\": 56.220458}}\n",
        ExtentIndex.json("dwd", GERMANY, Instant.parse("2026-03-30T15:30:00.123456789Z")));
    // a whole second keeps its six digits, where Instant.toString() drops them
    assertEquals("\"generated\": \"2026-03-30T15:30:00.000000Z\"", generated(ExtentIndex.compositeJson("composite",
        GERMANY, Instant.parse("2026-03-30T15:30:00Z"), List.of("dwd", "shmu"), 500)));
  }

  private static String generated(String json) {
    int at = json.indexOf("\"generated\"");
    return json.substring(at, json.indexOf('"', at + 14) + 1);
  }
}
