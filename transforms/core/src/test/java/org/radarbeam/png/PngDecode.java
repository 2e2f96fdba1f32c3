package org.radarbeam.png;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/** Decodes PNGs with javax.imageio (an independent decoder) for assertions. */
public final class PngDecode {
  private PngDecode() {}

  public static BufferedImage read(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      if (img == null) {
        throw new IllegalStateException("ImageIO cannot read the PNG");
      }
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Palette indices, row-major from the top row. */
  public static byte[] indices(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    Raster r = img.getRaster();
    byte[] out = new byte[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        out[y * w + x] = (byte) row[x];
      }
    }
    return out;
  }

  public static byte[] indices(byte[] png) {
    return indices(read(png));
  }

  /** RGBA of one pixel index through the image's palette: transparent = 0,0,0,0, else r,g,b,255. */
  private static int rgba(IndexColorModel cm, int idx) {
    if (cm.getAlpha(idx) == 0) {
      return 0;
    }
    if (cm.getAlpha(idx) != 255) {
      throw new IllegalStateException("palette entry " + idx + " has partial alpha " + cm.getAlpha(idx));
    }
    return (cm.getRed(idx) << 24) | (cm.getGreen(idx) << 16) | (cm.getBlue(idx) << 8) | 0xFF;
  }

  /** Summary of an indexed image as RGBA bytes, row-major, top row first. */
  public static final class RgbaSummary {
    public final String sha256;
    public final long nonTransparent;
    /** "r,g,b" -> pixel count, non-transparent pixels only. */
    public final Map<String, Long> histogram;

    RgbaSummary(String sha256, long nonTransparent, Map<String, Long> histogram) {
      this.sha256 = sha256;
      this.nonTransparent = nonTransparent;
      this.histogram = histogram;
    }
  }

  public static RgbaSummary rgbaSummary(byte[] png) {
    BufferedImage img = read(png);
    if (!(img.getColorModel() instanceof IndexColorModel)) {
      throw new IllegalStateException("not an indexed image: " + img.getColorModel());
    }
    IndexColorModel cm = (IndexColorModel) img.getColorModel();
    int[] lut = new int[256];
    for (int i = 0; i < cm.getMapSize(); i++) {
      lut[i] = rgba(cm, i);
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int w = img.getWidth();
    int h = img.getHeight();
    Raster r = img.getRaster();
    int[] row = new int[w];
    byte[] bytes = new byte[4 * w];
    long[] counts = new long[256];
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        int v = lut[row[x]];
        counts[row[x]]++;
        bytes[4 * x] = (byte) (v >>> 24);
        bytes[4 * x + 1] = (byte) (v >>> 16);
        bytes[4 * x + 2] = (byte) (v >>> 8);
        bytes[4 * x + 3] = (byte) v;
      }
      sha.update(bytes);
    }
    long nonTransparent = 0;
    Map<String, Long> hist = new TreeMap<>();
    for (int i = 0; i < 256; i++) {
      if (counts[i] > 0 && lut[i] != 0) {
        nonTransparent += counts[i];
        String key = (lut[i] >>> 24) + "," + ((lut[i] >>> 16) & 0xFF) + "," + ((lut[i] >>> 8) & 0xFF);
        hist.merge(key, counts[i], Long::sum);
      }
    }
    return new RgbaSummary(HexFormat.of().formatHex(sha.digest()), nonTransparent, hist);
  }
}
