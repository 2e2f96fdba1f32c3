package org.radarbeam.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.render.PngFilter;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.store.LocalFileStore;
import org.radarbeam.store.ObjectStore;

/** Validated options: everything a run needs, checked before any work starts. */
public final class RunConfig {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  final Map<String, SourceProfile> profiles;
  final String input;
  final String output;
  final ObjectStore store;
  final RenderSettings settings;
  final String failuresPath;
  final String runId;
  final boolean overwrite;
  final boolean dryRun;

  private RunConfig(RadarOptions o, Map<String, SourceProfile> profiles, RenderSettings settings, String runId, String failures) {
    this.profiles = profiles;
    this.input = o.getInput();
    this.output = o.getOutput();
    this.store = new LocalFileStore(o.getOutput());
    this.settings = settings;
    this.runId = runId;
    this.failuresPath = failures;
    this.overwrite = o.getOverwrite();
    this.dryRun = o.getDryRun();
  }

  public static RunConfig from(RadarOptions o) throws InvalidOptionsException {
    Map<String, SourceProfile> profiles = new LinkedHashMap<>();
    String sources = o.getSources() == null ? "" : o.getSources();
    for (String raw : sources.split(",")) {
      String id = raw.trim().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      if (!SourceCatalog.contains(id)) {
        throw new InvalidOptionsException("--sources: unknown source '" + raw.trim() + "' (known: "
            + String.join(", ", SourceCatalog.ids()) + ")");
      }
      SourceProfile p = SourceCatalog.get(id);
      if (id.equals("odim")) {
        p = p.withFolder(folder(o.getFolder()));
      }
      profiles.put(id, p);
    }
    if (profiles.isEmpty()) {
      throw new InvalidOptionsException("--sources names no source (known: " + String.join(", ", SourceCatalog.ids()) + ")");
    }
    if (o.getInput() == null || o.getInput().isBlank()) {
      throw new InvalidOptionsException("--input is required: a local path, directory or glob of radar files"
          + " ({source} is replaced by each source id)");
    }
    if (!o.getInput().contains("{source}") && profiles.size() > 1) {
      throw new InvalidOptionsException("--input has no {source} placeholder, so --sources must name exactly one source"
          + " (it names " + String.join(", ", profiles.keySet()) + ")");
    }
    if (o.getOutput() == null || o.getOutput().isBlank()) {
      throw new InvalidOptionsException("--output must name a directory");
    }
    if (o.getOutput().contains("://")) {
      throw new InvalidOptionsException("--output=" + o.getOutput() + ": only local directories are supported");
    }
    if (o.getCompressionLevel() < 0 || o.getCompressionLevel() > 9) {
      throw new InvalidOptionsException("--compressionLevel must be 0..9, got " + o.getCompressionLevel());
    }
    if (o.getMaxPixels() <= 0 || o.getMaxPixels() > Integer.MAX_VALUE - 8) {
      throw new InvalidOptionsException("--maxPixels must be 1.." + (Integer.MAX_VALUE - 8) + ", got " + o.getMaxPixels());
    }
    if (!Double.isFinite(o.getMinDbz())) {
      throw new InvalidOptionsException("--minDbz must be a finite number of dBZ");
    }
    if (o.getQuantity() == null || o.getQuantity().isBlank()) {
      throw new InvalidOptionsException("--quantity must name an ODIM quantity such as DBZH");
    }
    PngFilter filter;
    try {
      filter = PngFilter.valueOf(o.getPngFilter().trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new InvalidOptionsException("--pngFilter must be UP, SUB or NONE, got " + o.getPngFilter());
    }
    String runId = o.getRunId() == null || o.getRunId().isBlank() ? RUN_ID.format(Instant.now()) : o.getRunId().trim();
    if (!runId.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidOptionsException("--runId may contain only letters, digits, '.', '_' and '-'");
    }
    String failures = o.getFailures() == null || o.getFailures().isBlank()
        ? Paths.get(o.getOutput(), "_failures", runId + ".jsonl").toString()
        : o.getFailures();
    if (!o.getDryRun()) {
      requireWritableDirectory(Paths.get(o.getOutput()), "--output");
    }
    RenderSettings settings = new RenderSettings(o.getQuantity().trim(), o.getMinDbz(), o.getMaxPixels(),
        o.getCompressionLevel(), filter);
    return new RunConfig(o, profiles, settings, runId, failures);
  }

  private static String folder(String f) throws InvalidOptionsException {
    if (f == null || !f.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new InvalidOptionsException("--folder must be one path segment of letters, digits, '.', '_' or '-', got " + f);
    }
    return f;
  }

  private static void requireWritableDirectory(Path dir, String option) throws InvalidOptionsException {
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new InvalidOptionsException(option + "=" + dir + " cannot be created: " + e.getMessage());
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new InvalidOptionsException(option + "=" + dir + " is not a writable directory");
    }
  }
}
