package org.radarbeam.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.radarbeam.fetch.FetchSettings;
import org.radarbeam.model.SourceProfile;
import org.radarbeam.pipeline.listing.ProviderSpec;
import org.radarbeam.render.PngFilter;
import org.radarbeam.render.Projection;
import org.radarbeam.render.RenderSettings;
import org.radarbeam.store.LocalFileStore;
import org.radarbeam.store.ObjectStore;
import org.radarbeam.store.S3Location;
import org.radarbeam.store.S3ObjectStore;
import org.radarbeam.store.S3Settings;

/** Validated options: everything a run needs, checked before any work starts. */
public final class RunConfig {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  final Map<String, SourceProfile> profiles;
  final Map<String, ProviderSpec> providers;
  final TimeWindow window;
  final FetchSettings fetch;
  final String input;
  final String output;
  final ObjectStore store;
  final ObjectStore dataStore;
  final ObjectStore failureStore;
  final String failureKey;
  final RenderSettings settings;
  final String failuresPath;
  final String runId;
  final boolean overwrite;
  final Duration timeout;
  final boolean dryRun;

  final S3Settings s3;

  private RunConfig(RadarOptions o, Map<String, SourceProfile> profiles, Map<String, ProviderSpec> providers,
      TimeWindow window, FetchSettings fetch, S3Settings s3, RenderSettings settings, String runId, String failures) {
    this.s3 = s3;
    this.profiles = profiles;
    this.providers = providers;
    this.window = window;
    this.fetch = fetch;
    this.input = o.getInput();
    this.output = o.getOutput();
    this.store = store(o.getOutput(), s3);
    this.dataStore = store(dataPrefix(o), s3);
    int slash = failures.lastIndexOf('/');
    this.failureStore = store(slash < 0 ? "." : failures.substring(0, slash), s3);
    this.failureKey = failures.substring(slash + 1);
    this.settings = settings;
    this.runId = runId;
    this.failuresPath = failures;
    this.overwrite = o.getOverwrite();
    this.dryRun = o.getDryRun();
    this.timeout = o.getTimeout() == null ? null : Duration.parse(o.getTimeout().trim());
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
    boolean fromFiles = o.getInput() != null && !o.getInput().isBlank();
    if (fromFiles && !o.getInput().contains("{source}") && profiles.size() > 1) {
      throw new InvalidOptionsException("--input has no {source} placeholder, so --sources must name exactly one source"
          + " (it names " + String.join(", ", profiles.keySet()) + ")");
    }
    TimeWindow window = window(o, fromFiles);
    if (fromFiles && ArchiveTemplate.hasTimePlaceholders(o.getInput()) && !window.isRange()) {
      throw new InvalidOptionsException("--input uses time placeholders ({yyyy}, {MM}, {dd}, {HH}): give a window with"
          + " --from/--to or --since");
    }
    Map<String, ProviderSpec> providers = new LinkedHashMap<>();
    if (!fromFiles) {
      for (String id : profiles.keySet()) {
        ProviderSpec spec = SourceCatalog.provider(id);
        if (spec == null) {
          throw new InvalidOptionsException("source '" + id + "' has no provider to download from: give --input");
        }
        providers.put(id, spec);
      }
    }
    overrideProviderUrls(o.getProviderUrl(), providers);
    if (o.getMaxRequestsPerHost() < 1 || o.getMaxRequestsPerHost() > 64) {
      throw new InvalidOptionsException("--maxRequestsPerHost must be 1..64, got " + o.getMaxRequestsPerHost());
    }
    java.util.Set<String> insecure = new java.util.HashSet<>();
    for (ProviderSpec spec : providers.values()) {
      if (spec.insecureTls()) {
        insecure.add(spec.host());
      }
    }
    if (o.getHttpAttempts() < 1 || o.getHttpAttempts() > 10) {
      throw new InvalidOptionsException("--httpAttempts must be 1..10, got " + o.getHttpAttempts());
    }
    Duration timeout;
    try {
      timeout = Duration.parse(o.getHttpTimeout().trim());
    } catch (DateTimeParseException e) {
      throw new InvalidOptionsException("--httpTimeout must be an ISO-8601 duration such as PT60S, got " + o.getHttpTimeout());
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new InvalidOptionsException("--httpTimeout must be positive");
    }
    FetchSettings fetch = new FetchSettings(o.getMaxRequestsPerHost(), Duration.ofSeconds(5).compareTo(timeout) < 0
        ? Duration.ofSeconds(5) : timeout, timeout, o.getHttpAttempts(), Duration.ofMillis(500), insecure);
    if (o.getOutput() == null || o.getOutput().isBlank()) {
      throw new InvalidOptionsException("--output must name a directory");
    }
    if (o.getOutput().contains("://") && !o.getOutput().startsWith("s3://")) {
      throw new InvalidOptionsException("--output=" + o.getOutput() + ": a local directory or s3://bucket/prefix");
    }
    for (String loc : new String[] {o.getOutput(), dataPrefix(o)}) {
      if (loc.startsWith("s3://")) {
        try {
          S3Location.parse(loc);
        } catch (IllegalArgumentException e) {
          throw new InvalidOptionsException(loc + ": " + e.getMessage());
        }
      }
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
    if (o.getTimeout() != null) {
      try {
        Duration t = Duration.parse(o.getTimeout().trim());
        if (t.isNegative() || t.isZero()) {
          throw new InvalidOptionsException("--timeout must be positive, got " + o.getTimeout());
        }
      } catch (DateTimeParseException e) {
        throw new InvalidOptionsException("--timeout must be an ISO-8601 duration such as PT4M, got " + o.getTimeout());
      }
    }
    String runId = o.getRunId() == null || o.getRunId().isBlank() ? RUN_ID.format(Instant.now()) : o.getRunId().trim();
    if (!runId.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidOptionsException("--runId may contain only letters, digits, '.', '_' and '-'");
    }
    String failures = o.getFailures() != null && !o.getFailures().isBlank() ? o.getFailures().trim()
        : o.getOutput().replaceAll("/+$", "") + "/_failures/" + runId + ".jsonl";
    if (failures.contains("://") && !failures.startsWith("s3://") || failures.endsWith("/")) {
      throw new InvalidOptionsException("--failures must be a file path or s3://bucket/key, got " + failures);
    }
    if (!o.getDryRun() && !o.getOutput().startsWith("s3://")) {
      requireWritableDirectory(Paths.get(o.getOutput()), "--output");
    }
    Projection projection;
    try {
      projection = Projection.valueOf(o.getProjection().trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new InvalidOptionsException("--projection must be webmercator or native, got " + o.getProjection());
    }
    RenderSettings settings = new RenderSettings(o.getQuantity().trim(), o.getMinDbz(), o.getMaxPixels(),
        o.getCompressionLevel(), filter, projection);
    S3Settings s3 = s3Settings(o);
    return new RunConfig(o, profiles, providers, window, fetch, s3, settings, runId, failures);
  }

  private static ObjectStore store(String location, S3Settings s3) {
    return location.startsWith("s3://") ? S3ObjectStore.create(location, s3) : new LocalFileStore(location);
  }

  /** S3 access from the options; credentials only ever come from the AWS default chain. */
  private static S3Settings s3Settings(RadarOptions o) throws InvalidOptionsException {
    try {
      S3Settings.Builder b = S3Settings.builder().region(o.getS3Region()).pathStyle(o.getS3PathStyle());
      if (o.getS3Endpoint() != null && !o.getS3Endpoint().isBlank()) {
        b.endpoint(o.getS3Endpoint().trim());
      }
      if (o.getCacheControl() != null && !o.getCacheControl().isBlank()) {
        b.cacheControl(o.getCacheControl().trim());
      }
      if (o.getAcl() != null && !o.getAcl().isBlank()) {
        b.acl(o.getAcl().trim());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionsException(e.getMessage());
    }
  }

  /** Checks that S3 outputs are reachable, exist and accept these credentials; fails in seconds. */
  void checkStores() throws java.io.IOException {
    for (ObjectStore s : new ObjectStore[] {store, dataStore}) {
      if (s instanceof S3ObjectStore) {
        ((S3ObjectStore) s).checkWritable();
      }
    }
  }

  /** Metadata location: --dataPrefix, or the output with -data appended (iradar -> iradar-data). */
  static String dataPrefix(RadarOptions o) {
    if (o.getDataPrefix() != null && !o.getDataPrefix().isBlank()) {
      return o.getDataPrefix();
    }
    String out = o.getOutput();
    while (out.length() > 1 && out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    if (out.startsWith("s3://") && out.indexOf('/', 5) < 0) {
      return out + "/data";
    }
    return out.equals(".") ? "./data" : out + "-data";
  }

  private static TimeWindow window(RadarOptions o, boolean fromFiles) throws InvalidOptionsException {
    boolean range = o.getFrom() != null || o.getTo() != null;
    int kinds = (range ? 1 : 0) + (o.getSince() != null ? 1 : 0) + (o.getLatest() != null ? 1 : 0);
    if (kinds > 1) {
      throw new InvalidOptionsException("give one of --from/--to, --since or --latest");
    }
    if (range) {
      if (o.getFrom() == null || o.getTo() == null) {
        throw new InvalidOptionsException("--from and --to go together");
      }
      Instant from = instant("--from", o.getFrom(), false);
      Instant to = instant("--to", o.getTo(), true);
      if (to.isBefore(from)) {
        throw new InvalidOptionsException("--to (" + to + ") is before --from (" + from + ")");
      }
      return TimeWindow.between(from, to);
    }
    if (o.getSince() != null) {
      Duration d;
      try {
        d = Duration.parse(o.getSince().trim());
      } catch (DateTimeParseException e) {
        throw new InvalidOptionsException("--since must be an ISO-8601 duration such as PT6H or P2D, got " + o.getSince());
      }
      if (d.isNegative() || d.isZero()) {
        throw new InvalidOptionsException("--since must be positive, got " + o.getSince());
      }
      Instant now = Instant.now();
      return TimeWindow.between(now.minus(d), now);
    }
    if (o.getLatest() != null) {
      if (o.getLatest() < 1 || o.getLatest() > 10_000) {
        throw new InvalidOptionsException("--latest must be 1..10000, got " + o.getLatest());
      }
      return TimeWindow.latest(o.getLatest());
    }
    return fromFiles ? TimeWindow.all() : TimeWindow.latest(6);
  }

  /** ISO-8601 instant; without an offset it is UTC; a bare date is the start (or end) of that UTC day. */
  static Instant instant(String option, String v, boolean endOfDay) throws InvalidOptionsException {
    String s = v.trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      LocalDate d = LocalDate.parse(s);
      return endOfDay ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)
          : d.atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidOptionsException(option + " must be an ISO-8601 UTC time such as 2025-11-17T12:00Z, got " + v);
    }
  }

  private static void overrideProviderUrls(String spec, Map<String, ProviderSpec> providers)
      throws InvalidOptionsException {
    if (spec == null || spec.isBlank()) {
      return;
    }
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidOptionsException("--providerUrl expects source=url pairs, got '" + pair.trim() + "'");
      }
      String id = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String url = pair.substring(eq + 1).trim();
      if (SourceCatalog.provider(id) == null) {
        throw new InvalidOptionsException("--providerUrl: '" + id + "' is not a source with a provider");
      }
      if (!url.matches("https?://[^\\s]+")) {
        throw new InvalidOptionsException("--providerUrl: " + id + " needs an http(s) URL, got '" + url + "'");
      }
      if (providers.containsKey(id)) {
        providers.put(id, providers.get(id).withBase(url)); // sources not selected keep no override
      }
    }
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
