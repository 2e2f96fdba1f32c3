package org.radarbeam.pipeline;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Prints every radarbeam option with its description and default, from {@link RadarOptions}. */
final class OptionsHelp {
  private OptionsHelp() {}

  static void print(PrintStream out) {
    out.println("radarbeam: render radar composites into transparent, colour-scaled PNG overlays for web maps.");
    out.println();
    out.println("usage: java -jar radar.jar [--sources=dwd,shmu,...] [--latest=N | --from=T --to=T | --since=D]");
    out.println("                           [--input=PATH|GLOB|TEMPLATE] [--output=DIR|s3://bucket/prefix] [options]");
    out.println("Without --input, frames are downloaded from the providers; without a window, --latest=6.");
    out.println();
    out.println("Options:");
    Method[] methods = RadarOptions.class.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method m : methods) {
      Description d = m.getAnnotation(Description.class);
      if (d == null || !m.getName().startsWith("get")) {
        continue;
      }
      String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      out.println("  --" + name + "=<" + m.getReturnType().getSimpleName() + ">");
      out.println("      " + d.value());
      String def = defaultOf(m);
      out.println("      default: " + (def == null ? "(none)" : def));
    }
    out.println();
    out.println("Beam options work alongside, e.g. --runner=DirectRunner (the default) and --targetParallelism=N;");
    out.println("--help=DirectOptions (or another Beam options interface) lists them.");
    out.println();
    out.println("Exit status: 0 every frame rendered or skipped; 3 some failed and the rest were written;");
    out.println("1 nothing matched, all failed, or the output is not usable; 2 invalid options (reported before");
    out.println("any work). A run stopped by --timeout exits 0.");
  }

  private static String defaultOf(Method m) {
    if (m.getAnnotation(Default.String.class) != null) {
      return m.getAnnotation(Default.String.class).value();
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
    return null;
  }
}
