package org.radarbeam.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.radarbeam.palette.RadarPalette;

/** Round trips of the hand-written indexed PNG writer through javax.imageio. */
class IndexedPngWriterTest {
  private static final int[][] SIZES = {{1, 1}, {3, 7}, {257, 3}, {1000, 1000}, {7, 3}, {2, 1}};

  static Stream<Arguments> filtersAndLevels() {
    List<Arguments> out = new ArrayList<>();
    for (PngFilter f : PngFilter.values()) {
      for (int level : new int[] {0, 1, 6, 9}) {
        out.add(Arguments.of(f, level));
      }
    }
    return out.stream();
  }

  /** Random palette indices over the whole palette, with runs so that filters matter. */
  static byte[] randomIndices(int w, int h, long seed) {
    Random rnd = new Random(seed);
    byte[] out = new byte[w * h];
    for (int i = 0; i < out.length; i++) {
      out[i] = rnd.nextInt(4) == 0 && i > 0 ? out[i - 1] : (byte) rnd.nextInt(RadarPalette.size());
    }
    return out;
  }

  /** A PNG's chunks: type and payload, with each CRC checked. */
  static List<Object[]> chunks(byte[] png) {
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, Arrays.copyOf(png, 8), "signature");
    ByteBuffer b = ByteBuffer.wrap(png);
    b.position(8);
    List<Object[]> out = new ArrayList<>();
    while (b.hasRemaining()) {
      int len = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      byte[] data = new byte[len];
      b.get(data);
      int crc = b.getInt();
      CRC32 c = new CRC32();
      c.update(type);
      c.update(data);
      String t = new String(type, StandardCharsets.US_ASCII);
      assertEquals((int) c.getValue(), crc, "CRC of chunk " + t);
      out.add(new Object[] {t, data});
    }
    return out;
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource("filtersAndLevels")
  void roundTripsThroughImageIoWithOneReusedWriter(PngFilter filter, int level) throws Exception {
    try (IndexedPngWriter writer = new IndexedPngWriter(level, filter, false)) {
      long seed = 1;
      for (int[] size : SIZES) {
        int w = size[0];
        int h = size[1];
        byte[] idx = randomIndices(w, h, seed++);
        byte[] png = writer.write(idx, w, h);
        BufferedImage img = PngDecode.read(png);
        assertEquals(w, img.getWidth(), "width");
        assertEquals(h, img.getHeight(), "height");
        assertArrayEquals(idx, PngDecode.indices(img), filter + " level " + level + " " + w + "x" + h);
        assertPalette(img);
        assertStructure(png, w, h, filter);
      }
    }
  }

  static void assertPalette(BufferedImage img) {
    assertTrue(img.getColorModel() instanceof IndexColorModel, "indexed colour model");
    IndexColorModel cm = (IndexColorModel) img.getColorModel();
    // javax.imageio pads an 8-bit palette to 256 entries; the PLTE chunk itself is checked exactly
    // in assertStructure
    assertTrue(cm.getMapSize() >= RadarPalette.size(), "palette entries " + cm.getMapSize());
    for (int i = 0; i < RadarPalette.size(); i++) {
      int rgb = RadarPalette.rgb(i);
      assertEquals((rgb >> 16) & 0xFF, cm.getRed(i), "red of " + i);
      assertEquals((rgb >> 8) & 0xFF, cm.getGreen(i), "green of " + i);
      assertEquals(rgb & 0xFF, cm.getBlue(i), "blue of " + i);
      assertEquals(i == 0 ? 0 : 255, cm.getAlpha(i), "alpha of " + i);
      assertEquals(RadarPalette.argb(i), cm.getRGB(i), "ARGB of " + i);
    }
  }

  /** IHDR, PLTE, tRNS, IDAT..., IEND; every row carries the filter type byte. */
  static void assertStructure(byte[] png, int w, int h, PngFilter filter) throws Exception {
    List<Object[]> chunks = chunks(png);
    assertEquals("IHDR", chunks.get(0)[0]);
    ByteBuffer ihdr = ByteBuffer.wrap((byte[]) chunks.get(0)[1]);
    assertEquals(w, ihdr.getInt());
    assertEquals(h, ihdr.getInt());
    assertEquals(8, ihdr.get(), "bit depth");
    assertEquals(3, ihdr.get(), "colour type indexed");
    assertEquals(0, ihdr.get(), "compression");
    assertEquals(0, ihdr.get(), "filter method");
    assertEquals(0, ihdr.get(), "no interlace");
    assertEquals("PLTE", chunks.get(1)[0]);
    assertArrayEquals(RadarPalette.plte(), (byte[]) chunks.get(1)[1]);
    assertEquals("tRNS", chunks.get(2)[0]);
    assertArrayEquals(new byte[] {0}, (byte[]) chunks.get(2)[1], "tRNS: entry 0 alpha 0, the rest opaque");
    assertEquals("IEND", chunks.get(chunks.size() - 1)[0]);
    assertEquals(0, ((byte[]) chunks.get(chunks.size() - 1)[1]).length);
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    for (int i = 3; i < chunks.size() - 1; i++) {
      assertEquals("IDAT", chunks.get(i)[0], "chunk " + i);
      z.write((byte[]) chunks.get(i)[1]);
    }
    Inflater inf = new Inflater();
    inf.setInput(z.toByteArray());
    byte[] raw = new byte[(w + 1) * h + 1];
    int n = 0;
    while (!inf.finished() && n < raw.length) {
      int m = inf.inflate(raw, n, raw.length - n);
      assertTrue(m > 0 || inf.finished(), "zlib stream ends early");
      n += m;
    }
    assertTrue(inf.finished(), "zlib stream complete");
    assertEquals((w + 1) * h, n, "one filter byte plus w indices per row");
    for (int y = 0; y < h; y++) {
      assertEquals(filter.code(), raw[y * (w + 1)], "filter byte of row " + y);
    }
  }

