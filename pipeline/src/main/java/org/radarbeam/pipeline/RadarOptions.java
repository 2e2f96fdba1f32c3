package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Every option of a radarbeam run. Beam's own options (--runner, ...) work alongside. */
public interface RadarOptions extends PipelineOptions {
  @Description("Comma-separated source ids to render: dwd, shmu, chmi, imgw, omsz, arso (downloaded from their providers"
      + " or read from --input), and odim for any other ODIM_H5 composite read from --input (output folder --folder).")
  @Default.String("dwd,shmu,chmi,imgw,omsz,arso")
  String getSources();

  void setSources(String value);

  @Description("Read frames from files instead of the providers: a local path, directory or glob (*, ?, **), or an"
      + " archive template on local paths or s3:// with {source}, {yyyy}, {MM}, {dd}, {HH} placeholders, e.g."
      + " s3://raw/{source}/{yyyy}/{MM}/{dd}/* (only the prefixes inside the window are listed).")
  String getInput();

  void setInput(String value);

  @Description("Start of the time window, ISO-8601 UTC and inclusive, e.g. 2025-11-17T12:00Z (with --to).")
  String getFrom();

  void setFrom(String value);

  @Description("End of the time window, ISO-8601 UTC and inclusive (with --from).")
  String getTo();

  void setTo(String value);

  @Description("Time window ending now, as an ISO-8601 duration, e.g. PT6H.")
  String getSince();

  void setSince(String value);

  @Description("Render the N newest available slots of each source. The default when neither a window nor --input is"
      + " given: 6.")
  Integer getLatest();

  void setLatest(Integer value);

  @Description("Override provider base URLs (mirrors, tests): source=url pairs separated by commas, e.g."
      + " dwd=http://mirror/dwd,shmu=http://mirror/shmu.")
  String getProviderUrl();

  void setProviderUrl(String value);

  @Description("Most concurrent requests to one provider host.")
  @Default.Integer(4)
  int getMaxRequestsPerHost();

  void setMaxRequestsPerHost(int value);

  @Description("Attempts per provider request: timeouts, connection errors and 5xx are retried with exponential"
      + " backoff and jitter; 4xx is final.")
  @Default.Integer(4)
  int getHttpAttempts();

  void setHttpAttempts(int value);

  @Description("Timeout of one provider request, ISO-8601 duration.")
  @Default.String("PT60S")
  String getHttpTimeout();

  void setHttpTimeout(String value);

  @Description("S3 endpoint for S3-compatible stores (MinIO, Ceph, DigitalOcean Spaces, S3Proxy), e.g."
      + " https://fra1.digitaloceanspaces.com. Default: AWS. Credentials come only from the AWS default chain"
      + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, web identity).")
  String getS3Endpoint();

  void setS3Endpoint(String value);

  @Description("S3 region.")
  @Default.String("us-east-1")
  String getS3Region();

  void setS3Region(String value);

  @Description("Path-style S3 addressing (http://endpoint/bucket/key), needed by most S3-compatible stores.")
  @Default.Boolean(false)
  boolean getS3PathStyle();

  void setS3PathStyle(boolean value);

  @Description("Cache-Control header of the objects written to S3, e.g. \"public, max-age=300\".")
  String getCacheControl();

  void setCacheControl(String value);

  @Description("Canned ACL of the objects written to S3, e.g. public-read. Default: the bucket's.")
  String getAcl();

  void setAcl(String value);

  @Description("Where metadata goes (extent/{source}/extent_index.json). Default: the output with -data appended,"
      + " e.g. s3://bucket/iradar -> s3://bucket/iradar-data, ./out -> ./out-data.")
  String getDataPrefix();

  void setDataPrefix(String value);

  @Description("Output: a directory, or s3://bucket/prefix; PNGs are written to {output}/{folder}/{unix_seconds}.png.")
  @Default.String("./out")
  String getOutput();

  void setOutput(String value);

  @Description("Output folder of the odim source (the other sources have fixed folders: germany, slovakia, czechia,"
      + " poland, hungary, slovenia).")
  @Default.String("odim")
  String getFolder();

  void setFolder(String value);

  @Description("ODIM quantity to render; the first data set whose what/quantity matches is used.")
  @Default.String("DBZH")
  String getQuantity();

  void setQuantity(String value);

  @Description("Render and replace frames whose output already exists (otherwise they are skipped before their input is read).")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Description("List the inputs and print the key each would be written to; read no raster, write nothing.")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);

  @Description("Grid of the output images: webmercator (EPSG:3857, north up, as web maps place image overlays by their"
      + " WGS84 bounds; nearest neighbour onto GDAL's suggested warp grid) or native (the file's own grid).")
  @Default.String("webmercator")
  String getProjection();

  void setProjection(String value);

  @Description("Render threshold in dBZ: pixels below it are transparent.")
  @Default.Double(10.0)
  double getMinDbz();

  void setMinDbz(double value);

  @Description("Largest grid (width x height) accepted; larger files are refused before anything is allocated for them.")
  @Default.Long(50_000_000L)
  long getMaxPixels();

  void setMaxPixels(long value);

  @Description("zlib compression level of the PNGs, 0 (none) to 9 (smallest, slowest).")
  @Default.Integer(6)
  int getCompressionLevel();

  void setCompressionLevel(int value);

  @Description("PNG row filter: NONE, SUB or UP. NONE gave the smallest and fastest PNGs of the three at the default level"
      + " on the DWD frame (README, benchmark).")
  @Default.String("NONE")
  String getPngFilter();

  void setPngFilter(String value);

  @Description("Failure report (JSON lines: uri, source, nominalTime, kind, message); written only if a frame fails."
      + " Default: {output}/_failures/{run id}.jsonl.")
  String getFailures();

  void setFailures(String value);

  @Description("Bound on the whole run, ISO-8601 duration (e.g. PT4M). When it expires, work in flight is abandoned"
      + " (no partial objects: each is written whole or not at all), the summary says what was done, and the exit"
      + " status is 0: the next run continues where this one stopped. Default: no bound.")
  String getTimeout();

  void setTimeout(String value);

  @Description("Run id used in the failure report name and the logs. Default: the UTC start time, e.g. 20261124T101500Z.")
  String getRunId();

  void setRunId(String value);
}
