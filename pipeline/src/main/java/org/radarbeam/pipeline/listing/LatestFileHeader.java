package org.radarbeam.pipeline.listing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Reads the nominal time from the head of an SRD-3 file: the header line "time Y M D h m". */
final class LatestFileHeader {
  private LatestFileHeader() {}

  static Instant time(byte[] head) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    for (String raw : text.split("\r?\n")) {
      String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
      line = line.trim();
      if (line.equals("DATA")) {
        break;
      }
      String[] p = line.split("\\s+");
      if (p.length >= 6 && p[0].equalsIgnoreCase("time")) {
        try {
          return LocalDateTime.of(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]),
              Integer.parseInt(p[4]), Integer.parseInt(p[5])).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }
}
