package org.radarbeam.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.radarbeam.composite.CompositeGrid;
import org.radarbeam.composite.CompositeSettings;
import org.radarbeam.geo.PixelPlacement;
import org.radarbeam.http.ExtraCaTrust;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.io.FileNames;
import org.radarbeam.palette.ColourScale;
import org.radarbeam.png.PngCompression;
import org.radarbeam.png.PngFilter;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.source.ArchiveTemplate;
import org.radarbeam.source.ProviderDiscovery;
import org.radarbeam.source.RadarSource;
import org.radarbeam.source.TimeWindow;
import org.radarbeam.store.S3Glob;
import org.radarbeam.store.S3Location;

/**
 * Validated options: everything a run needs, checked before any work starts. Building it has no
 * side effects (the {@link Preflight} creates and probes outputs).
 *
 * @param input the --input pattern or template, null when frames come from the providers
 * @param fetch how providers are reached, scoped to this run (a provider given up on stays given up on
 *     in this run only, whatever else the JVM runs)
 * @param maxProbes the most HEAD probes one source's discovery may send
 */
public record RunConfig(Map<String, RadarSource> sources, TimeWindow window, String input, FetchSettings fetch,
    Outputs outputs, RenderSettings settings, CompositeSettings composite, String runId, boolean overwrite,
    boolean dryRun, Duration timeout, int maxProbes) {

  private static final int MIN_VARIANT_METRES = 10;
  private static final int MAX_VARIANT_METRES = 100_000;
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public static RunConfig from(RadarOptions o) throws InvalidOptionsException {
    boolean fromFiles = !OptionValues.isBlank(o.getInput());
    Map<String, RadarSource> sources = SourceSelection.from(o, o, fromFiles);
    TimeWindow window = Windows.from(o, fromFiles);
    if (fromFiles) {
      checkInput(o.getInput().trim());
    }
    if (fromFiles && ArchiveTemplate.hasTimePlaceholders(o.getInput()) && !window.isRange()) {
      throw new InvalidOptionsException("--input uses time placeholders ({yyyy}, {MM}, {dd}, {HH}): give a window with"
          + " --from/--to or --since");
    }
    FetchSettings fetch = fetchSettings(o).forRun(UUID.randomUUID().toString());
    RenderSettings settings = renderSettings(o);
    CompositeSettings composite = compositeSettings(o, settings, sources.keySet());
    if (o.getMaxProbes() < 1) {
      // checked with --input too: one set of options often serves scheduled and backfill runs
      throw new InvalidOptionsException("--maxProbes must be at least 1, got " + o.getMaxProbes());
    }
    if (!fromFiles) {
      checkProbes(sources, discoveryWindow(window, composite != null, o.getDryRun()), o.getMaxProbes());
    }
    Duration timeout = o.getTimeout() == null ? null : OptionValues.positiveDuration("--timeout", o.getTimeout(), "PT4M");
    if (timeout != null) {
      // the downloads end early enough for the last frames and the indexes to be written within the bound
      fetch = fetch.requestsUntil(Instant.now().plus(FetchSettings.requestWindow(timeout, fetch.requestTimeout())));
    }
    String runId = runId(o);
    Outputs outputs = Outputs.from(o, o, runId, fetch.caCertsPem());
    return new RunConfig(sources, window, fromFiles ? o.getInput() : null, fetch, outputs, settings, composite, runId,
        o.getOverwrite(), o.getDryRun(), timeout, o.getMaxProbes());
  }

  /**
   * The window the providers are asked for: with --composite and --latest, two frames more per
   * source, as imeteo-radar does, since slots match sources of different latency; a dry run, which plans
   * single images only, asks for the newest frames it plans.
   */
  public TimeWindow discoveryWindow() {
    return discoveryWindow(window, makesComposites(), dryRun());
  }

  private static TimeWindow discoveryWindow(TimeWindow window, boolean composite, boolean dryRun) {
    return composite && !dryRun && window.isLatest() ? TimeWindow.latest(window.latestCount() + 2) : window;
  }

  /**
   * Refuses an --input that could only fail once the run has begun: a URL of a scheme that is not
   * read, an S3 bucket name S3 refuses, a glob that does not compile. Placeholders ({source},
   * {yyyy}...) stand for valid text.
   */
  static void checkInput(String input) throws InvalidOptionsException {
    String sample = input.replaceAll("\\{(source|yyyy|MM|dd|HH)\\}", "x0");
    try {
      if (input.startsWith("s3://")) {
        S3Glob.validate(input);
        S3Location.validateBucket(sample.substring("s3://".length()).split("/", 2)[0]);
      } else if (input.contains("://") && !input.startsWith("file://")) {
        throw new InvalidOptionsException("--input reads local files and s3:// only, got " + input);
      } else {
        FileSystems.getDefault().getPathMatcher("glob:" + sample);
        if (!FileNames.representable(sample)) {
          throw new InvalidOptionsException("--input=" + input + ": " + FileNames.unrepresentable());
        }
      }
    } catch (IllegalArgumentException e) { // PatternSyntaxException among them
      throw new InvalidOptionsException("--input: " + RadarCommand.oneLine(e.getMessage()));
    }
  }

  /** Refuses a window whose discovery would need more than {@code maxProbes} HEAD probes for a source. */
  private static void checkProbes(Map<String, RadarSource> sources, TimeWindow window, int maxProbes)
      throws InvalidOptionsException {
    for (RadarSource s : sources.values()) {
      long planned = ProviderDiscovery.plannedProbes(s.provider(), window);
      if (planned > maxProbes) {
        throw new InvalidOptionsException(s.id() + " has no index page: its frames are found by one HEAD request per"
            + " 5-minute slot, and " + window + " needs " + planned + ", more than --maxProbes=" + maxProbes
            + ". Render long ranges from archives with --input (e.g. --input='s3://raw/{source}/{yyyy}/{MM}/{dd}/*'),"
            + " or shorten the window or raise --maxProbes");
      }
    }
  }

  static final int MAX_RUN_ID = 100;

  /**
   * --runId, or the UTC time now and six random hex digits: runs started in the same second (a backfill
   * beside the scheduled run) each get their own failure report.
   */
  static String runId(RunOptions o) throws InvalidOptionsException {
    String runId = OptionValues.isBlank(o.getRunId())
        ? RUN_ID.format(Instant.now())
            + String.format(Locale.ROOT, "-%06x", ThreadLocalRandom.current().nextInt(1 << 24))
        : o.getRunId().trim();
    if (!runId.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidOptionsException("--runId may contain only letters, digits, '.', '_' and '-'");
    }
    if (runId.length() > MAX_RUN_ID) {
      // it names the failure report's file, whose temporary name is longer still: file names end at 255 bytes
      throw new InvalidOptionsException("--runId has " + runId.length() + " characters, at most " + MAX_RUN_ID);
    }
    return runId;
  }

  private static FetchSettings fetchSettings(ProviderOptions o) throws InvalidOptionsException {
    if (o.getMaxRequestsPerHost() < 1 || o.getMaxRequestsPerHost() > 64) {
      throw new InvalidOptionsException("--maxRequestsPerHost must be 1..64, got " + o.getMaxRequestsPerHost());
    }
    if (o.getHttpAttempts() < 1 || o.getHttpAttempts() > 10) {
      throw new InvalidOptionsException("--httpAttempts must be 1..10, got " + o.getHttpAttempts());
    }
    Duration timeout = OptionValues.positiveDuration("--httpTimeout", o.getHttpTimeout(), "PT60S");
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      // no provider connects and sends a frame in less; its messages count whole seconds
      throw new InvalidOptionsException("--httpTimeout must be at least PT1S, got " + o.getHttpTimeout());
    }
    Duration connect = Duration.ofSeconds(5).compareTo(timeout) < 0 ? Duration.ofSeconds(5) : timeout;
    return new FetchSettings(o.getMaxRequestsPerHost(), connect, timeout, o.getHttpAttempts(),
        FetchSettings.DEFAULT_BACKOFF, FetchSettings.DEFAULT_MAX_BACKOFF,
        OptionValues.isBlank(o.getCaCerts()) ? "" : caCerts(o.getCaCerts().trim()));
  }

  /** The most bytes --caCerts may hold: Debian's whole CA bundle takes about 220 KB. */
  static final long MAX_CA_CERTS_BYTES = 1 << 20;

  /**
   * The PEM text of --caCerts, checked here: the settings carry the text, so workers need not have the file.
   * Only a regular file of at most {@link #MAX_CA_CERTS_BYTES} is read (not a FIFO or device, which would hold
   * or fill the JVM before any work).
   */
  static String caCerts(String path) throws InvalidOptionsException {
    String pem;
    try {
      Path file = Path.of(path);
      if (!Files.isRegularFile(file)) {
        throw new InvalidOptionsException("--caCerts cannot read " + path + ": " + (Files.exists(file)
            ? "not a regular file (a folder, a FIFO or a device)" : "no such file"));
      }
      long size = Files.size(file);
      if (size > MAX_CA_CERTS_BYTES) {
        throw new InvalidOptionsException("--caCerts cannot read " + path + ": it holds " + size
            + " bytes, more than the " + MAX_CA_CERTS_BYTES + " a file of CA certificates takes");
      }
      pem = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new InvalidOptionsException("--caCerts cannot read " + path + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    try {
      ExtraCaTrust.parse(pem);
    } catch (CertificateException e) {
      throw new InvalidOptionsException("--caCerts " + path + " holds no valid PEM certificates: " + e.getMessage());
    }
    return pem;
  }

  private static RenderSettings renderSettings(RenderOptions o) throws InvalidOptionsException {
    Integer level = o.getCompressionLevel();
    if (level != null && (level < 0 || level > 9)) {
      throw new InvalidOptionsException("--compressionLevel must be 0..9, got " + level);
    }
    if (o.getMaxPixels() <= 0 || o.getMaxPixels() > Integer.MAX_VALUE - 8) {
      throw new InvalidOptionsException("--maxPixels must be 1.." + (Integer.MAX_VALUE - 8) + ", got " + o.getMaxPixels());
    }
    if (!(o.getMinDbz() >= ColourScale.MIN_DBZ && o.getMinDbz() <= ColourScale.MAX_DBZ)) {
      throw new InvalidOptionsException("--minDbz must lie within the colour scale, " + ColourScale.MIN_DBZ + ".."
          + ColourScale.MAX_DBZ + " dBZ, got " + o.getMinDbz());
    }
    if (OptionValues.isBlank(o.getQuantity())) {
      throw new InvalidOptionsException("--quantity must name an ODIM quantity such as DBZH");
    }
    PngFilter filter = o.getPngFilter();
    PngCompression png = level == null ? PngCompression.rle(filter == null ? PngFilter.UP : filter)
        : PngCompression.deflater(level, filter == null ? PngFilter.NONE : filter, false);
    List<Integer> variants = variants(o.getResolutions());
    if (!variants.isEmpty() && o.getProjection() != Projection.WEBMERCATOR) {
      throw new InvalidOptionsException("--resolutions " + o.getResolutions() + ": scaled variants are Web Mercator"
          + " images; they need --projection=webmercator");
    }
    if (o.getPixelPlacement() != PixelPlacement.EXACT && o.getProjection() != Projection.WEBMERCATOR) {
      throw new InvalidOptionsException("--pixelPlacement=" + o.getPixelPlacement().name().toLowerCase(Locale.ROOT) + " places the"
          + " pixels of Web Mercator images; it needs --projection=webmercator");
    }
    return new RenderSettings(o.getQuantity().trim(), o.getMinDbz(), o.getMaxPixels(), png, o.getProjection(),
        variants, o.getArsoGrid(), o.getPixelPlacement());
  }

  /** The variant pixel sizes of --resolutions (full,1000,2000 -> [1000, 2000]), ascending, without repeats. */
  static List<Integer> variants(String resolutions) throws InvalidOptionsException {
    TreeSet<Integer> metres = new TreeSet<>();
    for (String raw : (resolutions == null ? "full" : resolutions).split(",")) {
      String r = raw.trim().toLowerCase(Locale.ROOT);
      if (r.isEmpty() || r.equals("full")) {
        continue;
      }
      int m;
      try {
        m = Integer.parseInt(r.endsWith("m") ? r.substring(0, r.length() - 1) : r);
      } catch (NumberFormatException e) {
        m = -1;
      }
      if (m < MIN_VARIANT_METRES || m > MAX_VARIANT_METRES) {
        throw new InvalidOptionsException("--resolutions: '" + raw.trim() + "' is neither full nor a pixel size of "
            + MIN_VARIANT_METRES + ".." + MAX_VARIANT_METRES + " metres");
      }
      metres.add(m);
    }
    return List.copyOf(metres);
  }

  /**
   * The composite's settings, null without --composite. Its options' values are checked either way,
   * so a mistyped one fails before any work even in a run that makes no composite.
   */
  private static CompositeSettings compositeSettings(CompositeOptions o, RenderSettings render, Set<String> sources)
      throws InvalidOptionsException {
    int res = o.getCompositeResolution();
    if (res < 100 || res > 10_000) {
      throw new InvalidOptionsException("--compositeResolution must be 100..10000 metres, got " + res);
    }
    if (o.getMinSources() < 1) {
      throw new InvalidOptionsException("--minSources must be at least 1, got " + o.getMinSources());
    }
    Duration tolerance = OptionValues.positiveDuration("--timestampTolerance", o.getTimestampTolerance(), "PT2M");
    Duration maxDataAge = OptionValues.positiveDuration("--maxDataAge", o.getMaxDataAge(), "PT30M");
    if (!o.getComposite()) {
      if (!o.getIndividual()) {
        // it would do nothing: a run without composites writes each frame's own image
        throw new InvalidOptionsException("--individual=false applies only with --composite=true; without it each"
            + " frame's own image is what a run writes");
      }
      return null;
    }
    if (sources.contains(SourceCatalog.ANY_ODIM)) {
      throw new InvalidOptionsException("--composite merges the catalog's sources; odim files come on any grid:"
          + " render them without --composite");
    }
    List<String> cores = sources.stream().filter(s -> !CompositeSettings.OPTIONAL.contains(s)).sorted().toList();
    if (cores.size() < o.getMinSources()) {
      throw new InvalidOptionsException("--composite writes a slot only with --minSources=" + o.getMinSources()
          + " core sources, and --sources names " + cores.size() + (cores.isEmpty() ? "" : " (" + String.join(",", cores)
          + ")") + ": no composite could ever be written (arso is not core)");
    }
    long pixels = CompositeGrid.pixels(res);
    if (pixels > render.maxPixels()) {
      throw new InvalidOptionsException("--compositeResolution=" + res + " makes a grid of " + pixels
          + " pixels, above --maxPixels=" + render.maxPixels() + ": raise --maxPixels (the composite holds one byte"
          + " per pixel per worker) or choose a coarser resolution");
    }
    return new CompositeSettings(res, o.getIndividual(), o.getMinSources(), tolerance, maxDataAge,
        CompositeSettings.OPTIONAL);
  }

  /** Whether composites are made (--composite). */
  public boolean makesComposites() {
    return composite != null;
  }

  /** Whether frames are read from files (--input) rather than downloaded. */
  public boolean fromFiles() {
    return input != null;
  }
}
