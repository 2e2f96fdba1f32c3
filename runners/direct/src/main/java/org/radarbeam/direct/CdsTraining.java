package org.radarbeam.direct;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;

/**
 * The training run of radar.jar's class-data-sharing archive: renders one small bundled frame of
 * each input format (ODIM_H5, zipped netCDF, SRD-3) through the whole pipeline, then their composite, so that
 * {@code java -XX:ArchiveClassesAtExit=radar.jsa -cp radar.jar org.radarbeam.direct.CdsTraining}
 * records the classes a run loads. A later {@code java -XX:SharedArchiveFile=radar.jsa -jar radar.jar}
 * maps them instead of loading and verifying them again, which takes about a second off the start
 * of every scheduled run (docs/performance.md). The build makes runners/direct/target/radar.jsa;
 * the radar image makes its own (an archive fits only the JVM that wrote it).
 */
public final class CdsTraining {
  /** The bundled frames, below /cds/ in the jar, named as their sources name them. */
  static final List<String> FRAMES = List.of("dwd/composite_dmax_20251117_1500-hd5",
      "omsz/radar_composite-refl2D-20251117_1500.nc.zip", "arso/si0-zm.srd");

  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("radarbeam-cds-training");
    int status;
    try {
      for (String frame : FRAMES) {
        Path target = Files.createDirectories(dir.resolve(frame).getParent()).resolve(dir.resolve(frame).getFileName());
        try (InputStream in = CdsTraining.class.getResourceAsStream("/cds/" + frame)) {
          if (in == null) {
            throw new IOException("radar.jar lacks its training frame /cds/" + frame);
          }
          Files.copy(in, target);
        }
      }
      String input = "--input=" + dir + "/{source}/*";
      status = RadarMain.run(new String[] {"--sources=dwd,omsz,arso", input, "--output=" + dir.resolve("out"),
          "--runId=cds-training"}, System.out, System.err);
      if (status == 0) {
        // the composite's classes (slot grouping, merge, masks, Joda time) are not loaded by a plain run
        status = RadarMain.run(new String[] {"--sources=dwd,omsz,arso", input, "--composite=true", "--minSources=2",
            "--output=" + dir.resolve("composite"), "--runId=cds-training-composite"}, System.out, System.err);
      }
    } finally {
      delete(dir);
    }
    if (status != 0) {
      System.exit(status);
    }
    loadJsonLogLayout();
  }

  /**
   * Formats one event with the JSON log layout, so that its classes are in the archive too: the
   * training run logs text, and log4j2 builds only the layout of the format a run asks for, but the
   * CronJob logs JSON.
   */
  static String loadJsonLogLayout() {
    JsonTemplateLayout layout = JsonTemplateLayout.newBuilder().setConfiguration(new DefaultConfiguration())
        .setEventTemplateUri("classpath:radarbeam-log.json").build();
    return layout.toSerializable(Log4jLogEvent.newBuilder().setLoggerName(CdsTraining.class.getName())
        .setLevel(Level.INFO).setMessage(new SimpleMessage("training")).build());
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
