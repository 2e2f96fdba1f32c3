package org.radarbeam.codec.netcdf;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.io.HeapLimits;

/**
 * Extracts one member of a ZIP archive held in memory, never inflating more than a fixed number
 * of bytes: the bytes actually inflated are counted, whatever sizes the headers claim, so a ZIP
 * bomb costs at most {@code limit} bytes of memory and the time to inflate them. Members passed
 * over on the way are inflated and discarded (ZipInputStream has to read through them) and count
 * against the same limit, together with the member wanted: many large members before it are
 * refused as one bomb.
 */
final class BoundedUnzip {
  private static final int STEP = 1 << 16;
  private static final int MAX_LISTED = 10;

  /** A member's name and its inflated bytes. */
  static final class Member {
    final String name;
    final byte[] data;

    Member(String name, byte[] data) {
      this.name = name;
      this.data = data;
    }
  }

  private BoundedUnzip() {}

  /** True if {@code data} starts like a ZIP archive (a local file header or an empty archive). */
  static boolean looksLikeZip(byte[] data, int length) {
    return length >= 4 && data[0] == 'P' && data[1] == 'K'
        && ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6) || (data[2] == 7 && data[3] == 8));
  }

  /**
   * The first member whose name ends in {@code suffix} (case-insensitive, directories skipped),
   * inflated; refused if it and the members read through before it inflate to more than
   * {@code limit} bytes together, or to more than this JVM's heap allows for one input.
   */
  static Member first(byte[] zip, int length, String suffix, long limit) throws BadInputException {
    long heapMax = HeapLimits.maxInputBytes();
    String why = heapMax < limit ? HeapLimits.inputShare() + "; " : "";
    limit = Math.min(limit, heapMax);
    List<String> names = new ArrayList<>(); // the first few, for the message: an archive may hold a million
    int members = 0;
    String want = suffix.toLowerCase(Locale.ROOT);
    byte[] scratch = new byte[STEP];
    String current = null;
    long inflated = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip, 0, length))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        current = BadInputException.excerpt(e.getName(), 200);
        if (members++ < MAX_LISTED) {
          names.add(current);
        }
        long left = limit - inflated;
        try {
          if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(want)) {
            return new Member(current, readBounded(in, left));
          }
          inflated += drainBounded(in, left, scratch);
        } catch (TooLarge t) {
          throw tooLarge(current, members - 1, limit, why);
        }
        current = null;
      }
    } catch (EOFException ex) {
      if (hasEndRecord(zip, length)) { // a header or member ends early, but nothing cut the archive short
        throw new BadInputException(Kind.CORRUPT, "corrupt ZIP: " + (current == null ? "a local header" : "member " + current)
            + " ends early inside a complete archive (" + length + " bytes, " + detail(ex) + ")");
      }
      throw new BadInputException(Kind.TRUNCATED, "truncated ZIP: " + (current == null ? "archive" : "member " + current)
          + " ends early (" + length + " bytes, " + detail(ex) + ")");
    } catch (ZipException ex) {
      throw new BadInputException(Kind.CORRUPT, "corrupt ZIP" + (current == null ? "" : " member " + current) + ": " + detail(ex));
    } catch (IOException | IllegalArgumentException ex) {
      throw new BadInputException(Kind.CORRUPT, "unreadable ZIP" + (current == null ? "" : " member " + current) + ": " + detail(ex));
    }
    throw new BadInputException(Kind.MISSING_DATA, "ZIP has no " + suffix + " member (members: " + list(names, members) + ")");
  }

  /** True if the archive ends with its end-of-central-directory record (and its comment, if any). */
  static boolean hasEndRecord(byte[] zip, int length) {
    for (int at = length - 22; at >= 0 && at >= length - 22 - 0xFFFF; at--) {
      if (zip[at] == 'P' && zip[at + 1] == 'K' && zip[at + 2] == 5 && zip[at + 3] == 6
          && ((zip[at + 20] & 0xFF) | (zip[at + 21] & 0xFF) << 8) == length - at - 22) {
        return true;
      }
    }
    return false;
  }

  /** The rest of a member would take the archive's inflated bytes past the limit. */
  private static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }

  private static byte[] readBounded(ZipInputStream in, long limit) throws IOException, TooLarge {
    byte[] buf = new byte[(int) Math.min(STEP, limit + 1)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > limit) {
          throw new TooLarge();
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, limit + 1));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
      if (n > limit) {
        throw new TooLarge();
      }
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }

  /** Reads through a member, returning how many bytes it inflated to. */
  private static long drainBounded(ZipInputStream in, long limit, byte[] scratch) throws IOException, TooLarge {
    long n = 0;
    int r;
    while ((r = in.read(scratch, 0, (int) Math.min(scratch.length, limit + 1 - n))) > 0) {
      n += r;
      if (n > limit) {
        throw new TooLarge();
      }
    }
    return n;
  }

  /** @param before how many members were read through before {@code name} */
  private static BadInputException tooLarge(String name, int before, long limit, String why) {
    String what = before == 0 ? "ZIP member " + name + " inflates"
        : "ZIP member " + name + " and the " + before + " before it inflate";
    return new BadInputException(Kind.TOO_LARGE, what + " to more than " + size(limit)
        + (before == 0 ? "" : " together") + " (" + why + "refused as a possible ZIP bomb)");
  }

  static String size(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  /** @param names the first {@link #MAX_LISTED} of {@code count} member names */
  private static String list(List<String> names, int count) {
    if (count == 0) {
      return "none";
    }
    if (count <= MAX_LISTED) {
      return String.join(", ", names);
    }
    return String.join(", ", names) + ", ... " + count + " in all";
  }

  private static String detail(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : BadInputException.excerpt(e.getMessage(), 200);
  }
}
