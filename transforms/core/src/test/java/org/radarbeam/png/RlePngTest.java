package org.radarbeam.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.radarbeam.palette.RadarPalette;
import org.radarbeam.palette.Scaling;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.testing.RealData;

/**
 * PNGs written with run-length deflate: their IDAT stream inflates to exactly the filtered scanlines
 * (computed here, independently of the writer) and javax.imageio decodes exactly the palette indices.
 */
class RlePngTest {
  /** No larger than imeteo-radar's level-9 file of the same frame. */
  private static final int DWD_TARGET_BYTES = 682_331;

  /** The filter byte and filtered bytes of every row, as PNG defines them (RFC 2083, 6). */
  static byte[] scanlines(byte[] idx, int w, int h, PngFilter filter) {
    byte[] out = new byte[(w + 1) * h];
    for (int y = 0; y < h; y++) {
      out[y * (w + 1)] = (byte) filter.code();
      for (int x = 0; x < w; x++) {
        int v = idx[y * w + x];
        int left = x > 0 ? idx[y * w + x - 1] : 0;
        int up = y > 0 ? idx[(y - 1) * w + x] : 0;
        int f = filter == PngFilter.SUB ? v - left : filter == PngFilter.UP ? v - up : v;
        out[y * (w + 1) + 1 + x] = (byte) f;
      }
    }
    return out;
  }

  /** The concatenated IDAT payloads (CRCs checked). */
  static byte[] idat(byte[] png) {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    for (Object[] c : IndexedPngWriterTest.chunks(png)) {
      if (c[0].equals("IDAT")) {
        z.writeBytes((byte[]) c[1]);
      }
    }
    return z.toByteArray();
  }

  /** Writes {@code idx} and checks the PNG's stream, structure and pixels; returns the PNG. */
  static byte[] check(IndexedPngWriter writer, PngFilter filter, byte[] idx, int w, int h) {
    byte[] png = writer.write(idx, w, h);
    byte[] z = idat(png);
    byte[] expected = scanlines(idx, w, h, filter);
    assertArrayEquals(expected, RleDeflaterTest.inflate(z, 0, z.length, expected.length),
        filter + " scanlines of " + w + "x" + h);
    assertArrayEquals(Arrays.copyOf(idx, w * h), PngDecode.indices(png), filter + " pixels of " + w + "x" + h);
    return png;
  }

