package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Every file the Dockerfiles COPY (build context: the repository root) is what a module's build produces at that
 * path, and the images fit the manifests that run them.
 */
class DockerfileTest {

  /** One COPY of a Dockerfile: sources relative to the build context, and the destination. */
  record Copy(Path dockerfile, List<String> sources, String destination) {}

  static List<Path> dockerfiles() throws IOException {
    try (Stream<Path> s = Files.walk(Manifests.repo().resolve("src/main/docker"))) {
      return s.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().collect(Collectors.toList());
    }
  }

  /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
  static List<String> instructions(Path dockerfile) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      String t = line.strip();
      if (t.startsWith("#") || t.isEmpty() && cur.length() == 0) {
        continue;
      }
      if (t.endsWith("\\")) {
        cur.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      cur.append(t);
      out.add(cur.toString().strip());
      cur.setLength(0);
    }
    return out;
  }

  static List<Copy> copies(Path dockerfile) throws IOException {
    List<Copy> out = new ArrayList<>();
    for (String ins : instructions(dockerfile)) {
      String[] w = ins.split("\\s+");
      if (!w[0].equalsIgnoreCase("COPY") && !w[0].equalsIgnoreCase("ADD")) {
        continue;
      }
      List<String> rest = new ArrayList<>(Arrays.asList(w).subList(1, w.length));
      if (rest.stream().anyMatch(a -> a.startsWith("--from="))) {
        continue; // from another stage or image, not from the build context
      }
      rest.removeIf(a -> a.startsWith("--"));
      assertTrue(rest.size() >= 2, dockerfile + ": " + ins);
      out.add(new Copy(dockerfile, rest.subList(0, rest.size() - 1), rest.get(rest.size() - 1)));
    }
    return out;
  }

  static String instruction(Path dockerfile, String keyword) throws IOException {
    return instructions(dockerfile).stream().filter(i -> i.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
        .findFirst().orElseThrow(() -> new AssertionError(dockerfile + " has no " + keyword));
  }

  /** The finalName values a module's pom.xml configures (the build's and the shade plugin's). */
  static Set<String> finalNames(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(pom.toFile());
    NodeList names = doc.getElementsByTagName("finalName");
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < names.getLength(); i++) {
      out.add(names.item(i).getTextContent().strip());
    }
    return out;
  }

  @Test
  void thereAreTheTwoImages() throws IOException {
    List<String> names = dockerfiles().stream().map(p -> p.getParent().getFileName().toString()).sorted()
        .collect(Collectors.toList());
    assertEquals(List.of("radar", "radar-flink"), names);
  }

  @TestFactory
  Stream<DynamicTest> everyCopiedFileIsWhatAModuleBuildsAtThatPath() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path df : dockerfiles()) {
      for (Copy c : copies(df)) {
        for (String src : c.sources()) {
          tests.add(DynamicTest.dynamicTest(Manifests.repo().relativize(df) + ": COPY " + src, () -> checkSource(df, src)));
        }
      }
    }
    assertEquals(2, tests.size(), "one jar per image");
    return tests.stream();
  }

  private static void checkSource(Path dockerfile, String src) throws Exception {
    assertFalse(src.contains("*") || src.contains("..") || src.startsWith("/"), "COPY " + src + ": one plain path, please");
    // it goes through the build context's filter (BuildKit's Dockerfile.dockerignore beside the Dockerfile)
    Path ignore = dockerfile.resolveSibling("Dockerfile.dockerignore");
    assertTrue(Files.readAllLines(ignore).contains("!" + src), ignore + " does not let " + src + " into the context");
    // and through the root's, for builders that read only that one
    Path rootIgnore = Manifests.repo().resolve(".dockerignore");
    assertTrue(Files.readAllLines(rootIgnore).contains("!" + src), rootIgnore + " does not let " + src + " into the context");
    assertTrue(Files.readAllLines(rootIgnore).contains("*"), rootIgnore + " sends more than the jars");

    int t = src.indexOf("/target/");
    assertTrue(t > 0, src + " is not a build output (<module>/target/<file>)");
    Path module = Manifests.repo().resolve(src.substring(0, t));
    String file = src.substring(t + "/target/".length());
    Path pom = module.resolve("pom.xml");
    assertTrue(Files.isRegularFile(pom), "COPY " + src + ": module " + module + " does not exist");
    Set<String> produced = finalNames(pom).stream().map(n -> n + ".jar").collect(Collectors.toSet());
    assertTrue(produced.contains(file), pom + " produces " + produced + ", not " + file);

    Path jar = Manifests.repo().resolve(src);
    // both runner modules are built before this one (the runner dependencies in k8s/pom.xml)
    assertTrue(Files.isRegularFile(jar), src + " does not exist: build the runners first (mvn -B install -DskipTests)");
    String main = src.startsWith("runners/flink/") ? "org.radarbeam.flink.FlinkMain" : "org.radarbeam.direct.RadarMain";
    try (JarFile j = new JarFile(jar.toFile())) {
      assertEquals(main, j.getManifest().getMainAttributes().getValue("Main-Class"), src);
      assertNotNull(j.getEntry("org/radarbeam/pipeline/RadarOptions.class"), src);
    }
  }

  private static Path dockerfile(String image) {
    return Manifests.repo().resolve("src/main/docker/" + image + "/Dockerfile");
  }

  @Test
  void theRadarImageRunsTheJarItCopiesAsANumericNonRootUser() throws IOException {
    Path df = dockerfile("radar");
    assertEquals("FROM eclipse-temurin:17-jre", instruction(df, "FROM"));
    Copy jar = copies(df).get(0);
    assertEquals(List.of("runners/direct/target/radar.jar"), jar.sources());
    assertEquals("ENTRYPOINT [\"java\", \"-jar\", \"" + jar.destination() + "\"]", instruction(df, "ENTRYPOINT"));
    Matcher user = Pattern.compile("USER (\\d+):(\\d+)").matcher(instruction(df, "USER"));
    assertTrue(user.matches());
    assertTrue(Integer.parseInt(user.group(1)) >= 1000, "uid " + user.group(1));
    String env = instruction(df, "ENV");
    for (String flag : List.of("-XX:MaxRAMPercentage=", "-XX:InitialRAMPercentage=25", "-XX:+ExitOnOutOfMemoryError",
        "-XX:+UseSerialGC", "-XX:PretenureSizeThreshold=1m", "-XX:TieredStopAtLevel=1")) {
      assertTrue(env.startsWith("ENV JAVA_TOOL_OPTIONS=") && env.contains(flag), env);
    }
    // the USER line comes after everything that needs root
    List<String> ins = instructions(df);
    int userAt = ins.indexOf(instruction(df, "USER"));
    assertTrue(ins.subList(userAt, ins.size()).stream().noneMatch(i -> i.startsWith("RUN ") || i.startsWith("COPY ")));
  }

  @Test
  void theRadarImageMapsTheClassArchiveItsOwnTrainingRunWrote() throws Exception {
    Path df = dockerfile("radar");
    List<String> ins = instructions(df);
    String jar = copies(df).get(0).destination();
    Matcher training = Pattern.compile("RUN java -XX:ArchiveClassesAtExit=(\\S+) .*-cp " + Pattern.quote(jar)
        + " org\\.radarbeam\\.direct\\.CdsTraining.*").matcher(ins.stream()
        .filter(i -> i.contains("CdsTraining")).findFirst().orElse(""));
    assertTrue(training.matches(), "no training RUN for the class-data-sharing archive in " + df);
    String env = instruction(df, "ENV");
    assertTrue(env.contains("-XX:SharedArchiveFile=" + training.group(1)), env);
    // trained after the jar is in place, and without the runtime flags that would map the archive it writes
    int run = ins.indexOf(training.group());
    // with the pod's heap: compressed pointers as in the pod, else the pod's JVM maps no archive
    assertTrue(training.group().contains("-XX:MaxRAM=512m"), training.group());
    assertTrue(ins.indexOf(instruction(df, "COPY")) < run && run < ins.indexOf(env), ins.toString());
    Path built = Manifests.repo().resolve(copies(df).get(0).sources().get(0));
    try (JarFile j = new JarFile(built.toFile())) {
      assertNotNull(j.getEntry("org/radarbeam/direct/CdsTraining.class"), built.toString());
      for (String frame : List.of("dwd/composite_dmax_20251117_1500-hd5", "omsz/radar_composite-refl2D-20251117_1500.nc.zip",
          "arso/si0-zm.srd")) {
        assertNotNull(j.getEntry("cds/" + frame), built + " lacks its training frame " + frame);
      }
    }
  }

  @Test
  void theFlinkImageIsTheOfficialOneWithTheJobJarWhereTheFlinkDeploymentLooksForIt() throws Exception {
    Path df = dockerfile("radar-flink");
    assertEquals("FROM flink:1.19-java17", instruction(df, "FROM"));
    Copy jar = copies(df).get(0);
    assertEquals(List.of("runners/flink/target/radar-flink.jar"), jar.sources());
    assertEquals("/opt/flink/usrlib/radar-flink.jar", jar.destination());
    FlinkDeploymentModel.FlinkDeployment flink = PipelineOptionsTest.flink();
    assertEquals("local://" + jar.destination(), flink.spec().job().jarURI());
    assertEquals(FlinkDeploymentModel.FlinkVersion.v1_19, flink.spec().flinkVersion());
    assertEquals(FlinkDeploymentModel.Mode.NATIVE, flink.spec().mode());
    assertTrue(flink.spec().image().startsWith("radar-flink:"), flink.spec().image());

    // the job jar is built against the Flink line the image and the FlinkDeployment run
    Path flinkPom = Manifests.repo().resolve("runners/flink/pom.xml");
    Matcher v = Pattern.compile("<flink.version>([0-9.]+)</flink.version>").matcher(Files.readString(flinkPom));
    assertTrue(v.find(), flinkPom + " has no flink.version");
    assertTrue(v.group(1).startsWith("1.19."), v.group(1));
    Path built = Manifests.repo().resolve(jar.sources().get(0));
    assertTrue(Files.isRegularFile(built), built + " is not built (runners/flink is built before this module)");
    try (JarFile j = new JarFile(built.toFile())) {
      String entry = flink.spec().job().entryClass().replace('.', '/') + ".class";
      assertNotNull(j.getEntry(entry), built + " has no " + entry);
      assertTrue(j.stream().noneMatch(e -> e.getName().startsWith("org/apache/flink/runtime/")),
          "the Flink runtime belongs to the image, not the job jar");
    }
  }
}
