package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.output.Legend;
import org.radarbeam.testing.RealData;

/** frames.json per folder (the newest frames that exist) and the legend, written by a run. */
class ManifestAndLegendTest {
  @TempDir Path tmp;
  Path in;
  Path out;

  @BeforeEach
  void dirs() throws IOException {
    in = Files.createDirectories(tmp.resolve("in"));
    out = tmp.resolve("out");
  }

  private void frame(String hhmm) throws IOException {
    Files.write(in.resolve("composite_dmax_20251117_" + hhmm + "-hd5"), TestComposites.uint8Composite("20251117",
        hhmm + "00"));
  }

  @Test
  void theManifestListsTheNewestFramesThatExistOldestFirst() throws IOException {
    frame("1500");
    frame("1505");
    frame("1510");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out,
        "--manifestFrames=2");
    assertEquals(0, r.status, r.stdout + r.stderr);
    String manifest = Files.readString(out.resolve("germany/frames.json"));
    assertTrue(manifest.startsWith("{\"source\": \"dwd\", \"folder\": \"germany\", \"limit\": 2, \"frames\": [\n"
        + "  {\"unix\": 1763391900, \"time\": \"2025-11-17T15:05:00Z\", \"key\": \"germany/1763391900.png\","), manifest);
    assertTrue(manifest.contains("{\"unix\": 1763392200, \"time\": \"2025-11-17T15:10:00Z\", \"key\": \"germany/1763392200.png\""),
        manifest);
    assertEquals(2, manifest.split("\"unix\"").length - 1, manifest);