  /** Test images by name: noise, flat, alternating, runs, and a radar-like field of echoes. */
  static byte[] image(String kind, int w, int h, long seed) {
    byte[] b = new byte[w * h];
    Random rnd = new Random(seed);
    int n = RadarPalette.size();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        int v;
        switch (kind) {
          case "random":
            v = rnd.nextInt(n);
            break;
          case "zero":
            v = 0;
            break;
          case "same":
            v = n - 1;
            break;
          case "alternating":
            v = (x + y) % 2 == 0 ? 3 : 90;
            break;
          case "runs":
            // runs of 1, 2, ..., 260, 1, 2, ... across row ends
            v = runIndex(i) % 2 == 0 ? 0 : 1 + runIndex(i) % (n - 1);
            break;
          default: // radar: echoes of rising intensity with noisy edges, transparent elsewhere
            double d = Math.hypot(x - w * 0.4, (y - h * 0.6) * 1.3) / Math.max(1, Math.min(w, h));
            int level = (int) ((0.5 - d) * 60 + rnd.nextGaussian() * 1.5);
            v = level <= 0 ? 0 : Math.min(n - 1, level);
        }
        b[i] = (byte) v;
      }
    }
    return b;
  }

  /** Which run the {@code i}-th byte falls in when runs have lengths 1, 2, ..., 260, 1, ... */
  private static int runIndex(int i) {
    int cycle = 260 * 261 / 2;
    int k = i / cycle * 260;
    int r = i % cycle;
    int len = 1;
    while (r >= len) {
      r -= len;
      len++;
      k++;
    }
    return k;
  }

  @ParameterizedTest
  @EnumSource(PngFilter.class)
  void everyKindAndWidthRoundTrips(PngFilter filter) {
    int[][] sizes = {{1, 1}, {1, 300}, {2, 1}, {2, 7}, {3, 5}, {257, 3}, {257, 257}, {1000, 1}, {65_537, 3},
        {4401, 40}};
    List<String> kinds = List.of("random", "zero", "same", "alternating", "runs", "radar");
    try (IndexedPngWriter writer = new IndexedPngWriter(PngCompression.rle(filter))) {
      long seed = 1;
      for (int[] s : sizes) {
        for (String kind : kinds) {
          check(writer, filter, image(kind, s[0], s[1], seed++), s[0], s[1]);
        }
      }
    }
  }

  @Test
  void defaultIsUpFilter() {
    assertEquals(PngFilter.UP, PngCompression.rle().filter());
    try (IndexedPngWriter writer = new IndexedPngWriter(PngCompression.rle())) {
      check(writer, PngFilter.UP, image("radar", 300, 200, 4), 300, 200);
    }
  }

  @Test
  void smallLargeSmallWithOneWriter() {
    try (IndexedPngWriter writer = new IndexedPngWriter(PngCompression.rle())) {
      int[][] seq = {{5, 5}, {2000, 1500}, {1, 1}, {257, 3}, {3, 257}, {2000, 1500}, {4, 2}};
      byte[] first = null;
      long seed = 100;
      for (int[] s : seq) {
        byte[] png = check(writer, PngFilter.UP, image(seed % 2 == 0 ? "radar" : "random", s[0], s[1], 7), s[0], s[1]);
        if (first == null) {
          first = png;
        }
        seed++;
      }
      assertArrayEquals(first, writer.write(image("radar", 5, 5, 7), 5, 5), "same image, same bytes");
    }
  }

  @Test
  void largeNoiseSpansSeveralIdatChunks() throws Exception {
    int w = 1000;
    int h = 1000;
    byte[] idx = image("random", w, h, 42);
    try (IndexedPngWriter writer = new IndexedPngWriter(PngCompression.rle(PngFilter.NONE))) {
      byte[] png = check(writer, PngFilter.NONE, idx, w, h);
      long idats = IndexedPngWriterTest.chunks(png).stream().filter(c -> c[0].equals("IDAT")).count();
      assertTrue(idats > 10, "IDAT chunks " + idats);
      // no worse than stored blocks (5 bytes per 16 Ki tokens) over the raw 1001 x 1000 bytes
      assertTrue(png.length < 1001 * 1000 + 1_000, "PNG of noise " + png.length + " bytes");
      IndexedPngWriterTest.assertStructure(png, w, h, PngFilter.NONE);
      IndexedPngWriterTest.assertPalette(PngDecode.read(png));
    }
  }

  /** BTYPE of the first deflate block of a PNG: after the 2-byte zlib header, bits 1-2. */
  private static int firstBlockType(byte[] png) {
    return (idat(png)[2] >>> 1) & 3;
  }

  @Test
  void tinyImagesTakeTheFixedCodeAndNoiseIsStored() {
    try (IndexedPngWriter up = new IndexedPngWriter(PngCompression.rle());
        IndexedPngWriter none = new IndexedPngWriter(PngCompression.rle(PngFilter.NONE))) {
      for (int[] s : new int[][] {{1, 1}, {2, 1}, {3, 2}, {10, 3}}) {
        byte[] png = check(up, PngFilter.UP, image("radar", s[0], s[1], 3), s[0], s[1]);
        assertEquals(DeflateBlockWriter.FIXED, firstBlockType(png), s[0] + "x" + s[1]);
      }
      // every byte value equally likely: no code beats 8 bits a byte
      int w = 3000;
      int h = 40;
      byte[] noise = new byte[w * h];
      new Random(13).nextBytes(noise);
      byte[] png = check(none, PngFilter.NONE, noise, w, h);
      assertEquals(DeflateBlockWriter.STORED, firstBlockType(png));
      assertTrue(png.length < (w + 1) * h + 1_000, "PNG of noise " + png.length + " bytes");
      assertEquals(DeflateBlockWriter.DYNAMIC, firstBlockType(check(up, PngFilter.UP, image("radar", w, h, 3), w, h)));
    }
  }

  @Test
  void rowSourceAndIndexBufferGiveTheSameFile() {
    int w = 513;
    int h = 77;
    byte[] idx = image("radar", w, h, 11);
    try (IndexedPngWriter writer = new IndexedPngWriter(PngCompression.rle())) {
      byte[] fromArray = writer.write(idx, w, h);
      byte[] fromRows = writer.write((y, dst, off) -> System.arraycopy(idx, y * w, dst, off, w), w, h);
      assertArrayEquals(fromArray, fromRows);
    }
  }

  @Test
  void deflaterCompressionIsTheExistingConstructor() {
    byte[] idx = image("radar", 400, 300, 12);
    try (IndexedPngWriter old = new IndexedPngWriter(6, PngFilter.NONE, false);
        IndexedPngWriter viaValue = new IndexedPngWriter(PngCompression.deflater(6));
        IndexedPngWriter filtered = new IndexedPngWriter(PngCompression.deflater(9, PngFilter.SUB, true));
        IndexedPngWriter oldFiltered = new IndexedPngWriter(9, PngFilter.SUB, true)) {
      assertArrayEquals(old.write(idx, 400, 300), viaValue.write(idx, 400, 300));
      assertArrayEquals(oldFiltered.write(idx, 400, 300), filtered.write(idx, 400, 300));
    }
    assertThrows(IllegalArgumentException.class, () -> PngCompression.deflater(10));
    assertThrows(IllegalArgumentException.class, () -> PngCompression.deflater(-1, PngFilter.UP, false));
    assertEquals(PngCompression.deflater(6), PngCompression.deflater(6, PngFilter.NONE, false));
    assertNotEquals(PngCompression.rle(), PngCompression.rle(PngFilter.NONE));
    assertTrue(PngCompression.rle().runLength());
  }

  /** The real DWD composite: within the size target, and the same pixels as the Deflater path. */
  @Test
  void realDwdFrameIsSmallEnoughAndExact() throws Exception {
    byte[] input = Files.readAllBytes(RealData.require("dwd/composite_hx_test.hd5"));
    byte[] deflaterPng;
    byte[] idx;
    int w;
    int h;
    try (FrameRenderer renderer = new FrameRenderer(new RenderSettings(RenderSettings.DEFAULT_QUANTITY,
        RenderSettings.DEFAULT_MIN_DBZ, RenderSettings.DEFAULT_MAX_PIXELS, 6, PngFilter.NONE))) {
      FrameRenderer.Rendered r = renderer.render(input, Scaling.ODIM_DEFAULTS);
      deflaterPng = r.png();
      w = r.width();
      h = r.height();
      idx = Arrays.copyOf(renderer.lastIndices(), w * h);
    }
    try (IndexedPngWriter writer = new IndexedPngWriter(PngCompression.rle())) {
      byte[] png = check(writer, PngFilter.UP, idx, w, h);
      assertTrue(png.length <= DWD_TARGET_BYTES, "RLE PNG of the DWD frame: " + png.length + " bytes");
      assertTrue(png.length < deflaterPng.length, png.length + " vs Deflater's " + deflaterPng.length);
      assertArrayEquals(PngDecode.indices(deflaterPng), PngDecode.indices(png), "pixels as the Deflater path");
      IndexedPngWriterTest.assertStructure(png, w, h, PngFilter.UP);
    }
  }
}
