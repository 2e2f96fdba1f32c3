package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.netcdf.OmszFixtures;
import org.radarbeam.codec.odim.OdimFixtures;
import org.radarbeam.composite.CompositeGrid;
import org.radarbeam.composite.CompositeGrids;
import org.radarbeam.geo.WebMercator;
import org.radarbeam.geo.WebMercatorGrid;
import org.radarbeam.palette.DbzQuantizer;
import org.radarbeam.palette.RadarPalette;
import org.radarbeam.png.PngDecode;
import org.radarbeam.render.RenderSlots;

/**
 * The composite end to end on the Direct runner, from synthetic ODIM, netCDF and SRD files on
 * different grids with known overlaps: the larger dBZ wins, no data is transparent, a slot below
 * --minSources and a slot with a failing member are skipped (their members' own images written),
 * masks and extents are written, a rerun writes nothing.
 */
class CompositeRunTest {
  static final int RES = 2000;
  static final String LONLAT = "+proj=longlat +datum=WGS84 +no_defs";
  /** 15:00, 15:05 and 15:10 UTC on 2025-11-17. */
  static final long T0 = 1763391600L;
  static final long T1 = T0 + 300;
  static final long T2 = T0 + 600;

  @TempDir
  Path tmp;
  Path in;
  Path out;

