package org.radarbeam.pipeline;

import static org.radarbeam.codec.InputFormat.NETCDF_ZIP;
import static org.radarbeam.codec.InputFormat.ODIM_H5;
import static org.radarbeam.codec.InputFormat.SRD3;
import static org.radarbeam.source.Discovery.LATEST_ONLY;
import static org.radarbeam.source.Discovery.LISTING;
import static org.radarbeam.source.Discovery.PROBE;

import java.util.LinkedHashMap;
import java.util.Map;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.palette.Scaling;
import org.radarbeam.source.ProviderSpec;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.SourceIdentity;
import org.radarbeam.source.TimeTemplate;

/**
 * The sources radarbeam knows, one entry each: output folder, input format, scaling defaults
 * (values assumed when a file leaves an attribute out), the time rule of archived file names, and
 * where the provider publishes. Adding a source is one entry here (and a decoder for a new format).
 */
public final class SourceCatalog {
  /** The source id for any other ODIM_H5 composite, read from files only (its folder is --folder). */
  public static final String ANY_ODIM = "odim";

  private static final Map<String, RadarSource> SOURCES = new LinkedHashMap<>();

  static {
    add("dwd", "germany", ODIM_H5, new Scaling(1.0, 0.0, 65535, 0, false), "(?<!\\d){yyyy}{MM}{dd}_{HH}{mm}(?!\\d)",
        new ProviderSpec("https://opendata.dwd.de/weather/radar/composite", "{base}/dmax/",
            "composite_dmax_{yyyy}{MM}{dd}_{HH}{mm}-hd5", LISTING, 15));
    add("shmu", "slovakia", ODIM_H5, new Scaling(1.0, 0.0, -32768, 0, true), "_C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}(?!\\d)",
        // its server leaves out the intermediate certificate: the JDK fetches it (see HttpFetcher)
        new ProviderSpec("https://opendata.shmu.sk/meteorology/weather/radar/composite/skcomp",
            "{base}/zmax/{yyyy}{MM}{dd}/", "T_PABV22_C_LZIB_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf", LISTING, 13));
    add("chmi", "czechia", ODIM_H5, new Scaling(1.0, 0.0, -32768, 0, true), "_C_OKPR_{yyyy}{MM}{dd}{HH}{mm}{ss}(?!\\d)",
        new ProviderSpec("https://opendata.chmi.cz/meteorology/weather/radar/composite/maxz/hdf5", "{base}/",
            "T_PABV23_C_OKPR_{yyyy}{MM}{dd}{HH}{mm}{ss}.hdf", PROBE, 0));
    add("imgw", "poland", ODIM_H5, new Scaling(0.5, -32.0, 255, 0, true), "^{yyyy}{MM}{dd}{HH}{mm}{ss}\\d*dBZ",
        new ProviderSpec(
            "https://danepubliczne.imgw.pl/pl/datastore/getfiledown/Oper/Polrad/Produkty/HVD/HVD_COMPO_CMAX_250.comp.cmax",
            "{base}/", "{yyyy}{MM}{dd}{HH}{mm}{ss}00dBZ.cmax.h5", PROBE, 10));
    add("omsz", "hungary", NETCDF_ZIP, Scaling.ODIM_DEFAULTS, "-{yyyy}{MM}{dd}_{HH}{mm}\\.nc",
        new ProviderSpec("https://odp.met.hu/weather/radar/composite/nc", "{base}/refl2D/",
            "radar_composite-refl2D-{yyyy}{MM}{dd}_{HH}{mm}.nc.zip", PROBE, 5));
    // one file under a fixed name: its time is in its header
    add("arso", "slovenia", SRD3, Scaling.ODIM_DEFAULTS, null,
        new ProviderSpec("https://meteo.arso.gov.si/uploads/probase/www/observ/radar", "{base}/", "si0-zm.srd",
            LATEST_ONLY, 0));
    // any other ODIM_H5 composite, from files only: time from the file's own metadata
    add(ANY_ODIM, "odim", ODIM_H5, Scaling.ODIM_DEFAULTS, null, null);

    // what each source's grids look like (projection, and the area all its products lie in: the
    // static extents of imeteo-radar), so a file that is not the source's is refused as wrong-source
    identity("dwd", "stere", 1.461077, 45.683144, 18.732899, 56.220458);
    identity("shmu", "merc", 13.597751, 46.045447, 23.806870, 50.701424);
    identity("chmi", "merc", 11.266869, 48.047275, 19.623974, 51.458369);
    identity("imgw", null, 11.804019, 48.124377, 26.376516, 56.398335); // projected or lon/lat
    identity("omsz", "longlat", 13.5, 43.993974, 25.507733, 50.5);
    identity("arso", null, 12.105563, 44.687429, 17.418262, 47.414912); // lcc, or longlat with --arsoGrid=lonlat
  }

  private SourceCatalog() {}

  /**
   * @param nameTime the time rule of archived file names: a regular expression around {yyyy} {MM}
   *     {dd} {HH} {mm} {ss}, found anywhere in the name; null if names carry no time
   */
  private static void add(String id, String folder, InputFormat format, Scaling scaling, String nameTime,
      ProviderSpec provider) {
    SOURCES.put(id, new RadarSource(id, folder, format, scaling,
        nameTime == null ? null : TimeTemplate.nameRule(nameTime), provider));
  }

  private static void identity(String id, String projection, double west, double south, double east, double north) {
    RadarSource s = SOURCES.get(id);
    SOURCES.put(id, new RadarSource(s.id(), s.folder(), s.format(), s.scaling(), s.nameTime(), s.provider(),
        new SourceIdentity(projection, west, south, east, north)));
  }

  public static boolean contains(String id) {
    return SOURCES.containsKey(id);
  }

  public static RadarSource get(String id) {
    RadarSource p = SOURCES.get(id);
    if (p == null) {
      throw new IllegalArgumentException("unknown source '" + id + "' (known: " + String.join(", ", SOURCES.keySet()) + ")");
    }
    return p;
  }

  public static Iterable<String> ids() {
    return SOURCES.keySet();
  }
}
