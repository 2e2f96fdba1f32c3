package org.radarbeam.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.odim.OdimFixtures;
import org.radarbeam.testing.RealData;

/** Cheap checks on raw input bytes: empty, HTML, not HDF5, truncated. */
class InputSnifferTest {
  @TempDir
  static Path dir;

  static final Path REAL = RealData.dir();

  /** What every HDF5 input passes: the content check of all formats, then the HDF5 one. */
  static void sniffHdf5(byte[] data) throws BadInputException {
    InputSniffer.requireContent(data, InputFormat.ODIM_H5);
    InputSniffer.requireHdf5(data);
  }

  static BadInputException refused(byte[] data, Kind kind) {
    BadInputException e = assertThrows(BadInputException.class, () -> sniffHdf5(data));
    assertEquals(kind, e.kind(), e.getMessage());
    assertOneLine(e);
    return e;
  }

  static void assertOneLine(BadInputException e) {
    String m = e.getMessage();
    assertTrue(m != null && !m.isBlank(), "message present");
    assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
  }

  static byte[] synthetic() throws IOException {
    return OdimFixtures.comp().field(1, 1, "DBZH", OdimFixtures.bytes(50, 37, 1)).done().bytes(dir);
  }

  @Test
  void emptyIsEmpty() {
    BadInputException e = assertThrows(BadInputException.class, () -> InputSniffer.requireContent(new byte[0], InputFormat.ODIM_H5));
    assertEquals(Kind.EMPTY, e.kind());
    refused(new byte[0], Kind.EMPTY);
    assertEquals("empty", new BadInputException(Kind.EMPTY, "x").kindName());
    assertEquals("not-hdf5", new BadInputException(Kind.NOT_HDF5, "x").kindName());
    assertEquals("missing-data", new BadInputException(Kind.MISSING_DATA, "x").kindName());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>",
    "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
    "  \r\n\t<html>\r\n<head><title>502 Bad Gateway</title></head>",
    "<HTML><BODY>login</BODY></HTML>",
    "<head><meta charset=utf-8></head>",
    "<body>maintenance</body>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code></Error>",
    "<!-- error page -->",
  })
  void htmlPagesAreHtml(String page) {
    byte[] data = page.getBytes(StandardCharsets.UTF_8);
    assertTrue(InputSniffer.looksLikeHtml(data));
    BadInputException e = refused(data, Kind.HTML);
    assertTrue(e.getMessage().contains("HTML"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "hello <html>", "<div>not a page</div>", "\u0089HDF\r\n", "GIF89a"})
  void otherTextIsNotHtml(String text) {
    assertFalse(InputSniffer.looksLikeHtml(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void randomBytesAreNotHdf5() {
    Random rnd = new Random(3);
    for (int n : new int[] {1, 7, 8, 100, 511, 600, 5000, 70_000}) {
      byte[] data = new byte[n];
      rnd.nextBytes(data);
      data[0] = 0x42; // neither '<' nor white space nor the HDF5 signature
      BadInputException e = refused(data, Kind.NOT_HDF5);
      assertTrue(e.getMessage().contains(n + " bytes"), e.getMessage());
    }
    refused("CDF\u0001 a netCDF-3 file".getBytes(StandardCharsets.ISO_8859_1), Kind.NOT_HDF5);
    refused(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0}, Kind.NOT_HDF5);
  }

  @Test
  void signatureIsFoundAtPowersOfTwoFrom512() throws IOException {
    byte[] h5 = synthetic();
    assertEquals(0, InputSniffer.hdf5SuperblockOffset(h5));
    for (int prefix : new int[] {512, 1024, 2048}) {
      byte[] withUserBlock = new byte[prefix + h5.length];
      System.arraycopy(h5, 0, withUserBlock, prefix, h5.length);
      assertEquals(prefix, InputSniffer.hdf5SuperblockOffset(withUserBlock));
    }
    byte[] at100 = new byte[100 + h5.length];
    System.arraycopy(h5, 0, at100, 100, h5.length);
    assertEquals(-1, InputSniffer.hdf5SuperblockOffset(at100), "only 0, 512, 1024, ... are superblock positions");
    assertEquals(-1, InputSniffer.hdf5SuperblockOffset(Arrays.copyOf(h5, 7)));
    assertEquals(0, InputSniffer.hdf5SuperblockOffset(Arrays.copyOf(h5, 8)));
  }

  @Test
  void syntheticFileDeclaresItsOwnLength() throws IOException {
    byte[] h5 = synthetic();
    assertTrue(h5[8] == 2 || h5[8] == 3, "jhdf writes superblock v2/v3, got " + h5[8]);
    assertEquals(h5.length, InputSniffer.declaredEndOfFile(h5, 0));
    assertDoesNotThrow(() -> sniffHdf5(h5));
  }

  /**
   * A superblock whose end of file the sniffer cannot read (a version it does not know, offsets of other
   * than 4 or 8 bytes, an end declared undefined) declares none: the file passes on to its decoder, which
   * reads the superblock itself.
   */
  @Test
  void anUnreadableSuperblockDeclaresNoEnd() throws IOException {
    byte[] version9 = synthetic();
    version9[8] = 9;
    byte[] offsets2 = synthetic();
    offsets2[9] = 2;
    byte[] noEnd = synthetic();
    java.nio.ByteBuffer.wrap(noEnd).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(28, -1L);
    byte[] v0offsets2 = superblockPrefix(0, 8);
    v0offsets2[13] = 2;
    for (byte[] h5 : new byte[][] {version9, offsets2, noEnd, v0offsets2}) {
      assertEquals(-1, InputSniffer.declaredEndOfFile(h5, 0));
      assertDoesNotThrow(() -> sniffHdf5(h5));
    }
  }

  /** A base address and end of file whose sum passes a long's sign, or either of 2^63 or more, lie past any file. */
  @Test
  void anEndPastALongIsPastTheFile() throws IOException {
    byte[] wraps = synthetic();
    java.nio.ByteBuffer.wrap(wraps).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(12, Long.MAX_VALUE - 10);
    byte[] huge = synthetic();
    java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(28, Long.MIN_VALUE);
    for (byte[] h5 : new byte[][] {wraps, huge}) {
      assertEquals(Long.MAX_VALUE, InputSniffer.declaredEndOfFile(h5, 0));
      refused(h5, Kind.TRUNCATED);
    }
  }

  @Test
  void truncatedSyntheticFileIsTruncated() throws IOException {
    byte[] h5 = synthetic();
    for (int cut : new int[] {1, 2, 3, 8, 100, h5.length / 2, h5.length - 48}) {
      BadInputException e = refused(Arrays.copyOf(h5, h5.length - cut), Kind.TRUNCATED);
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
    refused(Arrays.copyOf(h5, 5), Kind.NOT_HDF5); // not even the signature is left
  }

  /**
   * A download cut off inside the superblock itself (9 to 47 bytes of it) is a truncated HDF5
   * file, for every superblock version, and must never crash the sniffer.
   */
  @Test
  void fileCutInsideTheSuperblockIsTruncated() throws IOException {
    byte[] v2 = synthetic(); // jhdf: superblock v2/v3, 8-byte offsets
    byte[] v0 = superblockPrefix(0, 8);
    byte[] v1 = superblockPrefix(1, 4);
    List<String> crashes = new java.util.ArrayList<>();
    for (byte[] h5 : new byte[][] {v2, v0, v1}) {
      for (int n = 8; n < 48; n++) {
        byte[] cut = Arrays.copyOf(h5, n);
        try {
          sniffHdf5(cut);
          crashes.add("v" + h5[8] + " cut to " + n + ": accepted");
        } catch (BadInputException e) {
          if (e.kind() != Kind.TRUNCATED) {
            crashes.add("v" + h5[8] + " cut to " + n + ": " + e.kind());
          }
        } catch (RuntimeException e) {
          crashes.add("v" + h5[8] + " cut to " + n + ": " + e);
        }
      }
    }
    assertEquals(List.of(), crashes, "files cut inside the superblock must be TRUNCATED");
  }

  /** The first 48 bytes of a v0/v1 superblock declaring a 1 MB file. */
  static byte[] superblockPrefix(int version, int offsetSize) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(96).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'});
    b.put((byte) version).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    b.put((byte) offsetSize).put((byte) offsetSize).put((byte) 0);
    b.putShort((short) 4).putShort((short) 16).putInt(0);
    if (version == 1) {
      b.putShort((short) 32).putShort((short) 0);
    }
    for (long addr : new long[] {0, -1, 1_000_000, -1}) {
      if (offsetSize == 8) {
        b.putLong(addr);
      } else {
        b.putInt((int) addr);
      }
    }
    byte[] out = Arrays.copyOf(b.array(), 48);
    assertEquals(1_000_000, InputSniffer.declaredEndOfFile(b.array(), 0), "hand-made v" + version + " superblock");
    return out;
  }

  static List<Path> realHdf5Files() throws IOException {
    RealData.requireDir();
    try (Stream<Path> s = Files.walk(REAL)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("SHA256SUMS") && !p.getFileName().toString().endsWith(".md"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void realFilesOfSuperblockV0AndV1AreCompleteAndTheirTruncationsAreNot() throws IOException {
    List<Path> files = realHdf5Files();
    assertTrue(files.size() >= 14, "real files: " + files);
    boolean sawV0 = false;
    boolean sawV1 = false;
    for (Path p : files) {
      byte[] data = Files.readAllBytes(p);
      sawV0 |= data[8] == 0;
      sawV1 |= data[8] == 1;
      assertEquals(data.length, InputSniffer.declaredEndOfFile(data, 0), p + " declares its length");
      assertDoesNotThrow(() -> sniffHdf5(data), p.toString());
      refused(Arrays.copyOf(data, data.length / 2), Kind.TRUNCATED);
      refused(Arrays.copyOf(data, data.length - 1), Kind.TRUNCATED);
      refused(Arrays.copyOf(data, data.length - 5), Kind.TRUNCATED);
      refused(Arrays.copyOf(data, 30), Kind.TRUNCATED);
    }
    assertTrue(sawV0 && sawV1, "both superblock versions 0 and 1 covered");
  }
}
