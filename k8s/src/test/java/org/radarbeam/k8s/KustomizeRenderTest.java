package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kustomizations rendered by kustomize itself ({@code kubectl kustomize}, offline), where kubectl is
 * installed; skipped elsewhere. The typed checks of the other tests do not need it.
 */
class KustomizeRenderTest {
  @TempDir Path tmp;

  static Path kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Paths.get(dir, "kubectl");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static List<Manifests.Doc> render(Path dir) throws Exception {
    Path kubectl = kubectl();
    assumeTrue(kubectl != null, "skipped: kubectl is not installed");
    Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ": " + err);
    return Manifests.documents(dir.resolve("rendered.yaml"), out);
  }

  @Test
  void theScheduledLaunchRendersIntoItsNamespaceWithTypedObjects() throws Exception {
    List<Manifests.Doc> docs = render(Manifests.dir());
    assertEquals(List.of("Namespace", "ServiceAccount", "ConfigMap", "CronJob"),
        docs.stream().map(Manifests.Doc::kind).collect(Collectors.toList()));
    for (Manifests.Doc d : docs) {
      Manifests.typed(d);
      if (!d.kind().equals("Namespace")) {
        assertEquals("radarbeam", d.node.path("metadata").path("namespace").asText(), d.toString());
      }
      assertEquals("radarbeam", d.node.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(), d.toString());
    }
    assertEquals("radar:0.1.0", docs.get(3).node.at("/spec/jobTemplate/spec/template/spec/containers/0/image").asText());
    // the pods carry it too, so a selector on part-of finds them
    assertEquals("radarbeam",
        docs.get(3).node.at("/spec/jobTemplate/spec/template/metadata/labels/app.kubernetes.io~1part-of").asText());
    // and the Jobs, whose labels come from the job template alone: kubernetes.md's `get jobs -l` finds them
    for (String label : List.of("name=radarbeam", "component=scheduled-launch", "part-of=radarbeam")) {
      String[] kv = label.split("=");
      assertEquals(kv[1], docs.get(3).node.at("/spec/jobTemplate/metadata/labels/app.kubernetes.io~1" + kv[0]).asText(),
          label);
    }
  }

  @Test
  void theReprocessingRendersAndSetImageReachesTheFlinkDeployment() throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("reprocess"));
    try (Stream<Path> s = Files.list(Manifests.dir().resolve("reprocess"))) {
      for (Path f : s.collect(Collectors.toList())) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    // what `kustomize edit set image radar-flink=registry.example.com/radarbeam/radar-flink:0.2.0` writes
    Path k = copy.resolve("kustomization.yaml");
    Files.writeString(k, Files.readString(k).replace("    newTag: 0.1.0",
        "    newName: registry.example.com/radarbeam/radar-flink\n    newTag: 0.2.0"));
    List<Manifests.Doc> docs = render(copy);
    Manifests.Doc flink = docs.stream().filter(d -> d.kind().equals("FlinkDeployment")).findFirst().orElseThrow();
    Manifests.typed(flink);
    assertEquals("radarbeam", flink.node.path("metadata").path("namespace").asText());
    assertEquals("registry.example.com/radarbeam/radar-flink:0.2.0", flink.node.at("/spec/image").asText());
    for (Manifests.Doc d : docs) {
      assertEquals("radarbeam", d.node.path("metadata").path("namespace").asText(), d.toString());
    }
  }

  @Test
  void theRenderedOutputOfTheScheduledLaunchHasNoSecret() throws Exception {
    assertTrue(render(Manifests.dir()).stream().noneMatch(d -> d.kind().equals("Secret")));
  }

}
