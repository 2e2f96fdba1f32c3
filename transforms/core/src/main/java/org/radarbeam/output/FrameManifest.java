package org.radarbeam.output;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radarbeam.io.TooLargeException;

/**
 * frames.json of one output folder: its newest frames, oldest first, so a web client animates
 * them without listing a bucket or guessing slots. Built from a listing of the folder, so reruns
 * and runs writing other times of the same folder keep it right.
 */
public final class FrameManifest {
  /** The name of the manifest in its folder. */
  public static final String NAME = "frames.json";

  private static final Pattern FRAME = Pattern.compile("(\\d{1,12})(?:@(\\d{1,6})m)?\\.png");
  // whole numbers as json writes them: the first digits of a longer number, or one with leading zeros, are no
  // time or limit the manifest states, and a limit of 0 is none a run writes (--manifestFrames=0 writes none)
  private static final Pattern UNIX = Pattern.compile("\"unix\": (0|[1-9]\\d{0,11})(?!\\d)");
  private static final Pattern LIMIT = Pattern.compile("\"limit\": ([1-9]\\d{0,8})(?!\\d)");
  /**
   * The most frame times {@link #listed} reads from one manifest: many more than a run lists (a month of
   * 5-minute frames is 8928), few enough to hold; a file of the store's size in times would fill the heap.
   */
  static final int MAX_LISTED = 100_000;

  /**
   * One frame: its nominal time, its key relative to the output root, and its scaled variants.
   *
   * @param variants pixel size in metres to key of each scaled variant that exists, ascending
   */
  public record Frame(long unix, String key, SortedMap<Integer, String> variants) {
    public Frame(long unix, String key) {
      this(unix, key, new TreeMap<>());
    }
  }

  private FrameManifest() {}

  public static String key(String folder) {
    return folder + "/" + NAME;
  }

  /**
   * The newest {@code count} frames among {@code keys} (keys relative to the output root: the
   * images {@code {folder}/{unix}.png} with their variants {@code {unix}@{metres}m.png}; other
   * files do not count), oldest first.
   */
  public static List<Frame> newest(String folder, Collection<String> keys, int count) {
    Newest n = new Newest(folder, count);
    keys.forEach(n::add);
    return n.frames();
  }

  /**
   * The newest frames of a folder gathered from its keys one at a time, keeping the frames and
   * variants not older than the oldest of the newest {@code count} seen so far: a folder of years of
   * frames listed in order (as S3 lists) takes the memory of about {@code count} frames.
   */
  public static final class Newest {
    private final String prefix;
    private final int count;
    private final long latest;
    private final TreeMap<Long, String> frames = new TreeMap<>();
    private final TreeMap<Long, SortedMap<Integer, String>> variants = new TreeMap<>();

    public Newest(String folder, int count) {
      this(folder, count, Long.MAX_VALUE);
    }

    /**
     * Frames of times after {@code latest} (Unix seconds) are left out: no run writes them (see
     * FrameTimes), and an image another writer left under such a key would stay the newest for good.
     */
    public Newest(String folder, int count, long latest) {
      this.prefix = folder + "/";
      this.count = count;
      this.latest = latest;
    }

    /** Takes {@code key} in if it is a frame or a variant of one not older than the newest {@code count}. */
    public void add(String key) {
      if (!key.startsWith(prefix)) {
        return;
      }
      Matcher m = FRAME.matcher(key.substring(prefix.length()));
      if (!m.matches()) {
        return;
      }
      long t = Long.parseLong(m.group(1));
      if (t > latest) {
        return;
      }
      if (frames.size() == count && count > 0 && t < frames.firstKey()) {
        return; // older than every frame kept
      }
      if (m.group(2) == null) {
        frames.put(t, key);
        while (frames.size() > count) {
          frames.pollFirstEntry();
        }
        if (count > 0 && frames.size() == count) {
          // variants older than every frame kept: only once the newest are full, as a directory lists
          // in any order and a variant may come before its image
          variants.headMap(frames.firstKey()).clear();
        }
      } else {
        variants.computeIfAbsent(t, k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), key);
      }
    }

    /** The frames kept, oldest first, each with its variants. */
    public List<Frame> frames() {
      List<Frame> out = new ArrayList<>(frames.size());
      frames.forEach((t, k) -> out.add(new Frame(t, k, variants.getOrDefault(t, new TreeMap<>()))));
      return out;
    }
  }

  /**
   * The frame times a manifest written by {@link #json} lists.
   *
   * @throws TooLargeException if it lists more than {@link #MAX_LISTED}: not one a run wrote
   */
  public static TreeSet<Long> listed(String manifest) throws TooLargeException {
    Matcher m = UNIX.matcher(manifest);
    TreeSet<Long> times = new TreeSet<>();
    while (m.find()) {
      if (times.add(Long.parseLong(m.group(1))) && times.size() > MAX_LISTED) {
        throw new TooLargeException(NAME + " lists more than " + MAX_LISTED + " frames, more than a run writes");
      }
    }
    return times;
  }

  /**
   * The most frames a manifest written by {@link #json} may list (the --manifestFrames of the run that wrote
   * it), or null for one that does not say (a manifest without a "limit" field, or whose limit is no positive int).
   */
  public static Integer limit(String manifest) {
    Matcher m = LIMIT.matcher(manifest);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /**
   * The manifest: {"source", "folder", "limit", "frames": [{"unix", "time", "key", "bounds", "variants"}]}.
   *
   * @param limit the most frames it may list (--manifestFrames): fewer means the folder holds no more
   * @param bounds west, south, east, north of the folder's images (every frame of a folder lies on
   *     its source's grid)
   */
  public static String json(String source, String folder, int limit, List<Frame> frames, double[] bounds) {
    StringBuilder s = new StringBuilder(256 + frames.size() * 200);
    s.append("{\"source\": ").append(Json.quote(source)).append(", \"folder\": ").append(Json.quote(folder))
        .append(", \"limit\": ").append(limit).append(", \"frames\": [");
    String b = String.format(Locale.ROOT, "{\"west\": %.6f, \"east\": %.6f, \"south\": %.6f, \"north\": %.6f}",
        bounds[0], bounds[2], bounds[1], bounds[3]);
    for (int i = 0; i < frames.size(); i++) {
      Frame f = frames.get(i);
      s.append(i == 0 ? "\n  " : ",\n  ").append("{\"unix\": ").append(f.unix())
          .append(", \"time\": ").append(Json.quote(Instant.ofEpochSecond(f.unix()).toString()))
          .append(", \"key\": ").append(Json.quote(f.key()))
          .append(", \"bounds\": ").append(b)
          .append(", \"variants\": [");
      int v = 0;
      for (Map.Entry<Integer, String> e : f.variants().entrySet()) {
        s.append(v++ == 0 ? "" : ", ").append("{\"resolution\": ").append(e.getKey()).append(", \"key\": ")
            .append(Json.quote(e.getValue())).append('}');
      }
      s.append("]}");
    }
    return s.append(frames.isEmpty() ? "]}\n" : "\n]}\n").toString();
  }
}
