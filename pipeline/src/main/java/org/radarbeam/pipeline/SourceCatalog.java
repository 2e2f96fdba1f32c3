package org.radarbeam.pipeline;

import static org.radarbeam.codec.InputFormat.ODIM_H5;

import java.util.LinkedHashMap;
import java.util.Map;
import org.radarbeam.codec.odim.ScalingDefaults;
import org.radarbeam.model.SourceProfile;

/**
 * The sources radarbeam knows, with their output folders, file-name time rules and scaling
 * defaults (the values their files are rendered with when an attribute is missing).
 */
public final class SourceCatalog {
  private static final Map<String, SourceProfile> SOURCES = new LinkedHashMap<>();

  static {
    // composite_dmax_20251117_1500-hd5
    add(new SourceProfile("dwd", "germany", ODIM_H5, "(\\d{8}_\\d{4})(?!\\d)", new ScalingDefaults(1.0, 0.0, 65535, 0, false)));
    // T_PABV22_C_LZIB_20251117150000.hdf
    add(new SourceProfile("shmu", "slovakia", ODIM_H5, "_C_LZIB_(\\d{14})", new ScalingDefaults(1.0, 0.0, -32768, 0, true)));
    // T_PABV23_C_OKPR_20251117150000.hdf
    add(new SourceProfile("chmi", "czechia", ODIM_H5, "_C_OKPR_(\\d{14})", new ScalingDefaults(1.0, 0.0, -32768, 0, true)));
    // 2025111715000000dBZ.cmax.h5
    add(new SourceProfile("imgw", "poland", ODIM_H5, "^(\\d{14})\\d*dBZ", new ScalingDefaults(0.5, -32.0, 255, 0, true)));
    // any other ODIM_H5 composite: time from the file's own metadata
    add(new SourceProfile("odim", "odim", ODIM_H5, null, ScalingDefaults.ODIM));
  }

  private SourceCatalog() {}

  private static void add(SourceProfile p) {
    SOURCES.put(p.id(), p);
  }

  public static boolean contains(String id) {
    return SOURCES.containsKey(id);
  }

  public static SourceProfile get(String id) {
    SourceProfile p = SOURCES.get(id);
    if (p == null) {
      throw new IllegalArgumentException("unknown source '" + id + "' (known: " + String.join(", ", SOURCES.keySet()) + ")");
    }
    return p;
  }

  public static Iterable<String> ids() {
    return SOURCES.keySet();
  }
}
