package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Every option of a radarbeam run. Beam's own options (--runner, ...) work alongside. */
public interface RadarOptions extends PipelineOptions {
  @Description("Comma-separated source ids to render: dwd, shmu, chmi, imgw, and odim for any other ODIM_H5 composite"
      + " (OPERA, SMHI, ...) whose output folder --folder names.")
  @Default.String("dwd,shmu,chmi,imgw")
  String getSources();

  void setSources(String value);

  @Description("Input files: a local path, directory or glob (*, ?, **). {source} is replaced by each source id,"
      + " e.g. /data/{source}/*.h5. Required unless --help.")
  String getInput();

  void setInput(String value);

  @Description("Output directory; PNGs are written to {output}/{folder}/{unix_seconds}.png.")
  @Default.String("./out")
  String getOutput();

  void setOutput(String value);

  @Description("Output folder of the odim source (the other sources have fixed folders: germany, slovakia, czechia, poland).")
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

  @Description("PNG row filter: NONE, SUB or UP (NONE compresses the radar images smallest and fastest at levels 1-9; see README benchmark).")
  @Default.String("NONE")
  String getPngFilter();

  void setPngFilter(String value);

  @Description("Failure report (JSON lines: uri, source, nominalTime, kind, message); written only if a frame fails."
      + " Default: {output}/_failures/{run id}.jsonl.")
  String getFailures();

  void setFailures(String value);

  @Description("Run id used in the failure report name and the logs. Default: the UTC start time, e.g. 20261124T101500Z.")
  String getRunId();

  void setRunId(String value);
}