  @Test
  void largeImageSpansSeveralIdatChunks() throws Exception {
    int w = 1000;
    int h = 1000;
    byte[] idx = randomIndices(w, h, 42);
    try (IndexedPngWriter writer = new IndexedPngWriter(9, PngFilter.NONE, false)) {
      byte[] png = writer.write(idx, w, h);
      long idats = chunks(png).stream().filter(c -> c[0].equals("IDAT")).count();
      int idatBytes = chunks(png).stream().filter(c -> c[0].equals("IDAT")).mapToInt(c -> ((byte[]) c[1]).length).sum();
      assertTrue(idatBytes > 64 * 1024, "IDAT bytes " + idatBytes);
      assertTrue(idats > 1, "IDAT chunks " + idats);
      assertArrayEquals(idx, PngDecode.indices(png));
    }
  }

  @Test
  void writerSurvivesSmallLargeSmallSequenceAndFilteredStrategy() {
    try (IndexedPngWriter writer = new IndexedPngWriter(6, PngFilter.UP, true)) {
      int[][] seq = {{5, 5}, {1000, 1000}, {1, 1}, {257, 3}, {3, 257}, {1000, 1000}, {4, 2}};
      long seed = 100;
      for (int[] s : seq) {
        byte[] idx = randomIndices(s[0], s[1], seed++);
        assertArrayEquals(idx, PngDecode.indices(writer.write(idx, s[0], s[1])), s[0] + "x" + s[1]);
      }
    }
  }

  @Test
  void indexBufferLargerThanTheImageIsAllowed() {
    byte[] idx = randomIndices(10, 10, 9);
    try (IndexedPngWriter writer = new IndexedPngWriter(6, PngFilter.SUB, false)) {
      byte[] png = writer.write(idx, 3, 7);
      assertArrayEquals(Arrays.copyOf(idx, 21), PngDecode.indices(png));
    }
  }

  @Test
  void transparentIndexZeroDecodesAsAlphaZero() {
    byte[] idx = {0, 1, (byte) 121, 0};
    try (IndexedPngWriter writer = new IndexedPngWriter(9, PngFilter.NONE, false)) {
      BufferedImage img = PngDecode.read(writer.write(idx, 2, 2));
      assertEquals(0, img.getRGB(0, 0) >>> 24);
      assertEquals(255, img.getRGB(1, 0) >>> 24);
      assertEquals(RadarPalette.argb(1), img.getRGB(1, 0));
      assertEquals(RadarPalette.argb(121), img.getRGB(0, 1));
      assertEquals(0, img.getRGB(1, 1) >>> 24);
    }
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new IndexedPngWriter(10, PngFilter.NONE, false));
    assertThrows(IllegalArgumentException.class, () -> new IndexedPngWriter(-1, PngFilter.NONE, false));
    try (IndexedPngWriter writer = new IndexedPngWriter(6, PngFilter.NONE, false)) {
      assertThrows(IllegalArgumentException.class, () -> writer.write(new byte[5], 2, 3));
      assertThrows(IllegalArgumentException.class, () -> writer.write(new byte[5], 1, -1));
      assertThrows(IllegalArgumentException.class, () -> writer.write(new byte[5], 0, 5));
      // a row one past the widest array: refused, not an index error in the row buffers
      IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
          () -> writer.encode((y, dst, off) -> { }, Integer.MAX_VALUE, 1));
      assertTrue(wide.getMessage().startsWith("a PNG row of 2147483647 pixels exceeds"), wide.getMessage());
    }
  }

  /** Palettes the PNG specification does not allow are refused, not written for lenient readers alone. */
  @Test
  void refusesPalettesPngDoesNotAllow() {
    assertThrows(IllegalArgumentException.class, () -> PngPalette.of());
    assertThrows(IllegalArgumentException.class, () -> PngPalette.of(new int[257]));
    assertThrows(IllegalArgumentException.class, () -> new PngPalette(new byte[] {1, 2, 3, 4}, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new PngPalette(new byte[] {1, 2, 3}, new byte[] {0, 0}));
    assertEquals(256, PngPalette.of(new int[256]).plte().length / 3);
  }

  /** A palette without alphas (every entry opaque) writes no tRNS chunk, which may not be empty. */
  @Test
  void anOpaquePaletteWritesNoTransparencyChunk() throws Exception {
    try (IndexedPngWriter writer = new IndexedPngWriter(6, PngFilter.NONE, false)) {
      ByteBuffer png = writer.encode((y, dst, off) -> dst[off] = 1, 1, 1,
          new PngPalette(new byte[] {0, 0, 0, (byte) 255, 0, 0}, new byte[0]));
      byte[] bytes = new byte[png.remaining()];
      png.get(bytes);
      assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("tRNS"));
      assertEquals(0xFFFF0000, PngDecode.read(bytes).getRGB(0, 0));
    }
  }
}
