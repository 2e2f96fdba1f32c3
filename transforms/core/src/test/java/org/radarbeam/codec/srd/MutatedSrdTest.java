package org.radarbeam.codec.srd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.MutantOutcome;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.PngCompression;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;

/**
 * Mutated SRD-3 files, rendered as the pipeline renders them with either placement: each either
 * renders or is refused with a BadInputException of one line, within a few seconds. Mutations are
 * drawn from fixed seeds: header values set to huge, negative, non-finite, exponent or non-ASCII
 * tokens, lines dropped, repeated or made very long, other line ends, cells added or removed,
 * control bytes, truncation.
 */
class MutatedSrdTest {
  private static final int MUTANTS = 500;
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final String[] KEYS = {"time", "ncell", "offset", "start", "slope", "unit", "domain"};
  private static final String[] NUMBERS = {"0", "1", "-1", "2147483647", "2147483648", "99999999999", "1e308", "-1e308",
      "4.9e-324", "NaN", "Infinity", "0x10", "1.5", "+5", "--1", "1e", "", ".5", "1e400", "\u0663", "1_000", "1,5", "255", "256",
      "9".repeat(200)};
  private static final String[] NCELLS = {"0 0", "1 1", "2 2", "50000000 1", "25000000 2", "2 25000000", "7071 7071",
      "100000 500", "401 301", "40", "-5 3", "41 30", "40 29", "30 40", "40 30 7", "2147483647 2147483647", "65536 65536"};
  private static final String[] TIMES = {"2024 7 1 23 55", "2024 13 1 0 0", "0 0 0 0 0", "99999 1 1 1 1", "2024 2 30 0 0",
      "2024 7 1 24 0", "2999 1 1 0 0", "2024-07-01", "2024 7 1 23", "2024 7 1 23 55.5", "1970 1 1 0 0"};

  private static final Map<String, FrameRenderer> RENDERERS = new java.util.HashMap<>();

  @BeforeAll
  static void renderers() {
    for (ArsoPlacement placement : ArsoPlacement.values()) {
      for (Projection projection : Projection.values()) {
        RENDERERS.put(placement + " " + projection, new FrameRenderer(new RenderSettings(RenderSettings.DEFAULT_QUANTITY,
            RenderSettings.DEFAULT_MIN_DBZ, RenderSettings.DEFAULT_MAX_PIXELS, PngCompression.rle(), projection, List.of(),
            placement)));
      }
    }
  }

