package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.junit.jupiter.api.Test;
import org.radarbeam.pipeline.InvalidOptionsException;
import org.radarbeam.pipeline.RadarJob;
import org.radarbeam.pipeline.RadarOptions;

/**
 * Every container argument of the manifests goes through the pipeline's own option parsing
 * ({@code RadarJob.options}: Beam's parsing with validation, then every check of {@code RunConfig.from}), as
 * radar.jar does before any work: a misspelt option or a bad value fails the build.
 */
class PipelineOptionsTest {

  /** Parses as radar.jar does; throws what it reports as "invalid options" (exit status 2). */
  static RadarOptions parse(List<String> args) throws InvalidOptionsException {
    return RadarJob.options(args.toArray(new String[0]));
  }

  @Test
  void theCronJobsArgumentsAreValidRadarOptions() throws Exception {
    List<String> args = ContainerArgs.cronJobArgs();
    RadarOptions o = parse(args);
    assertEquals(6, o.getLatest());
    assertEquals(Duration.ofMinutes(4), Duration.parse(o.getTimeout()));
    assertTrue(o.getOutput().startsWith("s3://"), o.getOutput());
    assertEquals("dwd,shmu,chmi,imgw,omsz,arso", o.getSources());
    assertEquals(4, o.as(DirectOptions.class).getTargetParallelism());
    assertEquals("public, max-age=300", o.getCacheControl());
    assertFalse(o.getOverwrite());
    // each option once: a second one would silently win or be refused
    assertEquals(args.size(), args.stream().map(ContainerArgs::name).distinct().count(), args.toString());
  }

  @Test
  void everyConfigMapKeyIsUsedByTheCronJob() throws Exception {
    Set<String> used = new HashSet<>();
    for (String a : ContainerArgs.cronJobContainer().getArgs()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)").matcher(a);
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    io.fabric8.kubernetes.api.model.ConfigMap options =
        Manifests.typed(Manifests.only("ConfigMap"), io.fabric8.kubernetes.api.model.ConfigMap.class);
    assertEquals(options.getData().keySet(), used, "a ConfigMap key no argument uses is an option that is not applied");
  }

  /** The CronJob's arguments with the given ConfigMap values emptied, as Kubernetes expands them. */
  private static List<String> withEmptied(Set<String> keys) throws Exception {
    Container c = ContainerArgs.cronJobContainer();
    Map<String, String> env = new HashMap<>(ContainerArgs.environment(c));
    keys.forEach(k -> env.put(k, ""));
    return c.getArgs().stream().map(a -> ContainerArgs.expand(a, env, a)).toList();
  }

  @Test
  void anEmptyConfigMapValueMeansTheOptionsDefault() throws Exception {
    // as configmap.yaml says: every ConfigMap value but RADAR_OUTPUT emptied, the CronJob's arguments parse to the
    // defaults
    io.fabric8.kubernetes.api.model.ConfigMap options =
        Manifests.typed(Manifests.only("ConfigMap"), io.fabric8.kubernetes.api.model.ConfigMap.class);
    Set<String> emptied = new HashSet<>(options.getData().keySet());
    assertTrue(emptied.remove("RADAR_OUTPUT"));
    RadarOptions o = parse(withEmptied(emptied));
    RadarOptions defaults = parse(List.of());
    assertEquals(defaults.getLatest(), o.getLatest());
    assertEquals(defaults.getTimeout(), o.getTimeout());
    assertEquals(defaults.getSources(), o.getSources());
    assertEquals(defaults.getComposite(), o.getComposite());
    assertEquals(defaults.getCacheControl(), o.getCacheControl());
    assertEquals(defaults.as(DirectOptions.class).getTargetParallelism(), o.as(DirectOptions.class).getTargetParallelism());
  }