  @BeforeEach
  void files() throws IOException {
    in = tmp.resolve("in");
    out = tmp.resolve("out");
    for (String[] t : new String[][] {{"1500", "150000"}, {"1505", "150500"}, {"1510", "151000"}}) {
      // DWD's grid (Germany), 30 dBZ wherever it scans
      write("dwd", "composite_dmax_20251117_" + t[0] + "-hd5", odim(t[1], null, 88, 96, (r, c) -> 124));
      // IMGW as a lon/lat grid over 16..20 E, 48..51 N (corners are pixel centres): no data in its north half, 45 dBZ south
      write("imgw", "20251117" + t[1] + "00dBZ.cmax.h5", odim(t[1], LONLAT, 40, 30, (r, c) -> r < 15 ? 255 : 154));
    }
    // OMSZ over 13.5..15.5 E, 48.5..50.5 N at 50 dBZ, in the first slot only; a truncated one in the third
    int[] raw = new int[160 * 250];
    Arrays.fill(raw, 164);
    byte[] omsz = OmszFixtures.zip("radar_composite-refl2D-20251117_1500.nc", OmszFixtures.classic(omsz(raw), 1));
    write("omsz", "radar_composite-refl2D-20251117_1500.nc.zip", omsz);
    write("omsz", "radar_composite-refl2D-20251117_1510.nc.zip", Arrays.copyOf(omsz, omsz.length / 2));
    // ARSO (optional, not core) at 21 dBZ in the first slot: its time is in its header
    write("arso", "si0-zm.srd", ("time 2025 11 17 15 0\nncell 401 301\nDATA\n" + "C".repeat(401 * 301))
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void slotsAreMergedSkippedAndReportedAndARerunWritesNothing() throws IOException {
    RadarMainTest.Run r = RadarMainTest.run(args());
    assertEquals(3, r.status, r.stdout + r.stderr); // the truncated OMSZ file failed
    assertTrue(r.stdout.contains("composites written 1, slots skipped 1 too-few-sources, 1 member-failed"), r.stdout);
    assertEquals(List.of("composite/" + T0 + ".png", "germany/" + T0 + ".png", "germany/" + T1 + ".png",
        "germany/" + T2 + ".png", "hungary/" + T0 + ".png", "poland/" + T0 + ".png", "poland/" + T1 + ".png",
        "poland/" + T2 + ".png", "slovenia/" + T0 + ".png"), RadarMainTest.images(out));
    String report = Files.readString(only(out.resolve("_failures")));
    assertTrue(report.contains("radar_composite-refl2D-20251117_1510.nc.zip") && report.contains("\"source\":\"omsz\""),
        report);

    BufferedImage img = PngDecode.read(Files.readAllBytes(out.resolve("composite/" + T0 + ".png")));
    WebMercatorGrid g = CompositeGrid.at(RES);
    assertEquals(g.width(), img.getWidth());
    assertEquals(g.height(), img.getHeight());
    assertEquals(colour(45), rgb(img, g, 16.5, 48.5), "DWD and the lon/lat grid overlap: 45 dBZ wins over 30");
    assertEquals(colour(30), rgb(img, g, 16.5, 50.5), "the lon/lat grid has no data there: DWD shows through");
    assertEquals(colour(45), rgb(img, g, 19.5, 48.5), "the lon/lat grid only");
    assertEquals(0, rgb(img, g, 19.5, 50.5), "no data there and no other source: transparent");
    assertEquals(colour(30), rgb(img, g, 8.0, 51.0), "DWD only");
    assertEquals(colour(50), rgb(img, g, 14.5, 49.5), "50 (OMSZ) beats 30 (DWD)");
    assertEquals(colour(21), rgb(img, g, 17.2, 45.0), "ARSO only (21 dBZ)");
    assertEquals(0, rgb(img, g, 25.0, 55.0), "no source: transparent");

    // extents and masks
    Path data = tmp.resolve("out-data");
    String extent = Files.readString(data.resolve("extent/composite/extent_index.json"));
    assertTrue(extent.contains("\"west\": 1.461077, \"east\": 26.376516, \"south\": 44.001479, \"north\": 56.398335"),
        extent);
    assertTrue(extent.contains("\"sources\": [\"arso\", \"dwd\", \"imgw\", \"omsz\"], \"resolution_m\": 2000}"), extent);
    assertEquals(List.of("extent/arso/extent_index.json", "extent/composite/extent_index.json",
        "extent/dwd/extent_index.json", "extent/imgw/extent_index.json", "extent/omsz/extent_index.json",
        "legend/legend.png", "legend/reflectivity.json", "mask/arso/coverage_mask.png", "mask/composite/coverage_mask.png", "mask/dwd/coverage_mask.png",
        "mask/imgw/coverage_mask.png", "mask/omsz/coverage_mask.png"), RadarMainTest.keys(data));
    BufferedImage mask = PngDecode.read(Files.readAllBytes(data.resolve("mask/composite/coverage_mask.png")));
    assertEquals(0x00000000, rgb(mask, g, 8.0, 51.0), "covered by DWD");
    assertEquals(0x00000000, rgb(mask, g, 19.5, 48.5), "covered by the lon/lat grid's south half");
    assertEquals(0xFF808080, rgb(mask, g, 19.5, 50.5), "not scanned by the lon/lat grid's north half, nor by DWD");
    assertEquals(0xFF808080, rgb(mask, g, 25.0, 55.0), "covered by none");
    BufferedImage imgwMask = PngDecode.read(Files.readAllBytes(data.resolve("mask/imgw/coverage_mask.png")));
    assertEquals(0xFF808080, imgwMask.getRGB(imgwMask.getWidth() / 2, 2), "north half not scanned");
    assertEquals(0x00000000, imgwMask.getRGB(imgwMask.getWidth() / 2, imgwMask.getHeight() - 3), "south half scanned");

    // a rerun writes nothing
    Map<String, byte[]> before = contents(out);
    RadarMainTest.Run again = RadarMainTest.run(args());
    assertTrue(again.stdout.contains("rendered 0") && again.stdout.contains("1 already-exists"), again.stdout);
    Map<String, byte[]> after = contents(out);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
  }

  @Test
  void theCompositeMaskWaitsForAFrameOfEverySourceOfTheRun() throws IOException {
    Path arso = in.resolve("arso/si0-zm.srd");
    byte[] arsoFrame = Files.readAllBytes(arso);
    Files.delete(arso);
    RadarMainTest.Run r = RadarMainTest.run(args());
    assertEquals(3, r.status, r.stdout + r.stderr);
    Path data = tmp.resolve("out-data");
    List<String> masks = RadarMainTest.keys(data).stream().filter(k -> k.startsWith("mask/")).toList();
    assertEquals(List.of("mask/dwd/coverage_mask.png", "mask/imgw/coverage_mask.png", "mask/omsz/coverage_mask.png"),
        masks, "no ARSO frame: its area would be missing from the composite mask for good");
    assertTrue(r.stderr.contains("composite coverage mask left for a later run: no frame of arso"), r.stderr);

    Files.write(arso, arsoFrame);
    RadarMainTest.Run again = RadarMainTest.run(args());
    assertEquals(3, again.status, again.stdout + again.stderr);
    BufferedImage mask = PngDecode.read(Files.readAllBytes(data.resolve("mask/composite/coverage_mask.png")));
    WebMercatorGrid g = CompositeGrid.at(RES);
    assertEquals(0x00000000, rgb(mask, g, 17.2, 45.0), "covered by ARSO only");
    assertTrue(Files.exists(data.resolve("mask/arso/coverage_mask.png")));

    // a source's mask gone, the composite's there: only that source's frame is read for it
    byte[] dwdMask = Files.readAllBytes(data.resolve("mask/dwd/coverage_mask.png"));
    Files.delete(data.resolve("mask/dwd/coverage_mask.png"));
    RadarMainTest.Run third = RadarMainTest.run(args());
    assertEquals(3, third.status, third.stdout + third.stderr);
    assertArrayEquals(dwdMask, Files.readAllBytes(data.resolve("mask/dwd/coverage_mask.png")), "written again the same");
    List<String> wrote = third.stderr.lines().filter(l -> l.contains(": wrote ") && l.contains("coverage_mask")).toList();
    assertEquals(1, wrote.size(), third.stderr);
    assertTrue(wrote.get(0).contains("dwd: wrote"), wrote.get(0));
  }

  /**
   * The masks of a first run are bounded as a slot's merge is: with every render slot held
   * elsewhere, the mask step waits for one (or for a composite grid, which the waiting merges
   * hold) and writes every mask once the slots are given back.
   */
  @Test
  void masksAreDecodedInRenderSlots() throws Exception {
    RenderSlots slots = RenderSlots.shared();
    List<RenderSlots.Slot> held = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      held.add(slots.take());
    }
    RadarMainTest.Run[] run = new RadarMainTest.Run[1];
    // more workers than slots, so the mask step gets a thread while the slots merge waits too
    Thread job = new Thread(() -> run[0] = RadarMainTest.run(args("--targetParallelism=8")));
    try {
      job.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!maskStepWaits()) {
        assertTrue(System.nanoTime() < deadline, "the mask step never waited for a render slot or a grid");
        Thread.sleep(20);
      }
      Path data = tmp.resolve("out-data");
      assertEquals(List.of(), RadarMainTest.keys(data).stream().filter(k -> k.startsWith("mask/")).toList(),
          "a mask was made without a render slot");
    } finally {
      held.forEach(RenderSlots.Slot::close);
      job.join(TimeUnit.SECONDS.toMillis(120));
    }
    assertEquals(3, run[0].status, run[0].stdout + run[0].stderr); // the truncated OMSZ file failed
    assertEquals(List.of("mask/arso/coverage_mask.png", "mask/composite/coverage_mask.png", "mask/dwd/coverage_mask.png",
        "mask/imgw/coverage_mask.png", "mask/omsz/coverage_mask.png"), RadarMainTest.keys(tmp.resolve("out-data"))
            .stream().filter(k -> k.startsWith("mask/")).toList());
    assertEquals(slots.size(), slots.available(), "a render slot was not given back");
    assertEquals(slots.size(), CompositeGrids.shared().available(), "a composite grid was not given back");
  }

