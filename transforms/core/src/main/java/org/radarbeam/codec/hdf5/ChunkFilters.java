package org.radarbeam.codec.hdf5;

import io.jhdf.filter.PipelineFilterWithData;
import java.util.List;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;

/**
 * The filter pipeline of a chunked data set, as this package undoes it itself: shuffle, deflate
 * and fletcher32 in the order HDF5 writers apply them (any of them may be absent). jhdf's own
 * decoders are never used on chunks: its deflate inflates into a growing array without a bound,
 * and its lzf, lz4 and bitshuffle decoders allocate whatever size the file declares, so a few
 * kilobytes of input could take the whole heap. Other pipelines are refused.
 */
final class ChunkFilters {
  static final int DEFLATE = 1;
  static final int SHUFFLE = 2;
  static final int FLETCHER32 = 3;
  /** The order in which writers apply the supported filters (decoding goes backwards). */
  private static final int[] ORDER = {SHUFFLE, DEFLATE, FLETCHER32};

  final boolean shuffle;
  final boolean deflate;
  final boolean fletcher32;

  private ChunkFilters(boolean shuffle, boolean deflate, boolean fletcher32) {
    this.shuffle = shuffle;
    this.deflate = deflate;
    this.fletcher32 = fletcher32;
  }

  /**
   * @param elementSize bytes per value of the data set, which a shuffle filter must agree with
   */
  static ChunkFilters of(List<PipelineFilterWithData> filters, int elementSize) throws BadInputException {
    boolean[] seen = new boolean[ORDER.length];
    int next = 0;
    for (PipelineFilterWithData f : filters) {
      int at = next;
      while (at < ORDER.length && ORDER[at] != f.getId()) {
        at++;
      }
      if (at == ORDER.length) {
        throw new BadInputException(Kind.UNSUPPORTED, "HDF5 filter pipeline " + describe(filters)
            + " is not supported (only shuffle, deflate and fletcher32, in that order)");
      }
      if (f.getId() == SHUFFLE && f.getFilterData().length > 0 && f.getFilterData()[0] != elementSize) {
        throw new BadInputException(Kind.CORRUPT, "corrupt HDF5: the shuffle filter is set for "
            + f.getFilterData()[0] + "-byte values, the data set holds " + elementSize + "-byte values");
      }
      seen[at] = true;
      next = at + 1;
    }
    return new ChunkFilters(seen[0], seen[1], seen[2]);
  }

  /** Whether the stored bytes of a chunk are its values unchanged. */
  boolean none() {
    return !shuffle && !deflate && !fletcher32;
  }

  private static String describe(List<PipelineFilterWithData> filters) {
    StringBuilder b = new StringBuilder();
    for (PipelineFilterWithData f : filters) {
      b.append(b.length() == 0 ? "" : " -> ").append(f.getName()).append(" (id ").append(f.getId()).append(')');
    }
    return b.toString();
  }
}
