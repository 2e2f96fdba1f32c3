package org.radarbeam.bench;

import static org.radarbeam.bench.BenchArgs.arg;
import static org.radarbeam.bench.BenchArgs.median;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.radarbeam.store.LocalFileStore;

/**
 * The skip check of a rerun on a local output whose folder holds years of frames: {@code
 * LocalFileStore.existing} for one span of keys (10^6 s, 3333 frames at 5-minute steps), against one
 * listing of the whole folder, which costs in proportion to the folder. Two spans are timed: one whose
 * frames all exist (a rerun) and one whose frames are all missing (a range not rendered yet).
 *
 * <p>Usage: SkipCheckBenchmark [--frames=300000] [--rounds=5] [--dir=DIR]; the folder of empty PNGs
 * (just the signature) is made in DIR (default a temporary folder, deleted at the end).
 */
public final class SkipCheckBenchmark {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final long FIRST = 1_500_000_000L;
  private static final long STEP = 300;
  private static final long SPAN = 1_000_000L;

  private SkipCheckBenchmark() {}

  public static void main(String[] args) throws IOException {
    int frames = Integer.parseInt(arg(args, "frames", "300000"));
    int rounds = Integer.parseInt(arg(args, "rounds", "5"));
    String dirArg = arg(args, "dir", null);
    Path root = dirArg == null ? Files.createTempDirectory("radarbeam-skip") : Paths.get(dirArg);
    Path folder = Files.createDirectories(root.resolve("germany"));
    long t0 = System.nanoTime();
    for (int i = 0; i < frames; i++) {
      Path p = folder.resolve((FIRST + i * STEP) + ".png");
      if (!Files.exists(p)) {
        Files.write(p, PNG_SIGNATURE);
      }
    }
    System.out.printf(Locale.ROOT, "folder of %d frames ready in %.1f s%n", frames, (System.nanoTime() - t0) / 1e9);

    long firstSpan = FIRST / SPAN + 1; // a whole span inside the folder's frames
    Set<String> present = spanKeys(firstSpan);
    Set<String> absent = spanKeys((FIRST + frames * STEP) / SPAN + 2); // after the folder's last frame
    LocalFileStore store = new LocalFileStore(root.toString());
    store.existing("germany/", Set.of("germany/0.png")); // the JVM's one sweep of the folder

    double[] listing = new double[rounds];
    double[] lookupPresent = new double[rounds];
    double[] lookupAbsent = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long a = System.nanoTime();
      int listed = listedAmong(store, folder, present);
      listing[r] = (System.nanoTime() - a) / 1e6;
      long b = System.nanoTime();
      int found = store.existing("germany/" + firstSpan, present).size();
      lookupPresent[r] = (System.nanoTime() - b) / 1e6;
      long c = System.nanoTime();
      int none = store.existing("germany/", absent).size();
      lookupAbsent[r] = (System.nanoTime() - c) / 1e6;
      if (listed != present.size() || found != present.size() || none != 0) {
        throw new IllegalStateException("found " + listed + ", " + found + " and " + none);
      }
      System.out.printf(Locale.ROOT,
          "round %d: listing %.0f ms, lookups (all exist) %.0f ms, lookups (none exist) %.0f ms%n",
          r + 1, listing[r], lookupPresent[r], lookupAbsent[r]);
    }
    double list = median(listing);
    System.out.printf(Locale.ROOT,
        "median per span of %d keys in a folder of %d: listing %.0f ms, lookups %.0f ms (all exist, %.2fx the listing),"
            + " %.0f ms (none exist, %.2fx)%n",
        present.size(), frames, list, median(lookupPresent), median(lookupPresent) / list, median(lookupAbsent),
        median(lookupAbsent) / list);
    if (dirArg == null) {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The keys of one span's 5-minute frames. */
  private static Set<String> spanKeys(long span) {
    Set<String> keys = new HashSet<>();
    for (long t = (span * SPAN + STEP - 1) / STEP * STEP; t < (span + 1) * SPAN; t += STEP) {
      keys.add("germany/" + t + ".png");
    }
    return keys;
  }

  /** The check by listing: the whole folder listed, each listed name among {@code keys} checked whole. */
  private static int listedAmong(LocalFileStore store, Path folder, Set<String> keys) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return (int) s.map(p -> "germany/" + p.getFileName()).filter(k -> keys.contains(k) && store.exists(k)).count();
    }
  }
}
