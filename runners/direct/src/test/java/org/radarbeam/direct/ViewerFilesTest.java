package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.output.ViewerPage;

/** The viewer page's files as runs write them: the page when missing, folders.json after the manifests. */
class ViewerFilesTest {
  @TempDir Path tmp;
  Path in;
  Path out;

  @BeforeEach
  void dirs() throws IOException {
    in = Files.createDirectories(tmp.resolve("in"));
    out = tmp.resolve("out");
  }

  private RadarMainTest.Run run(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "--input=" + in + "/{source}/*";
    args[1] = "--output=" + out;
    System.arraycopy(extra, 0, args, 2, extra.length);
    RadarMainTest.Run r = RadarMainTest.run(args);
    assertEquals(0, r.status, r.stdout + r.stderr);
    return r;
  }

  private void dwd(String hhmm) throws IOException {
    Files.write(Files.createDirectories(in.resolve("dwd")).resolve("composite_dmax_20251117_" + hhmm + "-hd5"), TestComposites.uint8Composite("20251117",
        hhmm + "00"));
  }

  private String folders() throws IOException {
    return Files.readString(out.resolve("viewer/folders.json"));
  }

  @Test
  void thePageIsWrittenWhenMissingAndNeverOverwritten() throws IOException {
    dwd("1500");
    run("--sources=dwd");
    String page = Files.readString(out.resolve("index.html"));
    assertTrue(page.contains("data-basemap=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\""), page);
    assertTrue(page.contains("data-legend=\"../out-data/legend/legend.png\""), page);
    for (ViewerPage.Asset a : ViewerPage.assets()) {
      assertArrayEquals(a.bytes(), Files.readAllBytes(out.resolve(a.key())), a.key());
    }

    // an edited page and an edited asset are kept, also by a run that renders again
    Files.writeString(out.resolve("index.html"), "<!-- mine -->");
    Files.writeString(out.resolve("viewer/viewer.css"), "/* mine */");
    run("--sources=dwd", "--overwrite", "--viewerBasemap=none");
    assertEquals("<!-- mine -->", Files.readString(out.resolve("index.html")));
    // without index.html the page is written again, with the run's settings; existing assets are kept
    Files.delete(out.resolve("index.html"));
    Files.delete(out.resolve("viewer/viewer.js"));
    run("--sources=dwd", "--viewerBasemap=none");
    assertTrue(Files.readString(out.resolve("index.html")).contains("data-basemap=\"\""));
    assertTrue(Files.exists(out.resolve("viewer/viewer.js")));
    assertEquals("/* mine */", Files.readString(out.resolve("viewer/viewer.css")));
  }

  @Test
  void foldersJsonListsTheFoldersWithAManifestAcrossRuns() throws IOException {
    dwd("1500");
    run("--sources=dwd");
    assertEquals("{\"folders\": [\"germany\"]}\n", folders());

    // another run's folder joins the list
    Files.write(Files.createDirectories(in.resolve("shmu")).resolve("T_PABV22_C_LZIB_20251117150500.hdf"), TestComposites.uint8Composite("shmu", "20251117",
        "150500"));
    run("--sources=shmu");
    assertEquals("{\"folders\": [\"germany\", \"slovakia\"]}\n", folders());

    // a run that writes nothing leaves it; a folder whose manifest is gone drops out at the next write
    Files.writeString(out.resolve("viewer/folders.json"), "{\"folders\": [\"germany\", \"slovakia\"]}\n");
    long before = Files.getLastModifiedTime(out.resolve("viewer/folders.json")).toMillis();
    run("--sources=dwd,shmu");
    assertEquals(before, Files.getLastModifiedTime(out.resolve("viewer/folders.json")).toMillis());
    Files.delete(out.resolve("slovakia/frames.json"));
    dwd("1505");
    run("--sources=dwd");
    assertEquals("{\"folders\": [\"germany\"]}\n", folders());

    // a list lost (a run stopped after its manifests) is made again by a run that writes no frame
    Files.delete(out.resolve("viewer/folders.json"));
    RadarMainTest.Run again = run("--sources=dwd");
    assertTrue(again.stdout.contains("rendered 0"), again.stdout);
    assertEquals("{\"folders\": [\"germany\"]}\n", folders());
  }

  @Test
  void withoutManifestsOrInADryRunThereIsNoFolderList() throws IOException {
    dwd("1500");
    run("--sources=dwd", "--manifestFrames=0");
    assertTrue(Files.exists(out.resolve("index.html")), "the page says there are no frames yet");
    assertFalse(Files.exists(out.resolve("viewer/folders.json")));
    Path dry = tmp.resolve("dry");
    RadarMainTest.run("--sources=dwd", "--input=" + in + "/dwd/*", "--output=" + dry, "--dryRun");
    assertFalse(Files.exists(dry.resolve("index.html")), "a dry run writes nothing");
  }

  @Test
  void aBasemapThatIsNoTileTemplateIsRejectedBeforeAnyWork() throws IOException {
    dwd("1500");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + in + "/dwd/*", "--output=" + out,
        "--viewerBasemap=https://tiles.example/map.png");
    assertEquals(2, r.status, r.stdout + r.stderr);
    assertTrue(r.stderr.contains("--viewerBasemap must be a tile URL template with {z}, {x} and {y}"), r.stderr);
    assertFalse(Files.exists(out.resolve("germany")));
  }
}