  /** An unset output would write into the pod's /tmp/out, which nobody reads, and report success: refused. */
  @Test
  void anEmptyOutputIsRefused() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> parse(withEmptied(Set.of("RADAR_OUTPUT"))));
    assertTrue(e.getMessage().startsWith("--output is empty"), e.getMessage());
  }

  @Test
  void aMisspeltOptionOrABadValueFails() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> parse(List.of("--latset=6")));
    assertTrue(e.getMessage().contains("latset"), e.getMessage());
    assertThrows(InvalidOptionsException.class, () -> parse(List.of("--latest=six")));
    assertThrows(InvalidOptionsException.class, () -> parse(List.of("--latest=6", "--timeout=4 minutes")));
    assertThrows(InvalidOptionsException.class, () -> parse(List.of("--providerUrl=dwd=ftp://x")));
  }

  @Test
  void anArgumentReferringToAnUndefinedVariableFails() {
    assertThrows(AssertionError.class,
        () -> ContainerArgs.expand("--output=$(RADAR_OUTPT)", java.util.Map.of("RADAR_OUTPUT", "s3://b/p"), "test"));
    assertEquals("--x=$(LITERAL)", ContainerArgs.expand("--x=$$(LITERAL)", java.util.Map.of(), "test"));
  }

  @Test
  void noArgumentCarriesACredential() throws Exception {
    // the Secret's variables have no value in ContainerArgs.environment(): referring to one fails there
    for (String a : ContainerArgs.cronJobArgs()) {
      assertFalse(a.toLowerCase().contains("secret") || a.toLowerCase().contains("accesskey"), a);
    }
  }

  // the FlinkDeployment's job.args

  /** Options of Beam's Flink runner (FlinkPipelineOptions) that the manifests may pass; not on this classpath. */
  static final Set<String> FLINK_RUNNER_OPTIONS = Set.of("runner", "flinkMaster", "parallelism", "maxParallelism",
      "attachedMode", "checkpointingInterval", "objectReuse", "fasterCopy");

  static FlinkDeploymentModel.FlinkDeployment flink() throws IOException {
    return Manifests.typed(Manifests.only("FlinkDeployment"), FlinkDeploymentModel.FlinkDeployment.class);
  }

  @Test
  void theFlinkJobsArgumentsAreValidRadarOptions() throws Exception {
    List<String> args = flink().spec().job().args();
    assertEquals("FlinkRunner", ContainerArgs.value(args, "runner"));
    for (String a : args) {
      assertFalse(a.contains("$("), "Flink passes job.args verbatim, nothing expands " + a);
    }
    // FlinkPipelineOptions lives in radar-flink.jar only: its options are checked against the list above here,
    // and parsed for real by theFlinkJobsArgumentsParseInsideRadarFlinkJar
    List<String> radar = args.stream().filter(a -> !FLINK_RUNNER_OPTIONS.contains(ContainerArgs.name(a)))
        .collect(Collectors.toList());
    RadarOptions o = parse(radar);
    assertNotNull(o.getFrom());
    assertNotNull(o.getTo());
    assertTrue(o.getInput().startsWith("s3://") && o.getOutput().startsWith("s3://"), o.getInput() + " " + o.getOutput());
    assertEquals(args.size(), args.stream().map(ContainerArgs::name).distinct().count(), args.toString());
  }

  /**
   * The job's arguments parsed by radar-flink.jar itself, in a class loader of its own (the jar and the Flink
   * jars of runners/flink/target/flink-lib, nothing of this test's class path), through FlinkJob's defaults:
   * FlinkPipelineOptions is registered there, so --runner=FlinkRunner and every Flink option are checked too.
   */
  @Test
  void theFlinkJobsArgumentsParseInsideRadarFlinkJar() throws Exception {
    Path module = Manifests.repo().resolve("runners/flink/target");
    Path jar = module.resolve("radar-flink.jar");
    Path lib = module.resolve("flink-lib");
    // runners/flink is built before this module (the runner dependency in k8s/pom.xml)
    assertTrue(Files.isRegularFile(jar) && Files.isDirectory(lib),
        jar + " and " + lib + " are not built (mvn -B install -DskipTests)");
    List<URL> urls = new ArrayList<>();
    urls.add(jar.toUri().toURL());
    try (Stream<Path> s = Files.list(lib)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
        urls.add(p.toUri().toURL());
      }
    }
    List<String> args = flink().spec().job().args();
    String entry = flink().spec().job().entryClass();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(cl);
      Class<?> entryClass = Class.forName(entry, false, cl);
      assertNotNull(entryClass.getMethod("main", String[].class), entry + " has no main");
      Method withDefaults = entryClass.getDeclaredMethod("withDefaults", String[].class);
      withDefaults.setAccessible(true);
      @SuppressWarnings("unchecked")
      List<String> full = (List<String>) withDefaults.invoke(null, (Object) args.toArray(new String[0]));
      Object runner = invoke(cl, full);
      assertEquals("org.apache.beam.runners.flink.FlinkRunner", ((Class<?>) runner).getName());

      // and the same path refuses a misspelt option
      List<String> bad = new ArrayList<>(full);
      bad.add("--parallelsim=4");
      InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> invoke(cl, bad));
      assertTrue(e.getCause().getClass().getSimpleName().equals("InvalidOptionsException")
          && e.getCause().getMessage().contains("parallelsim"), String.valueOf(e.getCause()));
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** RadarJob.options(args) inside the jar's class loader (as FlinkJob parses); returns getRunner(). */
  private static Object invoke(ClassLoader cl, List<String> args) throws Exception {
    Class<?> radarOptions = Class.forName("org.radarbeam.pipeline.RadarOptions", true, cl);
    Class<?> flinkOptions = Class.forName("org.apache.beam.runners.flink.FlinkPipelineOptions", true, cl);
    Object options = Class.forName("org.radarbeam.pipeline.RadarJob", true, cl).getMethod("options", String[].class)
        .invoke(null, (Object) args.toArray(new String[0]));
    Object flink = radarOptions.getMethod("as", Class.class).invoke(options, flinkOptions);
    return flinkOptions.getMethod("getRunner").invoke(flink);
  }
}
