package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's one record per source: folders and file-name time rules. */
class SourceCatalogTest {
  @Test
  void catalogNamesEachSourcesFolderAndFileTime() {
    List<String> got = new ArrayList<>();
    got.add(SourceCatalog.get("dwd").folder() + " " + SourceCatalog.get("dwd").timeFromName("composite_dmax_20251117_1500-hd5"));
    got.add(SourceCatalog.get("shmu").folder() + " " + SourceCatalog.get("shmu").timeFromName("T_PABV22_C_LZIB_20251117150500.hdf"));
    got.add(SourceCatalog.get("chmi").folder() + " " + SourceCatalog.get("chmi").timeFromName("T_PABV23_C_OKPR_20251117151000.hdf"));
    got.add(SourceCatalog.get("imgw").folder() + " " + SourceCatalog.get("imgw").timeFromName("2025111715150000dBZ.cmax.h5"));
    got.add(SourceCatalog.get("omsz").folder() + " " + SourceCatalog.get("omsz").timeFromName("radar_composite-refl2D-20251117_1520.nc.zip"));
    got.add(SourceCatalog.get("arso").folder() + " " + SourceCatalog.get("arso").timeFromName("si0-zm.srd"));
    got.add(SourceCatalog.get("odim").folder() + " " + SourceCatalog.get("odim").timeFromName("T_PABV21_C_EUOC_20241126010000.hdf"));
    assertEquals(List.of("germany 2025-11-17T15:00:00Z", "slovakia 2025-11-17T15:05:00Z", "czechia 2025-11-17T15:10:00Z",
        "poland 2025-11-17T15:15:00Z", "hungary 2025-11-17T15:20:00Z", "slovenia null", "odim null"), got);
    assertTrue(SourceCatalog.get("shmu").scaling().raw255IsNodata());
  }

  /** A time is read only from a run of digits that is exactly the time: more digits are no time of the rule. */
  @Test
  void aTimeInsideALongerNumberIsNoTime() {
    for (String[] name : new String[][] {{"dwd", "composite_dmax_920251117_1500-hd5"},
        {"dwd", "composite_dmax_20251117_15001-hd5"}, {"shmu", "T_PABV22_C_LZIB_202511171505001.hdf"},
        {"chmi", "T_PABV23_C_OKPR_202511171510009.hdf"}}) {
      assertNull(SourceCatalog.get(name[0]).timeFromName(name[1]), name[1]);
    }
  }
}
