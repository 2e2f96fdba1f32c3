package org.radarbeam.pipeline;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Prints every radarbeam option, grouped as {@link RadarOptions} composes them, with its description and default. */
final class OptionsHelp {
  /** The option groups in the order --help shows them. */
  static final List<Class<?>> GROUPS = List.of(SourceOptions.class, ProviderOptions.class, S3StoreOptions.class,
      RenderOptions.class, CompositeOptions.class, RunOptions.class, LogOptions.class);
  private static final List<String> TITLES = List.of("Sources and time window", "Providers and HTTP", "S3",
      "Rendering", "Composite", "Output and run", "Logging");

  private OptionsHelp() {}

  static void print(PrintStream out) {
    out.println("radarbeam: render radar composites into transparent, colour-scaled PNG overlays for web maps.");
    out.println();
    out.println("usage: java -jar radar.jar [--sources=dwd,shmu,...] [--latest=N | --from=T --to=T | --since=D]");
    out.println("                           [--input=PATH|GLOB|TEMPLATE] [--output=DIR|s3://bucket/prefix] [options]");
    out.println("Without --input, frames are downloaded from the providers; without a window, --latest=6.");
    for (int g = 0; g < GROUPS.size(); g++) {
      out.println();
      out.println(TITLES.get(g) + ":");
      for (Method m : getters(GROUPS.get(g))) {
        out.println("  --" + name(m) + "=<" + type(m) + ">");
        out.println("      " + m.getAnnotation(Description.class).value());
        String def = defaultOf(m);
        if (def != null) {
          out.println("      default: " + def);
        }
      }
    }
    out.println();
    out.println("Values of the options with a fixed set (projection, arsoGrid, pixelPlacement, pngFilter, logLevel,");
    out.println("logFormat) are accepted in any case.");
    out.println("Beam options work alongside, e.g. --jobName=NAME (default radarbeam-{run id in lower case}); radar.jar");
    out.println("runs on the Direct runner (--targetParallelism=N worker threads, default two per core for downloads and");
    out.println("one per core for local files; at most one frame per core renders at a time), radar-flink.jar on Flink");
    out.println("(--parallelism=N, --flinkMaster=HOST:PORT). --help=DirectOptions lists the former with Beam's");
    out.println("defaults (radar.jar's differ: --enforceImmutability and --enforceEncodability default to false, and");
    out.println("--blockOnRun is ignored, since radar.jar waits for the run itself), radar-flink.jar's");
    out.println("--help=FlinkPipelineOptions the latter.");
    out.println();
    out.println("Exit status: 0 every frame rendered or skipped; 3 some failed, or an --input pattern could not be");
    out.println("listed, and the rest were written;");
    out.println("1 nothing matched, all failed, or the output is not usable; 2 invalid options (reported before");
    out.println("any work); 4 the run crashed. A run stopped by --timeout exits 0, or 3 if a frame failed before it;");
    out.println("one stopped by SIGTERM or Ctrl-C prints its summary, then exits 143 or 130.");
  }

  /** The option getters an interface declares, by name. */
  static List<Method> getters(Class<?> group) {
    List<Method> out = new ArrayList<>();
    for (Method m : group.getDeclaredMethods()) {
      if (m.getName().startsWith("get") && m.getAnnotation(Description.class) != null) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(Method::getName));
    return out;
  }

  /** The option name of a getter: getMaxPixels -> maxPixels. */
  static String name(Method getter) {
    return Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
  }

  private static String type(Method m) {
    Class<?> t = m.getReturnType();
    return t.isEnum() ? enumValues(t, "|") : t.getSimpleName();
  }

  /** The constants of an enum option as users write them: lower case, joined by {@code separator}. */
  static String enumValues(Class<?> enumType, String separator) {
    return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(separator));
  }

  private static String defaultOf(Method m) {
    if (m.getAnnotation(Default.String.class) != null) {
      return m.getAnnotation(Default.String.class).value();
    }
    if (m.getAnnotation(Default.Enum.class) != null) {
      return m.getAnnotation(Default.Enum.class).value().toLowerCase(Locale.ROOT);
    }
    if (m.getAnnotation(Default.Boolean.class) != null) {
      return String.valueOf(m.getAnnotation(Default.Boolean.class).value());
    }
    if (m.getAnnotation(Default.Double.class) != null) {
      return String.valueOf(m.getAnnotation(Default.Double.class).value());
    }
    if (m.getAnnotation(Default.Long.class) != null) {
      return String.valueOf(m.getAnnotation(Default.Long.class).value());
    }
    if (m.getAnnotation(Default.Integer.class) != null) {
      return String.valueOf(m.getAnnotation(Default.Integer.class).value());
    }
    return null; // the description says what happens without it
  }
}
