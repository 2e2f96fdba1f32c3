package org.radarbeam.source;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radarbeam.geo.GridGeometry;

/**
 * What a source's grids look like, so that a file listed for a source that is not its (a renamed
 * file, a mixed folder) is refused instead of drawn at the wrong place under the source's name: its
 * grid must use the source's projection and lie inside the area the source covers. The size is not
 * part of it: cut-outs and older products of a source keep its projection and area, not its size.
 *
 * @param projection the {@code +proj=} name of the source's grids ({@code longlat} for grids without
 *     a projdef); null for any
 * @param west west edge of the area every grid of the source lies in, degrees
 */
public record SourceIdentity(String projection, double west, double south, double east, double north)
    implements Serializable {
  /** Tolerance around the area: corners are centres in some products and edges in others. */
  static final double MARGIN_DEGREES = 1.0;

  private static final Pattern PROJ = Pattern.compile("\\+proj=([A-Za-z0-9_]+)");

  /** The projection name of {@code projdef}: its {@code +proj=} value, {@code longlat} when there is none. */
  public static String projectionOf(String projdef) {
    if (projdef == null || projdef.isBlank()) {
      return "longlat";
    }
    Matcher m = PROJ.matcher(projdef);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "unknown";
  }

  /** Why a frame on {@code grid} is not one of {@code source}'s, or null if it may be. */
  public String mismatch(String source, GridGeometry grid) {
    String proj = projectionOf(grid.projdef());
    if (projection != null && !projection.equals(proj)) {
      return "its grid is in projection " + proj + ", " + source + "'s is " + projection;
    }
    double[] b = grid.cornerBounds();
    if (Double.isNaN(b[0]) || Double.isNaN(b[1]) || Double.isNaN(b[2]) || Double.isNaN(b[3])) {
      return null; // no corners: placement fails with its own reason
    }
    if (b[0] < west - MARGIN_DEGREES || b[2] > east + MARGIN_DEGREES || b[1] < south - MARGIN_DEGREES
        || b[3] > north + MARGIN_DEGREES) {
      return String.format(Locale.ROOT, "its grid (W %.2f, E %.2f, S %.2f, N %.2f) lies outside %s's area"
          + " (W %.2f, E %.2f, S %.2f, N %.2f)", b[0], b[2], b[1], b[3], source, west, east, south, north);
    }
    return null;
  }
}
