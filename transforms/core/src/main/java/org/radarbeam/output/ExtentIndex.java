package org.radarbeam.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * extent_index.json of one source: where its images lie on a map, in the layout web clients of
 * the reference system read: {"metadata": {...}, "wgs84": {"west", "east", "south", "north"}}.
 */
public final class ExtentIndex {
  private ExtentIndex() {}

  /** Key of the file below the data prefix. */
  public static String key(String source) {
    return "extent/" + source + "/extent_index.json";
  }

  /** @param bounds west, south, east, north */
  public static String json(String source, double[] bounds, Instant generated) {
    return json(source, bounds, generated, "");
  }

  /**
   * The composite's: its metadata also names the sources it merges and its resolution, as
   * imeteo-radar's composite index does ({@code sources}, {@code resolution_m}).
   */
  public static String compositeJson(String source, double[] bounds, Instant generated, List<String> sources,
      int resolutionMetres) {
    return json(source, bounds, generated, ", \"sources\": [" + String.join(", ", sources.stream().map(Json::quote)
        .toList()) + "], \"resolution_m\": " + resolutionMetres);
  }

  /**
   * {@code generated} in UTC, always to the microsecond, with a literal Z: the layout of imeteo-radar's
   * (whose time is its local clock's, and whose digits Python's isoformat() drops at a whole second).
   * {@code Instant.toString} gives as many digits as the clock has, nine here, and none at a whole second.
   */
  private static final DateTimeFormatter GENERATED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static String json(String source, double[] bounds, Instant generated, String moreMetadata) {
    return String.format(Locale.ROOT,
        "{\"metadata\": {\"title\": \"Radar Coverage Extent\", \"source\": %s, \"generated\": %s%s},%n"
            + " \"wgs84\": {\"west\": %.6f, \"east\": %.6f, \"south\": %.6f, \"north\": %.6f}}%n",
        Json.quote(source), Json.quote(GENERATED.format(generated)), moreMetadata, bounds[0], bounds[2], bounds[1], bounds[3]);
  }
}
