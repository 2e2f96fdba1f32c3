package org.radarbeam.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.geo.GridResample;
import org.radarbeam.geo.WebMercatorGrid;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.PngCompression;
import org.radarbeam.png.PngDecode;
import org.radarbeam.testing.RealData;

/** Scaled variants: the image's bounds at a coarser pixel size, colours picked, never blended. */
class ScaledVariantTest {
  @Test
  void aGridAtAnotherResolutionKeepsItsBounds() {
    WebMercatorGrid g = new WebMercatorGrid(100_000, 7_000_000, 250, 250, 4000, 3000);
    WebMercatorGrid v = g.atResolution(1000);
    assertEquals(1000, v.width());
    assertEquals(750, v.height());
    assertArrayEquals(g.mercatorBounds(), v.mercatorBounds(), 1e-6);
    WebMercatorGrid odd = g.atResolution(3000); // 1,000,000 / 3000 = 333.3: rounded up, pixels stretched
    assertEquals(334, odd.width());
    assertEquals(250, odd.height());
    assertArrayEquals(g.mercatorBounds(), odd.mercatorBounds(), 1e-6);
    assertEquals(1, g.atResolution(10_000_000).width());
  }

  @Test
  void nearestResamplingPicksSourceValues() {
    byte[] src = new byte[6 * 4];
    for (int i = 0; i < src.length; i++) {
      src[i] = (byte) i;
    }
    byte[] row = new byte[3];
    GridResample.nearest(src, 6, 4, 3, 2).row(1, row, 0);
    assertArrayEquals(new byte[] {19, 21, 23}, row, "row 1 of 2 is source row 3; columns 1, 3, 5");
  }

  @Test
  void theRealDwdFramesVariantsHaveItsBoundsAndOnlyItsColours() throws Exception {
    byte[] file = Files.readAllBytes(RealData.require("dwd/composite_hx_test.hd5"));
    RenderSettings settings = new RenderSettings("DBZH", 10.0, 50_000_000L, PngCompression.rle(),
        Projection.WEBMERCATOR, List.of(1000, 2000));
    try (FrameRenderer r = new FrameRenderer(settings)) {
      FrameRenderer.Decoded d = r.decode(ByteBuffer.wrap(file), InputFormat.ODIM_H5,
          new Scaling(1.0, 0.0, 65535, 0, false));
      FrameRenderer.Rendered full = r.encode(d);
      Set<Integer> fullColours = colours(PngDecode.read(full.png()));
      double[] bounds = full.bounds();
      for (int metres : new int[] {1000, 2000}) {
        FrameRenderer.Rendered v = r.encodeVariant(d, metres);
        WebMercatorGrid g = d.plan().grid().atResolution(metres);
        assertEquals(g.width(), v.width());
        assertEquals(g.height(), v.height());
        assertArrayEquals(bounds, v.bounds(), 1e-9, "the same bounds as the image");
        BufferedImage img = PngDecode.read(v.png());
        assertEquals(v.width(), img.getWidth());
        Set<Integer> c = colours(img);
        assertTrue(fullColours.containsAll(c), "no blended colour at " + metres + " m");
        assertTrue(c.size() > 10, "echoes survive: " + c.size() + " colours");
      }
    }
  }

  private static Set<Integer> colours(BufferedImage img) {
    Set<Integer> out = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        out.add(img.getRGB(x, y));
      }
    }
    return out;
  }
}
