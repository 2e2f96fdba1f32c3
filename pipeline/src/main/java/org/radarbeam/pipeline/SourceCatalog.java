package org.radarbeam.pipeline;

import static org.radarbeam.codec.InputFormat.NETCDF_ZIP;
import static org.radarbeam.codec.InputFormat.ODIM_H5;
import static org.radarbeam.codec.InputFormat.SRD3;

import java.util.LinkedHashMap;
import java.util.Map;
import org.radarbeam.codec.Scaling;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.pipeline.listing.Discovery;
import org.radarbeam.pipeline.listing.ProviderSpec;

/**
 * The sources radarbeam knows: output folder, input format, file-name time rule and scaling
 * defaults (values assumed when a file leaves an attribute out), and where each provider
 * publishes its files.
 */
public final class SourceCatalog {
  private static final Map<String, SourceProfile> SOURCES = new LinkedHashMap<>();
  private static final Map<String, ProviderSpec> PROVIDERS = new LinkedHashMap<>();

  static {
    add(new SourceProfile("dwd", "germany", ODIM_H5, "(\\d{8}_\\d{4})(?!\\d)", new Scaling(1.0, 0.0, 65535, 0, false)),
        new ProviderSpec("dwd", "https://opendata.dwd.de/weather/radar/composite", "{base}/dmax/",
            "composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5", Discovery.LISTING, 15, false, false));
    add(new SourceProfile("shmu", "slovakia", ODIM_H5, "_C_LZIB_(\\d{14})", new Scaling(1.0, 0.0, -32768, 0, true)),
        // its certificate chain is incomplete: verification is off for this host only
        new ProviderSpec("shmu", "https://opendata.shmu.sk/meteorology/weather/radar/composite/skcomp",
            "{base}/zmax/{yyyy}{MM}{dd}/", "T_PABV22_C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf", Discovery.LISTING, 13, false, true));
    add(new SourceProfile("chmi", "czechia", ODIM_H5, "_C_OKPR_(\\d{14})", new Scaling(1.0, 0.0, -32768, 0, true)),
        new ProviderSpec("chmi", "https://opendata.chmi.cz/meteorology/weather/radar/composite/maxz/hdf5", "{base}/",
            "T_PABV23_C_OKPR_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf", Discovery.PROBE, 0, false, false));
    add(new SourceProfile("imgw", "poland", ODIM_H5, "^(\\d{14})\\d*dBZ", new Scaling(0.5, -32.0, 255, 0, true)),
        new ProviderSpec("imgw",
            "https://danepubliczne.imgw.pl/pl/datastore/getfiledown/Oper/Polrad/Produkty/HVD/HVD_COMPO_CMAX_250.comp.cmax",
            "{base}/", "{yyyy}{MM}{dd}{HH}{mm}{ss}00dBZ.cmax.h5", Discovery.PROBE, 10, true, false));
    add(new SourceProfile("omsz", "hungary", NETCDF_ZIP, "-(\\d{8}_\\d{4})\\.nc", Scaling.ODIM_DEFAULTS),
        new ProviderSpec("omsz", "https://odp.met.hu/weather/radar/composite/nc", "{base}/refl2D/",
            "radar_composite-refl2D-{yyyy}{MM}{dd}_{HH}{mm}.nc.zip", Discovery.PROBE, 5, false, false));
    add(new SourceProfile("arso", "slovenia", SRD3, null, Scaling.ODIM_DEFAULTS),
        new ProviderSpec("arso", "https://meteo.arso.gov.si/uploads/probase/www/observ/radar", "{base}/",
            "si0-zm.srd", Discovery.LATEST_ONLY, 0, false, false));
    // any other ODIM_H5 composite, from files only: time from the file's own metadata
    add(new SourceProfile("odim", "odim", ODIM_H5, null, Scaling.ODIM_DEFAULTS), null);
  }

  private SourceCatalog() {}

  private static void add(SourceProfile p, ProviderSpec provider) {
    SOURCES.put(p.id(), p);
    if (provider != null) {
      PROVIDERS.put(p.id(), provider);
    }
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

  /** The provider of {@code id}, or null for sources read from files only. */
  public static ProviderSpec provider(String id) {
    return PROVIDERS.get(id);
  }

  public static Iterable<String> ids() {
    return SOURCES.keySet();
  }

  public static Iterable<String> providerIds() {
    return PROVIDERS.keySet();
  }
}