  /** Whether a thread is in the mask step, waiting for a render slot or a composite grid. */
  private static boolean maskStepWaits() {
    return Thread.getAllStackTraces().values().stream().anyMatch(stack -> {
      String frames = Arrays.stream(stack).map(e -> e.getClassName() + "." + e.getMethodName())
          .collect(Collectors.joining(" "));
      return (frames.contains(RenderSlots.class.getName() + ".take")
          || frames.contains(CompositeGrids.class.getName() + ".take")) && frames.contains("WriteCoverageMasks$WriteFn");
    });
  }

  @Test
  void withoutIndividualImagesOnlyCompositesAreWritten() throws IOException {
    RadarMainTest.Run r = RadarMainTest.run(args("--individual=false", "--minSources=2", "--sources=dwd,imgw",
        "--resolutions=full,8000"));
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertEquals(List.of("composite/" + T0 + ".png", "composite/" + T0 + "@8000m.png", "composite/" + T1 + ".png",
        "composite/" + T1 + "@8000m.png", "composite/" + T2 + ".png", "composite/" + T2 + "@8000m.png"), RadarMainTest.images(out));
    // the composite grid at 8 km: a quarter of the 2 km grid's size each way, rounded up
    WebMercatorGrid scaled = CompositeGrid.at(RES).atResolution(8000);
    BufferedImage v = PngDecode.read(Files.readAllBytes(out.resolve("composite/" + T0 + "@8000m.png")));
    assertEquals(scaled.width(), v.getWidth());
    assertEquals(scaled.height(), v.getHeight());
    assertEquals(colour(30), rgb(v, scaled, 8.0, 51.0), "DWD only, as in the full composite");
    assertTrue(Files.readString(out.resolve("composite/frames.json")).contains("\"key\": \"composite/" + T2 + ".png\""));
    // no own images, but each source's newest frame merged gives its data latency
    for (String source : List.of("dwd", "imgw")) {
      assertTrue(r.stdout.contains("  " + source + ": rendered 0, skipped 0, failed 0, newest frame 2025-11-17T15:10:00Z"),
          r.stdout);
    }
  }

