package org.radarbeam.transforms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.radarbeam.http.Redaction;

/**
 * One input frame to render: which source, where its file is, and its nominal time if known.
 *
 * @param nominalEpochSeconds nominal UTC time as Unix seconds; null while unknown
 * @param grid the id of the frame's grid where its source keys outputs by grid ({@code odim}); null
 *     otherwise or while unknown
 * @param alternates other files of the same source and output key, tried in order when this one
 *     cannot be rendered (OPERA publishes DBZH and RATE composites of one time, for instance)
 * @param imageElsewhere a composite slot's member whose own image another slot writes (a frame that
 *     the matching put in two slots): merged here, not written twice
 */
@DefaultCoder(FrameRefCoder.class)
public record FrameRef(String source, String uri, Long nominalEpochSeconds, String grid, List<String> alternates,
    boolean imageElsewhere) implements Serializable {

  public FrameRef {
    alternates = alternates == null ? List.of() : List.copyOf(alternates);
  }

  public FrameRef(String source, String uri, Long nominalEpochSeconds) {
    this(source, uri, nominalEpochSeconds, null, List.of(), false);
  }

  /** The extent this frame's image belongs to: its source's, or for a source keyed by grid its grid's. */
  public String extent() {
    return grid == null ? source : source + "/" + grid;
  }

  public FrameRef withNominal(Long epochSeconds) {
    return new FrameRef(source, uri, epochSeconds, grid, alternates, imageElsewhere);
  }

  public FrameRef withGrid(String gridId) {
    return new FrameRef(source, uri, nominalEpochSeconds, gridId, alternates, imageElsewhere);
  }

  public FrameRef withAlternates(List<String> others) {
    return new FrameRef(source, uri, nominalEpochSeconds, grid, others, imageElsewhere);
  }

  /** This member of a slot, its own image left to another slot that has it too. */
  public FrameRef withImageElsewhere() {
    return new FrameRef(source, uri, nominalEpochSeconds, grid, alternates, true);
  }

  /** One frame of files that share a key: the first, with the others as its alternates, in the list's order. */
  public static FrameRef sameKey(List<FrameRef> files) {
    FrameRef first = files.get(0);
    return files.size() == 1 ? first
        : first.withAlternates(files.subList(1, files.size()).stream().map(FrameRef::uri).toList());
  }

  /** This file and its alternates, in the order they are tried, each on its own. */
  public List<FrameRef> candidates() {
    List<FrameRef> out = new ArrayList<>(1 + alternates.size());
    out.add(alternates.isEmpty() ? this : withAlternates(List.of()));
    for (String a : alternates) {
      out.add(new FrameRef(source, a, nominalEpochSeconds, grid, List.of(), imageElsewhere));
    }
    return out;
  }

  @Override
  public String toString() {
    return source + ":" + Redaction.redact(uri) + (nominalEpochSeconds == null ? "" : "@" + nominalEpochSeconds)
        + (alternates.isEmpty() ? "" : " (+" + alternates.size() + " same-key)");
  }
}
