package org.radarbeam.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radarbeam.palette.Scaling;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;

/**
 * The real DWD HX composite: georeferencing read from the file, warped image against upstream's
 * (rasterio.warp.reproject, nearest, onto calculate_default_transform's EPSG:3857 grid; golden made
 * from upstream's own native RGBA and stored as radarbeam palette indices) and against the image
 * imeteo-radar's exporter makes through its cached grids (see resources/geo/README.md).
 */
class DwdRealWarpTest {
  static final String FILE = "dwd/composite_hx_test.hd5";
  static byte[] native_;
  static FrameRenderer.Rendered rendered;

  @BeforeAll
  static void render() throws Exception {
    byte[] file = Grids.realFileOrNull(FILE);
    if (file == null) {
      return; // each test skips with the reason
    }
    try (FrameRenderer r = new FrameRenderer(RenderSettings.defaults())) {
      rendered = r.render(file, new Scaling(1, 0, 65535, 0, false));
      native_ = r.lastIndices().clone();
    }
  }

  @Test
  void fileGeometryIsTheOneTheAcceptanceNumbersCameFrom() {
    Grids.assumeReal(rendered, FILE);
    GridGeometry g = rendered.geometry();
    GridGeometry d = Grids.dwd();
    assertEquals(4400, rendered.width());
    assertEquals(4800, rendered.height());
    assertEquals(d.projdef(), g.projdef());
    assertEquals(d.ulLon(), g.ulLon(), 0);
    assertEquals(d.ulLat(), g.ulLat(), 0);
    assertEquals(d.urLon(), g.urLon(), 0);
    assertEquals(d.llLat(), g.llLat(), 0);
    assertEquals(d.lrLon(), g.lrLon(), 0);
  }

  @Test
  void agreesWithUpstreamReprojectedImage() throws IOException {
    Grids.assumeReal(rendered, FILE);
    WarpPlan plan = WarpPlans.forGrid(rendered.geometry(), rendered.width(), rendered.height(), Long.MAX_VALUE);
    assertSame(plan, WarpPlans.forGrid(rendered.geometry(), rendered.width(), rendered.height(), Long.MAX_VALUE), "cached per grid");
    assertEquals(5078, plan.width());
    assertEquals(4946, plan.height());
    // The images differ only where a destination pixel centre is within the approximation error of
    // a source pixel edge.
    assertTrue(agreement(plan, "/geo/dwd_3857_rasterio.idx.zz", "rasterio") >= 0.998);
  }

  /**
   * --pixelPlacement=imeteo against imeteo-radar's own single-source image of the file (its cached
   * reprojection grid, which rounds each pixel's cell coordinate): the placement that image needs, and
   * the exact one does not give it.
   */
  @Test
  void imeteoPlacementAgreesWithImeteoRadarsOwnImage() throws IOException {
    Grids.assumeReal(rendered, FILE);
    WarpPlan imeteo = WarpPlans.forGrid(rendered.geometry(), rendered.width(), rendered.height(), Long.MAX_VALUE,
        PixelPlacement.IMETEO);
    WarpPlan exact = WarpPlans.forGrid(rendered.geometry(), rendered.width(), rendered.height(), Long.MAX_VALUE);
    for (WebMercatorGrid g : new WebMercatorGrid[] {imeteo.grid(), exact.grid()}) { // the same Web Mercator grid
      assertEquals(List.of(5078, 4946, exact.grid().minX(), exact.grid().maxY(), exact.grid().resX()),
          List.of(g.width(), g.height(), g.minX(), g.maxY(), g.resX()));
    }
    assertTrue(agreement(imeteo, "/geo/dwd_3857_imeteo.idx.zz", "imeteo-radar, imeteo placement") >= 0.9995);
    assertTrue(agreement(exact, "/geo/dwd_3857_imeteo.idx.zz", "imeteo-radar, exact placement") < 0.99);
  }

  /** The share of {@code plan}'s warp of the file equal to the golden image in {@code resource}; coloured alike within 0.2%. */
  private static double agreement(WarpPlan plan, String resource, String against) throws IOException {
    byte[] dst = new byte[plan.width() * plan.height()];
    plan.warp(native_, dst);
    byte[] golden = golden(resource, plan.width(), plan.height());
    long equal = 0;
    long colouredGolden = 0;
    long colouredOurs = 0;
    for (int i = 0; i < dst.length; i++) {
      if (dst[i] == golden[i]) {
        equal++;
      }
      if (golden[i] != 0) {
        colouredGolden++;
      }
      if (dst[i] != 0) {
        colouredOurs++;
      }
    }
    double share = equal / (double) dst.length;
    System.out.printf("DWD warp vs %s: %.5f%% equal, %d differ; coloured %d (golden %d); %s%n",
        against, 100 * share, dst.length - equal, colouredOurs, colouredGolden, plan);
    assertEquals(colouredGolden, colouredOurs, colouredGolden * 0.002);
    return share;
  }

  static byte[] golden(String resource, int w, int h) throws IOException {
    try (InputStream in = DwdRealWarpTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      DataInputStream d = new DataInputStream(in);
      assertEquals(w, d.readInt());
      assertEquals(h, d.readInt());
      ByteArrayOutputStream out = new ByteArrayOutputStream(w * h);
      new InflaterInputStream(d).transferTo(out);
      byte[] b = out.toByteArray();
      assertEquals((long) w * h, b.length);
      return b;
    }
  }
}
