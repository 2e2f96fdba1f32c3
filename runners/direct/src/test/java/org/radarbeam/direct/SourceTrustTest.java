package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.codec.odim.TestComposites;
import org.radarbeam.source.ProviderServer;
import org.radarbeam.testing.RealData;

/**
 * A file is rendered for a source only if it is the source's; of same-time files the one that can
 * be rendered wins; the summary's numbers add up; no URL's user info reaches logs or reports.
 */
class SourceTrustTest {
  @TempDir Path tmp;
  Path in;
  Path out;

  @BeforeEach
  void dirs() throws IOException {
    in = Files.createDirectories(tmp.resolve("in"));
    out = tmp.resolve("out");
  }

  @Test
  void filesOfOtherSourcesNamedLikeTheSourcesAreRefusedAndLeaveNoExtent() throws IOException {
    // real files of SMHI and SHMU, named as DWD names its composites, and a real DWD composite
    Files.createSymbolicLink(in.resolve("composite_dmax_20251117_1500-hd5"), RealData.require("smhi/composite_swe_gmap.h5"));
    Files.createSymbolicLink(in.resolve("composite_dmax_20251117_1505-hd5"), RealData.require("shmu/radar_zmax.hdf"));
    RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out);
    assertEquals(1, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("frames listed 2, skipped 0, rendered 0, failed 2"), r.stdout);
    String report = Files.readString(Path.of(RadarMainTest.keys(out.resolve("_failures")).stream()
        .map(f -> out.resolve("_failures").resolve(f).toString()).findFirst().orElseThrow()));
    assertTrue(report.contains("\"kind\":\"wrong-source\",\"message\":\"not a dwd frame: its grid is in projection merc,"
        + " dwd's is stere\""), report);
    assertEquals(2, report.lines().count(), report);
    assertEquals(List.of(), RadarMainTest.keys(tmp.resolve("out-data/extent")), "no extent from a file that is not the source's");

    Files.createSymbolicLink(in.resolve("composite_dmax_20251117_1510-hd5"), RealData.require("dwd/composite_hx_test.hd5"));
    RadarMainTest.Run dwd = RadarMainTest.run("--sources=dwd", "--input=" + in + "/*", "--output=" + out);
    assertEquals(3, dwd.status, dwd.stdout + dwd.stderr);
    assertEquals(List.of("germany/1763392200.png"), RadarMainTest.images(out));
    String extent = Files.readString(tmp.resolve("out-data/extent/dwd/extent_index.json"));
    assertTrue(extent.contains("\"west\": 1.4"), extent);
  }

  @Test
  void ofSameTimeFilesTheRenderableWinsAndTheNumbersAddUp() throws IOException {
    // OPERA publishes a RATE and a DBZH composite of the same time; the odim source keys by time (and grid)
    Path opera = RealData.require("opera/T_PABV21_C_EUOC_20241126010000.hdf").getParent();
    for (String name : List.of("T_PAAH22_C_EUOC_20241126010000.hdf", "T_PABV21_C_EUOC_20241126010000.hdf")) {
      Files.createSymbolicLink(in.resolve(name), opera.resolve(name));
    }
    RadarMainTest.Run r = RadarMainTest.run("--sources=odim", "--folder=opera", "--input=" + in + "/*",
        "--output=" + out, "--maxPixels=100000000");
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("frames listed 2, skipped 0, rendered 1, failed 0, duplicates 1,"), r.stdout);
    List<String> pngs = RadarMainTest.images(out);
    assertEquals(1, pngs.size(), pngs.toString());
    assertTrue(pngs.get(0).matches("opera/3800x4400-[0-9a-f]{8}/1732582800\\.png"), pngs.get(0));
  }

  @Test
  void listedFramesAreAllAccountedFor() throws IOException {
    // 14:00 outside the window, 15:00 twice (a broken copy sorts first), 15:05 once
    Files.write(in.resolve("a_composite_dmax_20251117_1500-hd5"), new byte[] {1, 2, 3});
    Files.write(in.resolve("b_composite_dmax_20251117_1500-hd5"), TestComposites.uint8Composite("20251117", "150000"));
    Files.write(in.resolve("composite_dmax_20251117_1505-hd5"), TestComposites.uint8Composite("20251117", "150500"));
    Files.write(in.resolve("composite_dmax_20251117_1400-hd5"), TestComposites.uint8Composite("20251117", "140000"));
    String[] args = {"--sources=dwd", "--input=" + in + "/*", "--output=" + out, "--from=2025-11-17T14:30Z",
        "--to=2025-11-17T15:30Z"};
    RadarMainTest.Run r = RadarMainTest.run(args);
    assertEquals(0, r.status, r.stdout + r.stderr);
    assertTrue(r.stdout.contains("frames listed 4, skipped 0, rendered 2, failed 0, duplicates 1, outside the window 1,"),
        r.stdout);
    RadarMainTest.Run again = RadarMainTest.run(args);
    assertTrue(again.stdout.contains("frames listed 4, skipped 2, rendered 0, failed 0, duplicates 1, outside the window 1,"),
        again.stdout);
  }

  @Test
  void userInfoOfProviderUrlsNeverReachesLogsOrReports() throws IOException {
    Path www = Files.createDirectories(tmp.resolve("www/dmax"));
    Files.write(www.resolve("composite_dmax_20251117_1500-hd5"), new byte[] {1, 2, 3});
    try (ProviderServer dwd = new ProviderServer(tmp.resolve("www"))) {
      String url = dwd.url("/").replace("http://", "http://radar:s3cr3t-pw@");
      RadarMainTest.Run r = RadarMainTest.run("--sources=dwd", "--from=2025-11-17T15:00Z", "--to=2025-11-17T15:05Z",
          "--providerUrl=dwd=" + url, "--output=" + out, "--httpAttempts=1");
      assertEquals(1, r.status, r.stdout + r.stderr); // its only frame failed
      String report = Files.readString(out.resolve("_failures").resolve(RadarMainTest.keys(out.resolve("_failures")).get(0)));
      for (String text : List.of(r.stdout, r.stderr, report)) {
        assertFalse(text.contains("s3cr3t"), text);
      }
      assertTrue(report.contains("http://***@127.0.0.1:"), report);
    }
  }
}