    // a rerun that writes nothing leaves it; a run that writes an older frame still lists the newest
    byte[] before = Files.readAllBytes(out.resolve("germany/frames.json"));
    RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out, "--manifestFrames=2");
    assertArrayEquals(before, Files.readAllBytes(out.resolve("germany/frames.json")));
    frame("1455");
    RadarMainTest.Run older = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out,
        "--manifestFrames=2");
    assertTrue(older.stdout.contains("rendered 1"), older.stdout);
    assertArrayEquals(before, Files.readAllBytes(out.resolve("germany/frames.json")));

    RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + tmp.resolve("none"),
        "--manifestFrames=0");
    assertTrue(!Files.exists(tmp.resolve("none/germany/frames.json")), "--manifestFrames=0 writes none");
  }

  @Test
  void scaledVariantsAreWrittenBesideTheImageAndListedWithIt() throws IOException {
    frame("1500");
    // the 40x30 fixture covers Germany with pixels of about 50 km: variants must be coarser
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out,
        "--resolutions=full,80000,100000,1000");
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(Files.exists(out.resolve("germany/1763391600@80000m.png")));
    assertTrue(Files.exists(out.resolve("germany/1763391600@100000m.png")));
    assertTrue(!Files.exists(out.resolve("germany/1763391600@1000m.png")), "never larger than the image");
    BufferedImage full = javax.imageio.ImageIO.read(out.resolve("germany/1763391600.png").toFile());
    BufferedImage half = javax.imageio.ImageIO.read(out.resolve("germany/1763391600@80000m.png").toFile());
    assertTrue(half.getWidth() < full.getWidth() && half.getHeight() < full.getHeight());
    String manifest = Files.readString(out.resolve("germany/frames.json"));
    assertTrue(manifest.contains("\"variants\": [{\"resolution\": 80000, \"key\": \"germany/1763391600@80000m.png\"},"
        + " {\"resolution\": 100000, \"key\": \"germany/1763391600@100000m.png\"}]"), manifest);

    RadarMainTest.Run invalid = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out,
        "--resolutions=full,1000", "--projection=native");
    assertEquals(2, invalid.status, invalid.stderr);
    RadarMainTest.Run bad = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out,
        "--resolutions=full,fine");
    assertEquals(2, bad.status, bad.stderr);
  }

  @Test
  void aFrameWhoseVariantCannotBeWrittenIsNotWrittenEitherSoTheNextRunRendersItWhole() throws IOException {
    frame("1500");
    // a directory where the variant goes: its write fails (the rename cannot replace it)
    Path blocked = Files.createDirectories(out.resolve("germany/1763391600@80000m.png/blocked"));
    String[] args = {"--sources=dwd", "--input=" + in + "/*", "--output=" + out, "--resolutions=full,80000"};
    RadarMainTest.Run failed = RadarMainTest.run(args);
    assertTrue(failed.status != 0, failed.stdout + failed.stderr);
    assertTrue(!Files.exists(out.resolve("germany/1763391600.png")),
        "the image is written after its variants: skip-existing would otherwise skip the frame for good");

    Files.delete(blocked);
    Files.delete(blocked.getParent());
    RadarMainTest.Run again = RadarMainTest.run(args);
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stdout.contains("rendered 1"), again.stdout);
    assertTrue(Files.isRegularFile(out.resolve("germany/1763391600@80000m.png")));
    assertTrue(Files.isRegularFile(out.resolve("germany/1763391600.png")));
  }

  @Test
  void aRunStoppedBeforeItsIndexesHasThemWrittenByTheNextRun() throws IOException {
    frame("1500");
    frame("1505");
    String[] args = {"--sources=dwd", "--input=" + in + "/*", "--output=" + out};
    assertEquals(0, RadarMainTest.run(args).status);
    Path manifest = out.resolve("germany/frames.json");
    Path extent = tmp.resolve("out-data/extent/dwd/extent_index.json");
    byte[] manifestBefore = Files.readAllBytes(manifest);
    // as a run stopped (or a Flink attempt failed) after the images and before the indexes leaves them
    Files.delete(manifest);
    Files.delete(extent);
    RadarMainTest.Run again = RadarMainTest.run(args);
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stdout.contains("skipped 1, rendered 1"), "the newest frame is rendered again: " + again.stdout);
    assertArrayEquals(manifestBefore, Files.readAllBytes(manifest));
    assertTrue(Files.isRegularFile(extent));
    RadarMainTest.Run third = RadarMainTest.run(args);
    assertTrue(third.stdout.contains("skipped 2, rendered 0"), third.stdout);
  }

  @Test
  void theRealDwdFramesVariants() throws IOException {
    Files.createSymbolicLink(in.resolve("composite_dmax_20251117_1500-hd5"), RealData.require("dwd/composite_hx_test.hd5"));
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out,
        "--resolutions=full,1000,2000");
    assertEquals(0, r.status, r.stdout + r.stderr);
    BufferedImage v1 = javax.imageio.ImageIO.read(out.resolve("germany/1763391600@1000m.png").toFile());
    BufferedImage v2 = javax.imageio.ImageIO.read(out.resolve("germany/1763391600@2000m.png").toFile());
    assertEquals((v1.getWidth() + 1) / 2, v2.getWidth(), 1);
    assertTrue(Files.readString(out.resolve("germany/frames.json")).contains("\"resolution\": 2000"));
  }

  @Test
  void theLegendIsWrittenOnce() throws IOException {
    frame("1500");
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out);
    assertEquals(0, r.status, r.stdout + r.stderr);
    Path data = tmp.resolve("out-data");
    assertEquals(Legend.json(10.0), Files.readString(data.resolve("legend/reflectivity.json")));
    assertArrayEquals(Legend.png(10.0), Files.readAllBytes(data.resolve("legend/legend.png")));
    Files.writeString(data.resolve("legend/reflectivity.json"), "{\"kept\": true}");
    RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out, "--overwrite");
    assertEquals("{\"kept\": true}", Files.readString(data.resolve("legend/reflectivity.json")), "written when missing");
  }

  @Test
  void theRealDwdFramesManifestHasItsExtentsBounds() throws IOException {
    Files.createSymbolicLink(in.resolve("composite_dmax_20251117_1500-hd5"), RealData.require("dwd/composite_hx_test.hd5"));
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out);
    assertEquals(0, r.status, r.stdout + r.stderr);
    String manifest = Files.readString(out.resolve("germany/frames.json"));
    String extent = Files.readString(tmp.resolve("out-data/extent/dwd/extent_index.json"));
    String bounds = extent.substring(extent.indexOf("\"west\""), extent.indexOf('}', extent.indexOf("\"west\"")));
    assertTrue(manifest.contains("\"bounds\": {" + bounds + "}"), manifest + "\n" + extent);
    assertTrue(manifest.contains("\"key\": \"germany/1763391600.png\""), manifest);
  }
}
