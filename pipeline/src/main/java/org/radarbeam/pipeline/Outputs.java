package org.radarbeam.pipeline;

import org.radarbeam.io.FileNames;
import org.radarbeam.output.ViewerSettings;
import org.radarbeam.store.LocalFileStore;
import org.radarbeam.store.ObjectStore;
import org.radarbeam.store.S3Connection;
import org.radarbeam.store.S3Location;
import org.radarbeam.store.S3ObjectStore;
import org.radarbeam.store.S3Regions;
import org.radarbeam.store.S3WritePolicy;

/**
 * Where a run writes: the images, the metadata (--dataPrefix) and the failure report, each a local
 * directory or an S3 prefix; and how S3 is reached, for outputs and s3:// inputs alike.
 *
 * @param failuresPath the failure report as users see it (a path or s3:// URI)
 * @param manifestFrames how many frames each folder's frames.json lists; 0 for none
 * @param viewer what the viewer page at the output root is told (basemap, where the legend is)
 */
record Outputs(ObjectStore images, ObjectStore data, ObjectStore failures, String failureKey, String failuresPath,
    S3Connection s3, int manifestFrames, ViewerSettings viewer) {
  private static final String PRIVATE_ACL = "private";
  /** Stands for the run id in --failures. */
  static final String RUN_ID = "{runId}";
  /** A month of 5-minute frames: a manifest a browser still reads at once. */
  private static final int MAX_MANIFEST_FRAMES = 8928;

  /** @param caCertsPem the CAs of --caCerts (PEM text, "" for none), trusted for the S3 endpoint too */
  static Outputs from(RunOptions r, S3StoreOptions s, String runId, String caCertsPem) throws InvalidOptionsException {
    String output = r.getOutput();
    if (OptionValues.isBlank(output)) {
      throw new InvalidOptionsException("--output is empty: give a directory or s3://bucket/prefix"
          + " (an empty --output= does not mean the default ./out)");
    }
    if (otherUrl(output)) {
      throw new InvalidOptionsException("--output=" + output + ": a local directory or s3://bucket/prefix");
    }
    String dataPrefix = dataPrefix(r);
    if (otherUrl(dataPrefix)) {
      throw new InvalidOptionsException("--dataPrefix=" + dataPrefix + ": a local directory or s3://bucket/prefix");
    }
    // {runId} gives every run a report of its own where a fixed --failures would have each replace the last
    String failures = !OptionValues.isBlank(r.getFailures()) ? r.getFailures().trim().replace(RUN_ID, runId)
        : output.replaceAll("/+$", "") + "/_failures/" + runId + ".jsonl";
    if (otherUrl(failures) || failures.endsWith("/")
        || failures.startsWith("s3://") && failures.indexOf('/', "s3://".length()) < 0) {
      throw new InvalidOptionsException("--failures must be a file path or s3://bucket/key, got " + failures);
    }
    int slash = failures.lastIndexOf('/');
    String failuresDir = slash < 0 ? "." : failures.substring(0, slash);
    String[] options = {"--output", "--dataPrefix", "--failures"};
    String[] locations = {output, dataPrefix, failures};
    for (int i = 0; i < locations.length; i++) {
      if (!locations[i].startsWith("s3://") && !FileNames.representable(locations[i])) {
        throw new InvalidOptionsException(options[i] + "=" + locations[i] + ": " + FileNames.unrepresentable());
      }
    }
    for (String loc : new String[] {output, dataPrefix, failuresDir}) {
      if (loc.startsWith("s3://")) {
        try {
          S3Location.parse(loc);
        } catch (IllegalArgumentException e) {
          throw new InvalidOptionsException(loc + ": " + e.getMessage());
        }
      }
    }
    S3Connection s3;
    S3WritePolicy policy;
    try {
      String region = OptionValues.isBlank(s.getS3Region()) ? S3Regions.fromEnvironment() : s.getS3Region();
      s3 = S3Connection.builder().region(region).pathStyle(s.getS3PathStyle()).endpoint(s.getS3Endpoint())
          .caCerts(caCertsPem).build();
      policy = new S3WritePolicy(s.getCacheControl(), s.getAcl());
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionsException(e.getMessage());
    }
    // the report names inputs and errors: never public, whatever ACL the images get
    S3WritePolicy report = new S3WritePolicy(null, policy.acl() == null ? null : PRIVATE_ACL);
    if (r.getManifestFrames() < 0 || r.getManifestFrames() > MAX_MANIFEST_FRAMES) {
      throw new InvalidOptionsException("--manifestFrames must be 0.." + MAX_MANIFEST_FRAMES + ", got "
          + r.getManifestFrames());
    }
    return new Outputs(store(output, s3, policy), store(dataPrefix, s3, policy), store(failuresDir, s3, report),
        failures.substring(slash + 1), failures, s3, r.getManifestFrames(), ViewerConfig.from(r, output, dataPrefix));
  }

  /** Whether {@code location} is a URL of a scheme other than s3://: outputs are local paths or S3. */
  private static boolean otherUrl(String location) {
    return location.contains("://") && !location.startsWith("s3://");
  }

  /** Metadata location: --dataPrefix, or the output with -data appended (iradar -> iradar-data). */
  static String dataPrefix(RunOptions o) {
    if (!OptionValues.isBlank(o.getDataPrefix())) {
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

  private static ObjectStore store(String location, S3Connection s3, S3WritePolicy policy) {
    return location.startsWith("s3://") ? S3ObjectStore.create(location, s3, policy) : new LocalFileStore(location);
  }
}