  /**
   * A run stopped after its composites and before their indexes (or a Flink attempt that failed there) leaves
   * composites that no index lists: the next run, which finds every composite written, writes the indexes again
   * without making any composite again.
   */
  @Test
  void aRunStoppedBeforeItsCompositeIndexesHasThemWrittenByTheNextRun() throws IOException {
    String[] first = args("--individual=false", "--minSources=2", "--sources=dwd,imgw", "--input=" + in + "/{source}/*1500*");
    String[] all = args("--individual=false", "--minSources=2", "--sources=dwd,imgw");
    assertEquals(0, RadarMainTest.run(first).status);
    Path manifest = out.resolve("composite/frames.json");
    byte[] listsFirstSlot = Files.readAllBytes(manifest);
    assertEquals(0, RadarMainTest.run(all).status);
    byte[] listsAll = Files.readAllBytes(manifest);
    assertTrue(new String(listsAll, StandardCharsets.UTF_8).contains("composite/" + T2 + ".png"));
    Map<String, byte[]> composites = contents(out.resolve("composite"));

    // the manifest of the first run, no extent index: the second run stopped before them
    Files.write(manifest, listsFirstSlot);
    Path extent = tmp.resolve("out-data/extent/composite/extent_index.json");
    Files.delete(extent);
    RadarMainTest.Run again = RadarMainTest.run(all);
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stdout.contains("composites written 0, slots skipped 3 already-exists"), again.stdout);
    assertTrue(again.stderr.contains(out.resolve("composite/frames.json") + " does not list 2025-11-17T15:"),
        again.stderr);
    assertTrue(again.stderr.contains(", one of the folder's newest 48 frames (it lists 1); its indexes are written again"),
        again.stderr);
    assertArrayEquals(listsAll, Files.readAllBytes(manifest));
    assertTrue(Files.readString(extent).contains("\"sources\": [\"dwd\", \"imgw\"]"), Files.readString(extent));
    Map<String, byte[]> after = contents(out.resolve("composite"));
    composites.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " is not made again"));

    // indexes that list every composite are left alone
    RadarMainTest.Run third = RadarMainTest.run(all);
    assertEquals(0, third.status, third.stdout + third.stderr);
    assertTrue(!third.stderr.contains("written again"), third.stderr);

    // a manifest in order and no extent index: the extent index alone is written again
    Files.delete(extent);
    RadarMainTest.Run fourth = RadarMainTest.run(all);
    assertEquals(0, fourth.status, fourth.stdout + fourth.stderr);
    assertTrue(fourth.stderr.contains(extent + " is missing; its indexes are written again"), fourth.stderr);
    assertTrue(Files.isRegularFile(extent));
    assertArrayEquals(listsAll, Files.readAllBytes(manifest));

    // a manifest of the newer slots only (a run over older slots stopped before its indexes): written again
    Files.writeString(manifest, Files.readString(manifest).replaceFirst("\\{\"unix\": " + T0 + "[^}]*\\}[^{]*", ""));
    assertTrue(!Files.readString(manifest).contains("composite/" + T0 + ".png"), Files.readString(manifest));
    RadarMainTest.Run fifth = RadarMainTest.run(all);
    assertEquals(0, fifth.status, fifth.stdout + fifth.stderr);
    assertTrue(fifth.stderr.contains(" does not list 2025-11-17T15:00:00Z, one of the folder's newest 48 frames (it lists"
        + " 2); its indexes are written again"), fifth.stderr);
    assertArrayEquals(listsAll, Files.readAllBytes(manifest));
  }

  /**
   * A composite run stopped after the members' own images and before their indexes leaves member folders that
   * no index lists: the next run, which finds every composite and image written, renders one member image of
   * each such folder again, which writes its manifest, its extent index and the viewer's list again.
   */
  @Test
  void aRunStoppedBeforeItsMembersIndexesHasThemWrittenByTheNextRun() throws IOException {
    String[] all = args("--minSources=2", "--sources=dwd,imgw");
    assertEquals(0, RadarMainTest.run(all).status);
    Path data = tmp.resolve("out-data");
    Map<String, byte[]> complete = contents(out);
    Map<String, byte[]> completeData = contents(data);

    // no manifest for germany, no extent index for imgw (poland), no viewer list: the run stopped before them
    Files.delete(out.resolve("germany/frames.json"));
    Files.delete(data.resolve("extent/imgw/extent_index.json"));
    Files.delete(out.resolve("viewer/folders.json"));
    Map<String, Long> modified = new TreeMap<>();
    for (String k : complete.keySet()) {
      if (k.endsWith(".png")) {
        modified.put(k, Files.getLastModifiedTime(out.resolve(k)).toMillis());
      }
    }
    RadarMainTest.Run again = RadarMainTest.run(all);
    assertEquals(0, again.status, again.stdout + again.stderr);
    assertTrue(again.stdout.contains("composites written 0, slots skipped 3 already-exists"), again.stdout);
    assertTrue(again.stderr.contains("germany: " + out.resolve("germany/frames.json") + " is missing; germany/"),
        again.stderr);
    assertTrue(again.stderr.contains("poland: " + data.resolve("extent/imgw/extent_index.json") + " is missing; poland/"),
        again.stderr);
    Map<String, byte[]> after = contents(out);
    assertEquals(complete.keySet(), after.keySet());
    complete.forEach((k, v) -> assertArrayEquals(v, after.get(k), k)); // frames.json and folders.json included
    assertEquals(withoutTime(completeData.get("extent/imgw/extent_index.json")),
        withoutTime(Files.readAllBytes(data.resolve("extent/imgw/extent_index.json"))));
    List<String> renderedAgain = new ArrayList<>();
    for (Map.Entry<String, Long> e : modified.entrySet()) {
      if (Files.getLastModifiedTime(out.resolve(e.getKey())).toMillis() != e.getValue()) {
        renderedAgain.add(e.getKey());
      }
    }
    assertTrue(renderedAgain.stream().noneMatch(k -> k.startsWith("composite/")), renderedAgain.toString());
    assertTrue(renderedAgain.stream().anyMatch(k -> k.startsWith("germany/")), renderedAgain.toString());
    assertTrue(renderedAgain.stream().anyMatch(k -> k.startsWith("poland/")), renderedAgain.toString());

    // indexes in order: nothing is rendered again
    RadarMainTest.Run third = RadarMainTest.run(all);
    assertEquals(0, third.status, third.stdout + third.stderr);
    assertTrue(third.stdout.contains("rendered 0"), third.stdout);
    assertTrue(!third.stderr.contains("rendered again"), third.stderr);
  }

  /** A source's first file by name is corrupt: its mask comes from the next one, on this run, not never. */
  @Test
  void aCorruptFirstFileDoesNotHoldAMaskBack() throws IOException {
    write("omsz", "radar_composite-refl2D-20251117_1455.nc.zip", "not a zip".getBytes(StandardCharsets.US_ASCII));
    RadarMainTest.Run r = RadarMainTest.run(args());
    Path data = tmp.resolve("out-data");
    assertTrue(Files.exists(data.resolve("mask/omsz/coverage_mask.png")), r.stderr);
    assertTrue(Files.exists(data.resolve("mask/composite/coverage_mask.png")), r.stderr);
    assertTrue(r.stderr.contains("omsz: no coverage from " + in + "/omsz/radar_composite-refl2D-20251117_1455.nc.zip"),
        r.stderr);
  }

  /** A source whose only file is corrupt has no mask on this run: one warning, no next file that is not there. */
  @Test
  void aSourceWhoseOnlyFileIsCorruptHasNoMaskAndOneWarning() throws IOException {
    RadarMainTest.Run r = RadarMainTest.run(args("--sources=dwd,imgw,omsz", "--minSources=2",
        "--input=" + in + "/{source}/*1510*"));
    assertEquals(3, r.status, r.stdout + r.stderr);
    Path data = tmp.resolve("out-data");
    assertTrue(Files.exists(data.resolve("mask/dwd/coverage_mask.png")), r.stderr);
    assertTrue(!Files.exists(data.resolve("mask/omsz/coverage_mask.png")), r.stderr);
    assertTrue(!Files.exists(data.resolve("mask/composite/coverage_mask.png")), r.stderr);
    assertTrue(r.stderr.contains("omsz: no coverage mask from " + in + "/omsz/radar_composite-refl2D-20251117_1510.nc.zip"),
        r.stderr);
    assertTrue(!r.stderr.contains("trying the next file"), r.stderr);
  }

  /** Composites only, and no slot has enough sources: nothing was made, which is exit status 1. */
  @Test
  void aCompositeOnlyRunThatMakesNoSlotExitsOne() throws IOException {
    // the 15:05 frames: DWD and IMGW have one, OMSZ none
    RadarMainTest.Run r = RadarMainTest.run(args("--individual=false", "--sources=dwd,imgw,omsz",
        "--input=" + in + "/{source}/*1505*"));
    assertEquals(1, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("composites written 0, slots skipped 1 too-few-sources"), r.stdout);
    assertEquals(List.of(), RadarMainTest.images(out));
  }

  @Test
  void aMemberThatCannotBePlacedIsAFailureAndWritesNoImage() throws IOException {
    // native images need no projection, so only the merge finds that IMGW's projdef is unusable
    write("imgw", "2025111715000000dBZ.cmax.h5", odim("150000", "+proj=nosuchprojection +ellps=WGS84", 40, 30,
        (r, c) -> 154));
    RadarMainTest.Run r = RadarMainTest.run(args("--sources=dwd,imgw", "--minSources=1", "--projection=native",
        "--input=" + in + "/{source}/*1500*"));
    assertEquals(3, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("composites written 1"), r.stdout);
    assertEquals(List.of("composite/" + T0 + ".png", "germany/" + T0 + ".png"), RadarMainTest.images(out));
    String report = Files.readString(only(out.resolve("_failures")));
    assertTrue(report.contains("2025111715000000dBZ.cmax.h5") && report.contains("\"source\":\"imgw\""), report);
  }

  @Test
  void invalidCompositeOptionsFailBeforeAnyWork() {
    for (String bad : new String[] {"--compositeResolution=50", "--compositeResolution=250", "--minSources=0",
        "--timestampTolerance=soon", "--maxDataAge=-PT1M", "--minSources=4"}) {
      RadarMainTest.Run r = RadarMainTest.run(args(bad));
      assertEquals(2, r.status, bad + ": " + r.stdout + r.stderr);
      assertTrue(!Files.exists(out), bad + " created the output");
    }
    // three core sources (arso is not core): four can never be had
    assertTrue(RadarMainTest.run(args("--minSources=4")).stderr.contains("--sources names 3 (dwd,imgw,omsz)"));
    // checked without --composite too: a mistyped value fails before any work
    for (String bad : new String[] {"--compositeResolution=5", "--minSources=-4", "--timestampTolerance=abc"}) {
      RadarMainTest.Run r = RadarMainTest.run(args("--composite=false", bad));
      assertEquals(2, r.status, bad + ": " + r.stdout + r.stderr);
    }
  }

  /**
   * An image the output will not take (here a folder in its place; in S3 a key refused after the retries) is a
   * failure record of its frame, a composite so refused a slot not made: the run's other frames and slots are
   * written and indexed, and the run ends with 3 instead of crashing.
   */
  @Test
  void anImageTheOutputWillNotTakeFailsItsFrameAlone() throws IOException {
    Files.createDirectories(out.resolve("germany/" + T1 + ".png/in-the-way"));
    Files.createDirectories(out.resolve("composite/" + T0 + ".png/in-the-way"));
    RadarMainTest.Run r = RadarMainTest.run(args());
    assertEquals(3, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("composites written 0, slots skipped 1 too-few-sources, 1 member-failed, 1 write-failed"), r.stdout);
    String report = Files.readString(only(out.resolve("_failures")));
    assertTrue(report.contains("\"kind\":\"write\",\"message\":\"cannot write " + out.resolve("germany/" + T1 + ".png")),
        report);
    assertTrue(Files.isRegularFile(out.resolve("germany/" + T0 + ".png")) && Files.isRegularFile(out.resolve("germany/"
        + T2 + ".png")) && Files.isRegularFile(out.resolve("slovenia/" + T0 + ".png")));
    String manifest = Files.readString(out.resolve("germany/frames.json"));
    assertTrue(manifest.contains(T0 + ".png") && manifest.contains(T2 + ".png") && !manifest.contains(T1 + ".png"),
        manifest);
    assertTrue(Files.exists(tmp.resolve("out-data/extent/dwd/extent_index.json")));

    // once the way is clear, the next run writes what failed
    deleteTree(out.resolve("germany/" + T1 + ".png"));
    deleteTree(out.resolve("composite/" + T0 + ".png"));
    RadarMainTest.Run again = RadarMainTest.run(args());
    assertTrue(again.stdout.contains("composites written 1"), again.stdout);
    assertTrue(Files.isRegularFile(out.resolve("germany/" + T1 + ".png")), again.stdout);
    assertTrue(Files.readString(out.resolve("germany/frames.json")).contains(T1 + ".png"));
  }

  /** Images refused one after another say the output itself fails: the run ends as a crash, not frame by frame. */
  @Test
  void imagesRefusedInARowEndTheRun() throws IOException {
    for (long t : new long[] {T0, T1, T2}) {
      Files.createDirectories(out.resolve("germany/" + t + ".png/in-the-way"));
    }
    RadarMainTest.Run r = RadarMainTest.run(args("--composite=false", "--sources=dwd", "--targetParallelism=1"));
    RadarMainTest.awaitRunnerWorkers();
    assertEquals(4, r.status, r.stdout + r.stderr);
    assertTrue(r.stderr.contains("the output refused 3 images in a row; the last: cannot write "), r.stderr);
  }

  private static void deleteTree(Path p) throws IOException {
    try (var paths = Files.walk(p)) {
      for (Path q : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  /** --arsoGrid=lonlat: ARSO's cells on the lon/lat box of their centres, as imeteo-radar places them. */
  @Test
  void arsoCanBePlacedAsImeteoRadarPlacesIt() throws IOException {
    // its own image: the box as a regular lon/lat grid, its bounds as outer edges
    RadarMainTest.Run own = RadarMainTest.run(args("--composite=false", "--sources=arso", "--arsoGrid=lonlat"));
    assertEquals(0, own.status, own.stdout + own.stderr);
    BufferedImage img = PngDecode.read(Files.readAllBytes(out.resolve("slovenia/" + T0 + ".png")));
    assertEquals(List.of(403, 298), List.of(img.getWidth(), img.getHeight()));
    String extent = Files.readString(tmp.resolve("out-data/extent/arso/extent_index.json"));
    assertTrue(extent.contains("\"west\": 12.105563, \"east\": 17.417543, \"south\": 44.689709, \"north\": 47.414912"),
        extent);
    // in the composite the box's corners are cell centres: west of the Lambert grid's south-west corner, only
    // the box has ARSO's 21 dBZ
    for (String grid : new String[] {"lcc", "LonLat"}) {
      out = tmp.resolve("out-" + grid);
      RadarMainTest.Run r = RadarMainTest.run(args("--arsoGrid=" + grid));
      assertEquals(3, r.status, r.stdout + r.stderr); // the truncated OMSZ file
      BufferedImage c = PngDecode.read(Files.readAllBytes(out.resolve("composite/" + T0 + ".png")));
      assertEquals(grid.equals("lcc") ? 0 : colour(21), rgb(c, CompositeGrid.at(RES), 12.15, 44.75), grid);
      assertEquals(colour(21), rgb(c, CompositeGrid.at(RES), 14.8, 45.2), grid);
    }
  }

  /**
   * --pixelPlacement=imeteo moves the picture of each source's own image half a cell west and north on the same
   * bounds, as imeteo-radar's cached grids do; the composite is placed exactly either way.
   */
  @Test
  void ownImagesCanTakeTheirCellsAsImeteoRadarsDo() throws IOException {
    Map<String, byte[]> images = new TreeMap<>();
    for (String placement : new String[] {"exact", "IMETEO"}) {
      out = tmp.resolve("out-" + placement);
      RadarMainTest.Run r = RadarMainTest.run(args("--pixelPlacement=" + placement));
      assertEquals(3, r.status, r.stdout + r.stderr); // the truncated OMSZ file
      for (String image : List.of("composite/" + T0 + ".png", "germany/" + T0 + ".png", "slovenia/" + T0 + ".png")) {
        images.put(placement + " " + image, Files.readAllBytes(out.resolve(image)));
      }
      String extent = Files.readString(tmp.resolve("out-" + placement + "-data/extent/dwd/extent_index.json"));
      images.put(placement + " bounds", extent.substring(extent.indexOf("\"wgs84\"")).getBytes(StandardCharsets.UTF_8));
    }
    assertArrayEquals(images.get("exact bounds"), images.get("IMETEO bounds"), "the same bounds");
    assertArrayEquals(images.get("exact composite/" + T0 + ".png"), images.get("IMETEO composite/" + T0 + ".png"));
    for (String own : List.of("germany/" + T0 + ".png", "slovenia/" + T0 + ".png")) {
      BufferedImage exact = PngDecode.read(images.get("exact " + own));
      BufferedImage imeteo = PngDecode.read(images.get("IMETEO " + own));
      assertEquals(List.of(exact.getWidth(), exact.getHeight()), List.of(imeteo.getWidth(), imeteo.getHeight()), own);
      assertFalse(Arrays.equals(images.get("exact " + own), images.get("IMETEO " + own)), own);
    }
  }

  private String[] args(String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("--composite=true", "--sources=dwd,imgw,omsz,arso",
        "--input=" + in + "/{source}/*", "--output=" + out, "--compositeResolution=" + RES));
    for (String e : extra) {
      a.removeIf(x -> x.startsWith(e.substring(0, e.indexOf('=') + 1)));
      a.add(e);
    }
    return a.toArray(new String[0]);
  }

  interface Cell {
    int raw(int row, int col);
  }

  /**
   * An ODIM composite at 2025-11-17 {@code time}: DWD's grid, or a grid over 16..20 E, 48..51 N with
   * projdef {@code lonLat} (its corners are pixel centres).
   */
  private byte[] odim(String time, String lonLat, int w, int h, Cell cell) throws IOException {
    byte[][] raster = new byte[h][w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        raster[r][c] = (byte) cell.raw(r, c);
      }
    }
    OdimFixtures.Comp comp = OdimFixtures.comp().date("20251117").time(time);
    if (lonLat != null) {
      comp.noWhere().extra().group("where").attr("projdef", lonLat).attr("xsize", (long) w).attr("ysize", (long) h)
          .attr("UL_lon", 16.0).attr("UL_lat", 51.0).attr("UR_lon", 20.0).attr("UR_lat", 51.0)
          .attr("LL_lon", 16.0).attr("LL_lat", 48.0).attr("LR_lon", 20.0).attr("LR_lat", 48.0);
    }
    Path dir = Files.createTempDirectory(tmp, "h5");
    return comp.field(1, 1, "DBZH", raster).scaling(0.5, -32.0, 255.0, 0.0).done().bytes(dir);
  }

  private static OmszFixtures.Omsz omsz(int[] raw) {
    OmszFixtures.Omsz o = new OmszFixtures.Omsz(160, 250, raw);
    o.gmTime = "202511171500";
    return o;
  }

  private void write(String source, String name, byte[] bytes) throws IOException {
    Files.createDirectories(in.resolve(source));
    Files.write(in.resolve(source).resolve(name), bytes);
  }

  /** ARGB a decoder shows for integer dBZ {@code dbz}. */
  private static int colour(int dbz) {
    return RadarPalette.argb(DbzQuantizer.paletteIndex(dbz + 0.2f, 10));
  }

  private static int rgb(BufferedImage img, WebMercatorGrid g, double lon, double lat) {
    int u = (int) ((WebMercator.x(lon) - g.minX()) / g.resX());
    int v = (int) ((g.maxY() - WebMercator.y(lat)) / g.resY());
    return img.getRGB(u, v);
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    for (String k : RadarMainTest.keys(root).stream().filter(k -> !k.startsWith("_failures")).toList()) {
      m.put(k, Files.readAllBytes(root.resolve(k)));
    }
    return m;
  }

  /** An extent index without the time it was written. */
  private static String withoutTime(byte[] extentIndex) {
    return new String(extentIndex, StandardCharsets.UTF_8).replaceAll("\"generated\": \"[^\"]*\"", "");
  }

  private static Path only(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findFirst().orElseThrow();
    }
  }
}
