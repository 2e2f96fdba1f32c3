package org.radarbeam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.radarbeam.io.TooLargeException;

/**
 * The files a run reads back from the output (frames.json, viewer/folders.json) as another writer or a damaged
 * store may leave them: the files the writers produce, mutated with fixed seeds, and hostile ones. Each is read
 * within two seconds, as what it states or nothing, or refused as too large with a one-line message; nothing
 * else escapes.
 */
class MutatedJsonTest {
  private static final long T0 = 1_763_391_600L;
  private static final Duration EACH = Duration.ofSeconds(2);

  private static String manifest(int frames) {
    List<FrameManifest.Frame> list = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      long t = T0 + 300L * i;
      TreeMap<Integer, String> variants = new TreeMap<>();
      if (i % 2 == 0) {
        variants.put(1000, "germany/" + t + "@1000m.png");
        variants.put(4000, "germany/" + t + "@4000m.png");
      }
      list.add(new FrameManifest.Frame(t, "germany/" + t + ".png", variants));
    }
    return FrameManifest.json("dwd", "germany", 48, list, new double[] {1.461077, 45.683144, 18.732899, 56.220458});
  }

  private static List<String> seeds() {
    return List.of(manifest(0), manifest(1), manifest(3), manifest(48),
        ViewerFolders.json(List.of("composite", "czechia", "germany", "odim/800x1090-1a2b3c4d", "slovakia")),
        ViewerFolders.json(List.of()),
        ExtentIndex.json("dwd", new double[] {1, 2, 3, 4}, Instant.parse("2025-11-17T15:00:00Z")),
        ExtentIndex.compositeJson("composite", new double[] {1, 2, 3, 4}, Instant.parse("2025-11-17T15:00:00Z"),
            List.of("dwd", "shmu"), 1000));
  }

  private static List<String> hostile() {
    String frame = "{\"unix\": 1763391600, \"time\": \"2025-11-17T15:00:00Z\", \"key\": \"germany/1763391600.png\"}";
    return List.of("", "[".repeat(100_000), "{".repeat(100_000), "{\"folders\": " + "[".repeat(100_000),
        "{\"folders\": [\"" + "a/".repeat(100_000) + "a\"]}", "{\"folders\": [\"" + "a/".repeat(100_000) + "\"]}",
        "{\"folders\": [\"" + "a".repeat(1 << 20) + "\"]}", "{\"folders\": [" + "\"a\", ".repeat(100_000) + "]}",
        "{\"folders\": [\"\\u0000\", \"a\\ud800\", \"\ud800\", \"b\u0000\", \"c\"]}",
        "{\"folders\": \"germany\"}", "{\"folders\": {\"germany\": 1}}", "{\"folders\": [1, null, true, [\"x\"]]}",
        "{\"limit\": 1e999, \"frames\": [{\"unix\": 1e999}, {\"unix\": 1.5}, {\"unix\": -300}]}",
        "{\"limit\": " + "9".repeat(400) + ", \"frames\": [{\"unix\": " + "9".repeat(400) + "}]}",
        "{\"limit\": 0, \"frames\": []}", "{\"limit\": 048, \"frames\": [{\"unix\": 01763391600}]}",
        "{\"limit\": \"48\", \"frames\": [{\"unix\": \"1763391600\"}, {\"unix\": null}, {\"unix\": [1]}]}",
        "{\"limit\": 48, \"limit\": 2, \"frames\": [{\"unix\": 1763391600, \"unix\": 1763391900}]}",
        "{\"frames\": [" + (frame + ", ").repeat(50_000) + "]}", "\"unix\": ".repeat(100_000),
        "{\"source\": \"" + "\\\"".repeat(100_000) + "\"}");
  }

  /** The frame times as {@link FrameManifest#listed} should read them, found without a pattern. */
  private static TreeSet<Long> expectedTimes(String text) {
    TreeSet<Long> out = new TreeSet<>();
    for (String digits : numbersAfter(text, "\"unix\": ")) {
      if (digits.length() <= 12 && (digits.equals("0") || digits.charAt(0) != '0')) {
        out.add(Long.parseLong(digits));
      }
    }
    return out;
  }

  private static Integer expectedLimit(String text) {
    for (String digits : numbersAfter(text, "\"limit\": ")) {
      if (digits.length() <= 9 && digits.charAt(0) != '0') {
        return Integer.valueOf(digits);
      }
    }
    return null;
  }

  /** The runs of digits that follow {@code field} in {@code text}, in order. */
  private static List<String> numbersAfter(String text, String field) {
    List<String> out = new ArrayList<>();
    for (int i = text.indexOf(field); i >= 0; i = text.indexOf(field, i + 1)) {
      int start = i + field.length();
      int end = start;
      while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
        end++;
      }
      if (end > start) {
        out.add(text.substring(start, end));
      }
    }
    return out;
  }

  /** A folder as output keys have it, checked without a pattern. */
  private static boolean folderName(String f) {
    if (f.isEmpty() || f.length() > ViewerFolders.MAX_FOLDER_CHARS) {
      return false;
    }
    for (String segment : f.split("/", -1)) {
      if (segment.isEmpty() || !Character.isLetterOrDigit(segment.charAt(0))) {
        return false;
      }
      for (char c : segment.toCharArray()) {
        if (!(c < 128 && Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
          return false;
        }
      }
    }
    return true;
  }

  private static void check(String text) {
    assertTimeoutPreemptively(EACH, () -> {
      try {
        assertEquals(expectedTimes(text), FrameManifest.listed(text));
      } catch (TooLargeException e) {
        assertTrue(expectedTimes(text).size() > FrameManifest.MAX_LISTED, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
      }
      assertEquals(expectedLimit(text), FrameManifest.limit(text));
      SortedSet<String> folders = ViewerFolders.parse(text);
      assertTrue(folders.size() <= ViewerFolders.MAX_FOLDERS);
      int open = text.indexOf('[');
      for (String f : folders) {
        assertTrue(folderName(f), f);
        int at = text.indexOf("\"" + f + "\"", open);
        assertTrue(at > open && at < text.indexOf(']', open), f + " is in the list");
      }
    }, () -> "reading " + text.length() + " chars: " + text.substring(0, Math.min(200, text.length())));
  }

  @Test
  void theWritersFilesReadBackAsWritten() throws Exception {
    assertEquals(everyFiveMinutes(48), FrameManifest.listed(manifest(48)));
    assertEquals(48, FrameManifest.limit(manifest(48)));
    assertEquals(new TreeSet<>(List.of("composite", "czechia", "germany", "odim/800x1090-1a2b3c4d", "slovakia")),
        ViewerFolders.parse(seeds().get(4)));
    seeds().forEach(MutatedJsonTest::check);
  }

  private static TreeSet<Long> everyFiveMinutes(int n) {
    TreeSet<Long> out = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      out.add(T0 + 300L * i);
    }
    return out;
  }

  @Test
  void mutatedFilesAreReadAsWhatTheyStateOrNothing() {
    Random r = new Random(20261203L);
    for (String seed : seeds()) {
      for (int i = 0; i < 400; i++) { // every tenth mutated much
        check(TextMutations.mutate(r, seed, 1 + r.nextInt(i % 10 == 0 ? 40 : 6)));
      }
    }
  }

  @Test
  void hostileFilesAreReadAsWhatTheyStateOrNothing() {
    hostile().forEach(MutatedJsonTest::check);
  }
}