  @AfterAll
  static void close() {
    RENDERERS.values().forEach(FrameRenderer::close);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void mutatedSrd(int which) {
    String eol = which == 1 ? "\r\n" : "\n";
    String header = which == 3 ? "time 2024 7 1 23 55\n"
        : "# ARSO radar composite, SRD-3\ndomain SI0\ntime 2024 7 1 23 55   # UTC\nncell 40 30\noffset 64\nstart 12.0\n"
            + "slope 3.0\nunit DBZ\n";
    String cells = which == 3 ? cells(401, 301, "\n") : cells(40, 30, which == 2 ? "" : eol);
    Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    int ok = 0;
    for (int i = 0; i < MUTANTS; i++) {
      Random r = new Random(which * 1_000_003L + i);
      FrameRenderer renderer = RENDERERS.get((r.nextInt(3) == 0 ? "LONLAT" : "LCC") + " "
          + (r.nextInt(4) == 0 ? "WEBMERCATOR" : "NATIVE"));
      byte[] mutant = mutate(r, header, cells, eol);
      String id = "seed " + which + ", mutant " + i + " (" + mutant.length + " bytes)";
      Kind kind = assertTimeoutPreemptively(BOUND,
          () -> MutantOutcome.of(renderer, mutant, InputFormat.SRD3, Scaling.ODIM_DEFAULTS, id), id + " took too long");
      if (kind == null) {
        ok++;
      } else {
        kinds.merge(kind, 1, Integer::sum);
      }
    }
    assertTrue(ok > 0 && !kinds.isEmpty(), "the mutants should both render and fail: " + ok + " rendered, " + kinds);
  }

  /**
   * A header whose ncell claims 50 million cells over a few hundred bytes is refused by counting its
   * cells, before --arsoGrid=lonlat transforms the 50 million cells of its border (seconds, and GBs
   * of garbage).
   */
  @Test
  void aGridTheDataCannotHoldIsRefusedBeforeItIsPlaced() {
    for (String ncell : new String[] {"25000000 2", "2 25000000"}) {
      byte[] data = SrdDecoderTest.srd("time 2024 7 1 23 55\nncell " + ncell + "\n", "@A".repeat(300), "\n");
      try (SrdDecoder d = new SrdDecoder(50_000_000L, ArsoPlacement.LONLAT)) {
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
            () -> assertThrows(BadInputException.class, () -> d.open(data, Scaling.ODIM_DEFAULTS)));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().startsWith("SRD data has 600 cells, ncell says "), e.getMessage());
      }
    }
  }

  private static String cells(int w, int h, String eol) {
    Random r = new Random(w);
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        b.append(r.nextInt(3) == 0 ? '@' : (char) (64 + r.nextInt(30)));
      }
      b.append(eol);
    }
    return b.toString();
  }

  private static String token(Random r) {
    if (r.nextInt(8) == 0) {
      char[] c = new char[r.nextInt(20)];
      for (int i = 0; i < c.length; i++) {
        c[i] = (char) r.nextInt(256);
      }
      return new String(c);
    }
    return NUMBERS[r.nextInt(NUMBERS.length)];
  }

  /** One to three changes to the header lines, the line ends, the DATA line or the cells; then maybe a cut or byte changes. */
  static byte[] mutate(Random r, String header, String cells, String eol) {
    List<String> lines = new ArrayList<>(Arrays.asList(header.split("\n")));
    String data = cells;
    String dataLine = "DATA";
    String end = eol;
    for (int k = 1 + r.nextInt(3); k > 0; k--) {
      int op = r.nextInt(11);
      if (op < 4) {
        String key = KEYS[r.nextInt(KEYS.length)];
        String value = key.equals("ncell") ? (r.nextInt(4) == 0 ? token(r) + " " + token(r) : NCELLS[r.nextInt(NCELLS.length)])
            : key.equals("time") ? (r.nextInt(4) == 0 ? token(r) : TIMES[r.nextInt(TIMES.length)]) : token(r);
        String line = (r.nextInt(5) == 0 ? key.toUpperCase(Locale.ROOT) : key) + " " + value;
        lines.removeIf(l -> l.toLowerCase(Locale.ROOT).startsWith(key + " ") && r.nextInt(4) > 0);
        lines.add(r.nextInt(lines.size() + 1), line);
      } else if (op == 4 && !lines.isEmpty()) {
        lines.remove(r.nextInt(lines.size()));
      } else if (op == 5 && !lines.isEmpty()) {
        lines.add(r.nextInt(lines.size() + 1), lines.get(r.nextInt(lines.size())));
      } else if (op == 6) {
        end = new String[] {"\n", "\r\n", "\r", "\n\r", "\u0000\n"}[r.nextInt(5)];
      } else if (op == 7) {
        dataLine = new String[] {"DATA ", "data", " DATA", "DATA\u0000", "DAT"}[r.nextInt(5)];
      } else if (op == 8) {
        lines.add(r.nextInt(lines.size() + 1), new String[] {"x".repeat(70_000), "\n".repeat(5000), "#\u0000\u00ff",
            "k \u00fe\u0000 v"}[r.nextInt(4)]);
      } else if (op == 9) {
        int n = 1 + r.nextInt(r.nextBoolean() ? 5 : 2000);
        data = r.nextBoolean() ? data.substring(0, Math.max(0, data.length() - n))
            : data + String.valueOf(r.nextBoolean() ? '@' : (char) r.nextInt(256)).repeat(n);
      } else {
        StringBuilder s = new StringBuilder(data);
        for (int n = 1 + r.nextInt(50); n > 0 && s.length() > 0; n--) {
          s.insert(r.nextInt(s.length()), (char) (r.nextBoolean() ? r.nextInt(32) : 128 + r.nextInt(128)));
        }
        data = s.toString();
      }
    }
    StringBuilder s = new StringBuilder(r.nextInt(10) == 0 ? "\u00ef\u00bb\u00bf" : "");
    for (String l : lines) {
      s.append(l).append(end);
    }
    byte[] b = s.append(dataLine).append(end).append(data).toString().getBytes(StandardCharsets.ISO_8859_1);
    switch (r.nextInt(6)) {
      case 0 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
      case 1 -> {
        for (int n = 1 + r.nextInt(4); n > 0 && b.length > 0; n--) {
          b[r.nextInt(Math.min(b.length, 300))] = (byte) r.nextInt();
        }
      }
      default -> { }
    }
    return b;
  }
}
