package org.radarbeam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.radarbeam.io.TooLargeException;
import org.junit.jupiter.api.Test;

/** FrameManifest: the newest frames of a folder, oldest first, in the documented layout. */
class FrameManifestTest {
  @Test
  void theNewestFramesOfTheFolderOnly() {
    List<String> keys = List.of("germany/1763391900.png", "germany/1763391600.png", "germany/1763392200.png",
        "germany/frames.json", "germany/1763392200@1000m.png", "germany/.1763392500.png.tmp-1",
        "germanyx/1763392800.png", "germany/sub/1763393100.png");
    assertEquals(List.of(new FrameManifest.Frame(1763391900L, "germany/1763391900.png"),
            new FrameManifest.Frame(1763392200L, "germany/1763392200.png",
                new java.util.TreeMap<>(java.util.Map.of(1000, "germany/1763392200@1000m.png")))),
        FrameManifest.newest("germany", keys, 2), "a variant goes with its frame");
    assertEquals(3, FrameManifest.newest("germany", keys, 48).size());
  }

  /**
   * A folder of years listed key by key keeps the newest frames with their variants: the variants of
   * frames pushed out go too, and variants without an image do not push out those of the frames kept.
   */
  @Test
  void theNewestAreGatheredFromAnyNumberOfKeys() {
    FrameManifest.Newest n = new FrameManifest.Newest("germany", 3);
    long t0 = 1_700_000_000L;
    for (int i = 0; i < 300_000; i++) { // keys in the order a listing gives them: the image, then its variants
      long t = t0 + 300L * i;
      n.add("germany/" + t + ".png");
      n.add("germany/" + t + "@8000m.png");
    }
    long last = t0 + 300L * 299_999;
    for (int i = 1; i <= 1000; i++) {
      n.add("germany/" + (last + 300L * i) + "@4000m.png"); // variants whose image was never written
    }
    List<FrameManifest.Frame> frames = n.frames();
    assertEquals(List.of(last - 600, last - 300, last), frames.stream().map(FrameManifest.Frame::unix).toList());
    assertEquals(java.util.Map.of(8000, "germany/" + last + "@8000m.png"), frames.get(2).variants());
  }

  /** A frame of a time no run writes (another writer's key) is not listed, so it cannot stay the newest for good. */
  @Test
  void framesAfterTheLatestTimeAreLeftOut() {
    FrameManifest.Newest n = new FrameManifest.Newest("germany", 2, 2400);
    for (String key : List.of("germany/1800.png", "germany/99999999999.png", "germany/2400.png", "germany/2700.png",
        "germany/2700@250m.png", "germany/2100.png")) {
      n.add(key);
    }
    assertEquals(List.of(2100L, 2400L), n.frames().stream().map(FrameManifest.Frame::unix).toList());
  }

  /** A directory lists in any order: a variant before its image, a newer image between them. */
  @Test
  void variantsListedBeforeTheirImageStayWithIt() {
    List<String> keys = List.of("germany/1800@250m.png", "germany/2100.png", "germany/1800.png", "germany/1500.png",
        "germany/1500@250m.png", "germany/2400@250m.png", "germany/2400.png");
    for (int count : new int[] {2, 3, 5}) {
      FrameManifest.Newest n = new FrameManifest.Newest("germany", count);
      keys.forEach(n::add);
      assertEquals(FrameManifest.newest("germany", new java.util.TreeSet<>(keys), count), n.frames(), "count " + count);
    }
    FrameManifest.Newest three = new FrameManifest.Newest("germany", 3);
    keys.forEach(three::add);
    assertEquals(java.util.Map.of(250, "germany/1800@250m.png"), three.frames().get(0).variants());
  }

  /**
   * Only whole numbers as the writer writes them are times and limits: the first 12 digits of a longer number
   * are no frame's time, and a limit of 0, which no run writes, is none (a reader took a manifest of no frames
   * at that limit for a full one, and asked for its oldest frame).
   */
  @Test
  void onlyWholeNumbersAreTimesAndLimits() throws Exception {
    assertEquals(Set.of(), FrameManifest.listed("{\"frames\": [{\"unix\": 17633916001234}, {\"unix\": 01763391600}]}"));
    assertEquals(Set.of(0L, 1763391600L), FrameManifest.listed("[{\"unix\": 1763391600}, {\"unix\": 0}]"));
    assertEquals(null, FrameManifest.limit("{\"limit\": 4800000000, \"frames\": []}"));
    assertEquals(null, FrameManifest.limit("{\"limit\": 0, \"frames\": []}"));
    assertEquals(null, FrameManifest.limit("{\"limit\": 048, \"frames\": []}"));
    assertEquals(999_999_999, FrameManifest.limit("{\"limit\": 999999999}"));
  }

  /**
   * A manifest of more frames than a run writes is refused before it fills the heap: a file of the store's 64
   * MB in distinct times would take about 200 MB as a set.
   */
  @Test
  void aManifestOfMoreFramesThanARunWritesIsTooLarge() throws Exception {
    StringBuilder s = new StringBuilder("{\"limit\": 48, \"frames\": [");
    for (int i = 0; i < FrameManifest.MAX_LISTED; i++) {
      s.append("{\"unix\": ").append(1_000_000_000L + i).append("}, ");
    }
    assertEquals(FrameManifest.MAX_LISTED, FrameManifest.listed(s + "]}").size());
    assertEquals(FrameManifest.MAX_LISTED, FrameManifest.listed(s + "{\"unix\": 1000000000}]}").size(), "the same again");
    TooLargeException e = assertThrows(TooLargeException.class, () -> FrameManifest.listed(s + "{\"unix\": 1}]}"));
    assertEquals("frames.json lists more than 100000 frames, more than a run writes", e.getMessage());
  }

  @Test
  void json() {
    String json = FrameManifest.json("dwd", "germany", 48, List.of(new FrameManifest.Frame(1763391600L,
        "germany/1763391600.png")), new double[] {1.5, 45.5, 18.5, 56.0});
    assertEquals("{\"source\": \"dwd\", \"folder\": \"germany\", \"limit\": 48, \"frames\": [\n"
        + "  {\"unix\": 1763391600, \"time\": \"2025-11-17T15:00:00Z\", \"key\": \"germany/1763391600.png\","
        + " \"bounds\": {\"west\": 1.500000, \"east\": 18.500000, \"south\": 45.500000, \"north\": 56.000000},"
        + " \"variants\": []}\n]}\n", json);
    String withVariants = FrameManifest.json("dwd", "germany", 48, List.of(new FrameManifest.Frame(1763391600L,
        "germany/1763391600.png", new java.util.TreeMap<>(java.util.Map.of(2000, "germany/1763391600@2000m.png",
        1000, "germany/1763391600@1000m.png")))), new double[] {1.5, 45.5, 18.5, 56.0});
    assertTrue(withVariants.contains("\"variants\": [{\"resolution\": 1000, \"key\": \"germany/1763391600@1000m.png\"},"
        + " {\"resolution\": 2000, \"key\": \"germany/1763391600@2000m.png\"}]}"), withVariants);
    assertEquals("{\"source\": \"dwd\", \"folder\": \"germany\", \"limit\": 48, \"frames\": []}\n",
        FrameManifest.json("dwd", "germany", 48, List.of(), new double[] {1, 2, 3, 4}));
    assertEquals(48, FrameManifest.limit(json));
    assertEquals(null, FrameManifest.limit("{\"source\": \"dwd\", \"folder\": \"germany\", \"frames\": []}"));
  }
}
