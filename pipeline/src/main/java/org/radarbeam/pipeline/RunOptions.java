package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.radarbeam.output.ViewerSettings;

/** Where a run writes, what it redoes, and how long it may take. */
public interface RunOptions extends PipelineOptions {
  @Description("Output: a directory, or s3://bucket/prefix; PNGs are written to {output}/{folder}/{unix_seconds}.png.")
  @Default.String("./out")
  String getOutput();

  void setOutput(String value);

  @Description("Where metadata goes (extent/{source}/extent_index.json). Default: the output with -data appended,"
      + " e.g. s3://bucket/iradar -> s3://bucket/iradar-data, ./out -> ./out-data; for a bucket's root or . the"
      + " folder data in it (s3://bucket -> s3://bucket/data, . -> ./data).")
  String getDataPrefix();

  void setDataPrefix(String value);

  @Description("Render and replace frames whose output already exists (otherwise they are skipped before their input is read).")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Description("How many of a folder's newest frames {folder}/frames.json lists (rewritten after a run that wrote"
      + " frames there, from a listing of the folder), 0..8928 (a month of 5-minute frames); 0 writes none.")
  @Default.Integer(48)
  int getManifestFrames();

  void setManifestFrames(int value);

  @Description("Basemap of the viewer page {output}/index.html: a tile URL template with {z}, {x} and {y}, or none."
      + " Read when the page is written (when missing).")
  @Default.String(ViewerSettings.OSM_TILES)
  String getViewerBasemap();

  void setViewerBasemap(String value);

  @Description("Attribution the viewer page shows for its basemap (HTML, as Leaflet shows it). Default: OpenStreetMap's"
      + " for the default basemap, none for another.")
  String getViewerAttribution();

  void setViewerAttribution(String value);

  @Description("URL at which the viewer page reaches --dataPrefix (for the legend), relative to the page or absolute."
      + " Default: the relative path from the output to the data prefix when both are local or in the same bucket"
      + " (./out -> ../out-data/); otherwise the page shows no legend.")
  String getViewerDataUrl();

  void setViewerDataUrl(String value);

  @Description("List the inputs and log the key each would be written to; read no raster, write nothing.")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);

  @Description("Failure report (JSON lines: uri, source, nominalTime, kind, message); written only if a frame fails."
      + " A file path or s3://bucket/key, {runId} in it replaced by the run id (e.g."
      + " s3://private-bucket/radar-failures/{runId}.jsonl). Default: {output}/_failures/{run id}.jsonl.")
  String getFailures();

  void setFailures(String value);

  @Description("Bound on the whole run, ISO-8601 duration (e.g. PT4M). Provider requests are sent only in its first part"
      + " (the bound less one --httpTimeout and an eighth of it, at most 30 s, but at least two thirds of it): frames not"
      + " fetched by then are left for the next run, and the run writes its indexes and ends. When it expires, work in"
      + " flight is abandoned"
      + " (no partial objects: each is written whole or not at all), the summary says what was done, the failure"
      + " report lists what failed before, and the exit status is 0 (3 if something failed): the next run continues"
      + " where this one stopped. Default: no bound.")
  String getTimeout();

  void setTimeout(String value);

  @Description("Run id used in the failure report name, the job name and the logs: letters, digits, '.', '_' and"
      + " '-', at most 100. Default: the UTC start time and six random hex digits, e.g. 20261124T101500Z-3fa91c.")
  String getRunId();

  void setRunId(String value);
}
