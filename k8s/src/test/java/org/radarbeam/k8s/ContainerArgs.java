package org.radarbeam.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container's arguments as the kubelet hands them to the process: $(VAR) expanded from its environment. */
final class ContainerArgs {
  private static final Pattern REF = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private ContainerArgs() {}

  static CronJob cronJob() throws IOException {
    return Manifests.typed(Manifests.only("CronJob"), CronJob.class);
  }

  static Container cronJobContainer() throws IOException {
    List<Container> cs = cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers();
    if (cs.size() != 1) {
      throw new AssertionError("the CronJob has " + cs.size() + " containers");
    }
    return cs.get(0);
  }

  /** The CronJob container's arguments, expanded. */
  static List<String> cronJobArgs() throws IOException {
    return expand(cronJobContainer());
  }

  /**
   * The container's environment as far as the manifests define it: envFrom ConfigMaps first, then env entries
   * with a literal value (which may refer to earlier ones). Variables from Secrets have no value here: an
   * argument that refers to one fails the test, as a credential must never be in the arguments.
   */
  static Map<String, String> environment(Container c) throws IOException {
    Map<String, ConfigMap> maps = new LinkedHashMap<>();
    for (Manifests.Doc d : Manifests.ofKind("ConfigMap")) {
      ConfigMap m = Manifests.typed(d, ConfigMap.class);
      maps.put(m.getMetadata().getName(), m);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
      if (from.getConfigMapRef() == null) {
        continue;
      }
      ConfigMap m = maps.get(from.getConfigMapRef().getName());
      if (m == null) {
        throw new AssertionError("envFrom names a ConfigMap that is not in the manifests: " + from.getConfigMapRef().getName());
      }
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      m.getData().forEach((k, v) -> env.put(prefix + k, v));
    }
    for (EnvVar v : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      if (v.getValue() != null) {
        env.put(v.getName(), expand(v.getValue(), env, "env " + v.getName()));
      } else {
        env.remove(v.getName());
      }
    }
    return env;
  }

  static List<String> expand(Container c) throws IOException {
    Map<String, String> env = environment(c);
    List<String> out = new ArrayList<>();
    for (String a : c.getArgs()) {
      out.add(expand(a, env, "argument " + a));
    }
    return out;
  }

  /** Kubernetes' expansion: $(VAR) is replaced, $$ is a literal $; an undefined $(VAR) fails here. */
  static String expand(String s, Map<String, String> env, String where) {
    Matcher m = REF.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "$";
      } else if (env.containsKey(m.group(1))) {
        replacement = env.get(m.group(1));
      } else {
        throw new AssertionError(where + " refers to $(" + m.group(1) + "), which no ConfigMap or literal env defines");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** The option name of {@code --name=value} (or {@code --name}). */
  static String name(String arg) {
    if (!arg.startsWith("--")) {
      throw new AssertionError("not an option: " + arg);
    }
    int eq = arg.indexOf('=');
    return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
  }

  static String value(List<String> args, String name) {
    for (String a : args) {
      if (name(a).equals(name)) {
        int eq = a.indexOf('=');
        return eq < 0 ? "true" : a.substring(eq + 1);
      }
    }
    return null;
  }
}
