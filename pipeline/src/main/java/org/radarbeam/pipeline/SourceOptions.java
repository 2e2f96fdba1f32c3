package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Which sources, where their files come from, and which nominal times a run covers. */
public interface SourceOptions extends PipelineOptions {
  @Description("Comma-separated source ids to render: dwd, shmu, chmi, imgw, omsz, arso (downloaded from their providers"
      + " or read from --input), and odim for any other ODIM_H5 composite read from --input (output folder --folder).")
  @Default.String("dwd,shmu,chmi,imgw,omsz,arso")
  String getSources();

  void setSources(String value);

  @Description("Read frames from files instead of the providers: a local path, directory or glob (*, ?, **), or an"
      + " archive template on local paths or s3:// with {source}, {yyyy}, {MM}, {dd}, {HH} placeholders, e.g."
      + " s3://raw/{source}/{yyyy}/{MM}/{dd}/* (only the prefixes inside the window are listed)."
      + " Default: download from the providers.")
  String getInput();

  void setInput(String value);

  @Description("Start of the time window, ISO-8601 UTC and inclusive, e.g. 2025-11-17T12:00Z (with --to)."
      + " Default: no range.")
  String getFrom();

  void setFrom(String value);

  @Description("End of the time window, ISO-8601 UTC and inclusive (with --from). Default: no range.")
  String getTo();

  void setTo(String value);

  @Description("Time window ending now, as an ISO-8601 duration, e.g. PT6H. Default: no window.")
  String getSince();

  void setSince(String value);

  @Description("Render the N newest available slots of each source, 1..10000. Default: 6 when neither a window nor"
      + " --input is given; with --input and no window, every file it matches.")
  Integer getLatest();

  void setLatest(Integer value);

  @Description("Output folder of the odim source: one path segment of letters, digits, '.', '_' or '-' (the other"
      + " sources have fixed folders: germany, slovakia, czechia, poland, hungary, slovenia).")
  @Default.String("odim")
  String getFolder();

  void setFolder(String value);
}
