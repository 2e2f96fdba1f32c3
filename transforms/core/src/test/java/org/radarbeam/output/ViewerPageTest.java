package org.radarbeam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The viewer page's files and folders.json. */
class ViewerPageTest {
  @Test
  void everyAssetComesFromTheClassPathAndEveryPageReferenceIsAnAsset() {
    Set<String> keys = new java.util.HashSet<>();
    for (ViewerPage.Asset a : ViewerPage.assets()) {
      assertTrue(a.bytes().length > 0, a.key());
      keys.add(a.key());
    }
    String leaflet = new String(ViewerPage.assets().stream().filter(a -> a.key().endsWith("leaflet.js")).findFirst()
        .orElseThrow().bytes(), StandardCharsets.UTF_8);
    assertTrue(leaflet.contains("Leaflet " + ViewerPage.LEAFLET_VERSION), "the pom's Leaflet is the one copied");

    String page = ViewerPage.index(new ViewerSettings("", "", ""));
    Matcher m = Pattern.compile("(?:src|href)=\"(?!data:)([^\"]+)\"").matcher(page);
    int refs = 0;
    while (m.find()) {
      assertTrue(keys.contains(m.group(1)), m.group(1) + " is written with the page");
      refs++;
    }
    assertEquals(4, refs, page);
    String css = new String(ViewerPage.assets().stream().filter(a -> a.key().endsWith("leaflet.css")).findFirst()
        .orElseThrow().bytes(), StandardCharsets.UTF_8);
    Matcher images = Pattern.compile("url\\((images/[^)]+)\\)").matcher(css);
    while (images.find()) {
      assertTrue(keys.contains("viewer/leaflet/" + images.group(1)), images.group(1));
    }
  }

  @Test
  void theSettingsGoIntoTheBodyAsEscapedAttributes() {
    String page = ViewerPage.index(new ViewerSettings(ViewerSettings.OSM_TILES, ViewerSettings.OSM_ATTRIBUTION,
        "../out-data/"));
    assertTrue(page.contains("<body data-basemap=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\" data-attribution=\""
        + "&amp;copy; &lt;a href=&quot;https://www.openstreetmap.org/copyright&quot;&gt;OpenStreetMap&lt;/a&gt;"
        + " contributors\" data-legend=\"../out-data/legend/legend.png\">"), page);
    assertTrue(ViewerPage.index(new ViewerSettings("x\"><script>", "", "")).contains("data-basemap=\"x&quot;&gt;&lt;script&gt;\""));
    assertTrue(ViewerPage.index(new ViewerSettings("", "", "")).contains("data-legend=\"\""), "no data URL: no legend");
  }

  @Test
  void foldersJsonListsSortedFoldersAndReadsBack() {
    String json = ViewerFolders.json(List.of("slovakia", "odim/40x30-1a2b3c4d", "germany"));
    assertEquals("{\"folders\": [\"germany\", \"odim/40x30-1a2b3c4d\", \"slovakia\"]}\n", json);
    assertEquals(Set.of("germany", "odim/40x30-1a2b3c4d", "slovakia"), ViewerFolders.parse(json));
    assertEquals("{\"folders\": []}\n", ViewerFolders.json(List.of()));
    assertEquals(Set.of(), ViewerFolders.parse("not json"));
    assertEquals(Set.of(), ViewerFolders.parse("{\"folders\": [\"germany\", \"slova"), "a list cut short: none");
    assertEquals(Set.of("a"), ViewerFolders.parse("{\"folders\": [\"a\", \"../up\", \"b c\"]}"), "only folder names");
    assertEquals("odim/40x30-1a2b3c4d", ViewerFolders.folderOf("odim/40x30-1a2b3c4d/frames.json"));
    assertNull(ViewerFolders.folderOf("frames.json"));
    assertNull(ViewerFolders.folderOf("germany/1763391600.png"));
  }
}
