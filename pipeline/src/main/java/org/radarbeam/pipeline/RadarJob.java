package org.radarbeam.pipeline;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.radarbeam.http.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one run path of radarbeam: options from arguments, then {@link #run} builds the graph and
 * starts it on whatever runner the options name. The Direct main, the Flink entry points and the
 * tests all go through here.
 */
public final class RadarJob {
  private static final Logger LOG = LoggerFactory.getLogger(RadarJob.class);

  private RadarJob() {}

  /**
   * Parses and validates command-line arguments. Values of enum options are accepted in any case;
   * without --runId the run id is the UTC time now and six random hex digits, and without --jobName the job is
   * named after it.
   *
   * @throws InvalidOptionsException anything that cannot work, in one line that names the option
   */
  public static RadarOptions options(String... args) throws InvalidOptionsException {
    PipelineOptionsFactory.register(RadarOptions.class);
    RadarOptions options;
    try {
      args = withoutEmptyValues(args);
      options = PipelineOptionsFactory.fromArgs(normalise(args)).withValidation().as(RadarOptions.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionsException(parserMessage(String.valueOf(e.getMessage())));
    }
    options.setRunId(RunConfig.runId(options));
    if (!Args.has(Arrays.asList(args), "jobName")) {
      options.setJobName("radarbeam-" + options.getRunId().toLowerCase(Locale.ROOT));
    }
    config(options);
    return options;
  }

  private static final Pattern UNKNOWN = Pattern.compile("Class interface \\S+ missing a property named '([^']*)'\\.\\s*(.*)");
  private static final Pattern NOT_AN_OPTION = Pattern.compile("Argument '(.*)' does not begin with '--'");

  /** Beam's parser's message in the user's terms: options as they are typed, not the interface's properties. */
  static String parserMessage(String message) {
    Matcher m = UNKNOWN.matcher(message);
    if (m.matches()) {
      Matcher one = Pattern.compile("Did you mean '(\\w+)'\\?").matcher(m.group(2));
      Matcher some = Pattern.compile("Did you mean one of \\[(.*)]\\?").matcher(m.group(2));
      String hint = one.matches() ? " (did you mean --" + one.group(1) + "?)"
          : some.matches() ? " (did you mean one of --" + some.group(1).replace(", ", ", --") + "?)" : "";
      return "unknown option --" + m.group(1) + hint;
    }
    m = NOT_AN_OPTION.matcher(message);
    if (m.matches()) {
      return "'" + m.group(1) + "' is not an option: options are written --name=value";
    }
    return message;
  }

  /**
   * The validated configuration of a run; build it once per run and pass it to {@link #run(RadarOptions,
   * RunConfig)}, so that what the summary reports is what ran.
   */
  public static RunConfig config(RadarOptions options) throws InvalidOptionsException {
    try {
      return RunConfig.from(options);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionsException(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Checks the outputs (unless a dry run), builds the pipeline and starts it. Whether {@code run}
   * blocks until the pipeline ends is the runner's choice; call {@link PipelineResult#waitUntilFinish}.
   *
   * @throws InvalidOptionsException options that cannot work
   * @throws IOException an output (local or S3) that cannot be used
   */
  public static PipelineResult run(RadarOptions options) throws InvalidOptionsException, IOException {
    return run(options, config(options), 0);
  }

  /**
   * As {@link #run(RadarOptions)}, with the configuration already built from {@code options}.
   *
   * @param workers the worker threads that run the graph in this JVM (the Direct runner's
   *     --targetParallelism), among which frames are dealt in a few bundles each; 0 for a runner that
   *     spreads keys over parallel instances of its own (Flink), where each frame gets a key of its own
   */
  public static PipelineResult run(RadarOptions options, RunConfig config, int workers)
      throws InvalidOptionsException, IOException {
    if (!config.dryRun()) {
      Preflight.check(config);
    }
    LOG.info("run {}: sources {}, {}, window {}, output {}{}", config.runId(), String.join(",", config.sources().keySet()),
        config.fromFiles() ? "input " + Redaction.redact(config.input()) : "from the providers", config.window(),
        Redaction.redact(options.getOutput()), config.dryRun() ? " (dry run)" : "");
    Pipeline p = Pipeline.create(options);
    RadarPipeline.build(p, config, workers);
    if ("DirectRunner".equals(options.getRunner().getSimpleName())) {
      InvokerWarmUp.start(p); // this JVM runs the steps: their invokers are made while the runner prepares
    }
    return p.run();
  }

  /**
   * The arguments without those whose value is empty ({@code --timeout=}): an empty value means the
   * option's default, so a launch that passes every option from a variable (the CronJob's ConfigMap)
   * can leave one unset, whatever the option's type. Not {@code --output=}: its default, ./out, is a
   * folder inside a container that nobody reads, so an unset output fails instead of writing there.
   */
  static String[] withoutEmptyValues(String[] args) {
    return Arrays.stream(args).filter(a -> !(a.startsWith("--") && a.indexOf('=') > 2
        && a.substring(a.indexOf('=') + 1).isBlank() && !a.startsWith("--output="))).toArray(String[]::new);
  }

  /**
   * The arguments with each enum option's value rewritten to its constant, so that
   * {@code --projection=native} works, and each of radarbeam's options checked where Beam's parser
   * would not name it: an unknown enum value (refused with the values that are), a number or flag
   * that is none, an option given twice.
   */
  static String[] normalise(String[] args) throws InvalidOptionsException {
    List<String> out = new ArrayList<>(args.length);
    Map<String, String> seen = new HashMap<>();
    for (String a : args) {
      out.add(normaliseOne(a, seen));
    }
    return out.toArray(new String[0]);
  }

  /** One argument of {@link #normalise}; {@code seen} holds the values of the options before it. */
  private static String normaliseOne(String arg, Map<String, String> seen) throws InvalidOptionsException {
    int eq = arg.indexOf('=');
    if (!arg.startsWith("--") || eq < 0) {
      return arg;
    }
    String name = arg.substring(2, eq);
    String value = arg.substring(eq + 1).trim();
    for (Class<?> group : OptionsHelp.GROUPS) {
      for (Method m : OptionsHelp.getters(group)) {
        if (!OptionsHelp.name(m).equals(name)) {
          continue;
        }
        String before = seen.put(name, value);
        if (before != null) {
          throw new InvalidOptionsException("--" + name + " is given twice (" + before + ", " + value + ")");
        }
        Class<?> type = m.getReturnType();
        if (type.isEnum()) {
          for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(value)) {
              return "--" + name + "=" + ((Enum<?>) c).name();
            }
          }
          throw new InvalidOptionsException("--" + name + " must be one of "
              + OptionsHelp.enumValues(type, ", ") + ", got " + value);
        }
        requireScalar(name, type, value);
        return arg;
      }
    }
    requireBeamScalar(name, value);
    return arg;
  }

  /**
   * Checks a number or flag of Beam's own options (--targetParallelism, --parallelism) as radarbeam's are,
   * where Beam's parser would answer with its JSON reader's message, which names no option.
   */
  private static void requireBeamScalar(String name, String value) throws InvalidOptionsException {
    if (name.isEmpty()) {
      return;
    }
    String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Class<? extends PipelineOptions> group : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method m : group.getMethods()) {
        if (m.getParameterCount() == 0 && (m.getName().equals("get" + suffix) || m.getName().equals("is" + suffix))) {
          requireScalar(name, m.getReturnType(), value);
          return;
        }
      }
    }
  }

  private static void requireScalar(String name, Class<?> type, String value) throws InvalidOptionsException {
    try {
      if (type == int.class || type == Integer.class) {
        Integer.parseInt(value);
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(value);
      } else if (type == double.class || type == Double.class) {
        Double.parseDouble(value);
      }
    } catch (NumberFormatException e) {
      throw new InvalidOptionsException("--" + name + " must be a " + (type == double.class || type == Double.class
          ? "number" : "whole number") + ", got " + value);
    }
    if ((type == boolean.class || type == Boolean.class) && !value.equalsIgnoreCase("true")
        && !value.equalsIgnoreCase("false")) {
      throw new InvalidOptionsException("--" + name + " must be true or false, got " + value);
    }
  }
}
