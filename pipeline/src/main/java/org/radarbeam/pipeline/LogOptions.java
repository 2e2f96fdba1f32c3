package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How radar.jar logs. On a Flink cluster the cluster's logging configuration decides. */
public interface LogOptions extends PipelineOptions {
  /** Levels of --logLevel, most severe first. */
  enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

  /** Formats of --logFormat. */
  enum LogFormat { TEXT, JSON }

  @Description("Least severe log level shown on stderr: error, warn, info, debug or trace.")
  @Default.Enum("INFO")
  LogLevel getLogLevel();

  void setLogLevel(LogLevel value);

  @Description("Log format: text (one line per event) or json (one object per line: time, level, logger, message and"
      + " the event's fields such as source, uri, key, kind; the run summary is then one JSON object on stdout).")
  @Default.Enum("TEXT")
  LogFormat getLogFormat();

  void setLogFormat(LogFormat value);
}
