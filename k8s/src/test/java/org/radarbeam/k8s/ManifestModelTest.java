package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every manifest loads into its typed Kubernetes model; the kustomizations tie every file together. */
class ManifestModelTest {

  @TestFactory
  Stream<DynamicTest> everyManifestLoadsIntoItsTypedModel() {
    List<Manifests.Doc> docs = Manifests.documents();
    assertTrue(docs.size() >= 10, "manifests found: " + docs);
    return docs.stream().map(d -> DynamicTest.dynamicTest(d.toString(), () -> {
      Object typed = Manifests.typed(d);
      assertNotNull(typed);
      if (!d.kind().equals("Kustomization") && !Manifests.isTransformerConfig(d)) {
        assertFalse(d.name().isEmpty(), d + " has no metadata.name");
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyManifestSurvivesARoundTripThroughItsModelUnchanged() {
    // nothing is dropped or reinterpreted on the way: the model holds exactly what the file says
    return Manifests.documents().stream().map(d -> DynamicTest.dynamicTest(d.toString(), () ->
        {
          JsonNode back = Manifests.strict().valueToTree(Manifests.typed(d));
          assertTrue(Manifests.sameTree(d.node, back), d + "\n  file:  " + d.node + "\n  model: " + back);
        }));
  }

  @Test
  void theKindsAreTheExpectedOnes() {
    Set<String> kinds = Manifests.documents().stream().filter(d -> !Manifests.isTransformerConfig(d))
        .map(Manifests.Doc::typeKey).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Manifests.MODELS.keySet()), kinds);
  }

  // the checks above would be worthless if the strict loading let mistakes through: these prove it does not

  private static Exception loadFails(String yaml) {
    return assertThrows(Exception.class, () -> {
      for (Manifests.Doc d : Manifests.documents(Path.of("bad.yaml"), yaml)) {
        Manifests.typed(d);
      }
    });
  }

  private static String cronJob() throws IOException {
    return Files.readString(Manifests.dir().resolve("cronjob.yaml"));
  }

  @Test
  void aMisspeltFieldFailsEvenDeepInsideAPodSpec() throws IOException {
    String yaml = cronJob().replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true");
    assertTrue(loadFails(yaml).getMessage().contains("readOnlyRootFileSystem"));
    assertTrue(loadFails(cronJob().replace("concurrencyPolicy:", "concurrencypolicy:")).getMessage()
        .contains("concurrencypolicy"));
  }

  @Test
  void aValueOfTheWrongTypeFails() throws IOException {
    loadFails(cronJob().replace("backoffLimit: 0", "backoffLimit: \"0\""));
    loadFails(cronJob().replace("runAsNonRoot: true", "runAsNonRoot: \"true\""));
    loadFails(cronJob().replace("activeDeadlineSeconds: 285", "activeDeadlineSeconds: 4.5"));
    loadFails("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  RADAR_LATEST: 6\n");
    loadFails("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  RADAR_S3_PATH_STYLE: false\n");
  }

  @Test
  void aDuplicateKeyFails() {
    loadFails("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  A: \"1\"\n  A: \"2\"\n");
  }

  @Test
  void theFlinkDeploymentModelIsAsStrict() throws IOException {
    String flink = Files.readString(Manifests.dir().resolve("reprocess/flinkdeployment.yaml"));
    assertTrue(loadFails(flink.replace("    args:", "    argz:")).getMessage().contains("argz"));
    loadFails(flink.replace("upgradeMode: stateless", "upgradeMode: laststate"));
    loadFails(flink.replace("flinkVersion: v1_19", "flinkVersion: \"1.19\""));
    loadFails(flink.replace("parallelism: 4", "parallelism: \"4\""));
    loadFails(flink.replace("taskmanager.numberOfTaskSlots: \"2\"", "taskmanager.numberOfTaskSlots: 2"));
    // the pod template is fabric8's Pod
    loadFails(flink.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalations: false"));
  }

  @Test
  void theFlinkClusterServesItsMetricsToPrometheus() throws IOException {
    FlinkDeploymentModel.FlinkDeployment flink = Manifests.typed(Manifests.only("FlinkDeployment"),
        FlinkDeploymentModel.FlinkDeployment.class);
    Map<String, String> conf = flink.spec().flinkConfiguration();
    assertEquals("org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
        conf.get("metrics.reporter.prom.factory.class"));
    String port = conf.get("metrics.reporter.prom.port");
    var pod = flink.spec().podTemplate();
    assertEquals("true", pod.getMetadata().getAnnotations().get("prometheus.io/scrape"));
    assertEquals(port, pod.getMetadata().getAnnotations().get("prometheus.io/port"));
    var containerPort = pod.getSpec().getContainers().get(0).getPorts().get(0);
    assertEquals("metrics", containerPort.getName());
    assertEquals(Integer.parseInt(port), containerPort.getContainerPort());
  }

  /**
   * The Flink pods meet the "restricted" Pod Security Standard as the CronJob's pod does (runAsNonRoot, seccomp,
   * no privilege escalation, no capabilities), the TaskManagers carry no API token, and nothing can be uploaded
   * through the REST API to run beside the S3 credentials.
   */
  @Test
  void theFlinkPodsAreRestricted() throws IOException {
    FlinkDeploymentModel.FlinkDeployment flink = Manifests.typed(Manifests.only("FlinkDeployment"),
        FlinkDeploymentModel.FlinkDeployment.class);
    var pod = flink.spec().podTemplate().getSpec();
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertTrue(pod.getSecurityContext().getRunAsUser() > 0);
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    var container = pod.getContainers().get(0);
    assertEquals("flink-main-container", container.getName());
    assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
    assertTrue(container.getSecurityContext().getCapabilities().getAdd() == null
        || container.getSecurityContext().getCapabilities().getAdd().isEmpty());
    assertEquals(Boolean.FALSE, flink.spec().taskManager().podTemplate().getSpec().getAutomountServiceAccountToken());
    // kustomize's labels do not reach a FlinkDeployment's pods: the template carries them
    assertEquals("radarbeam", flink.spec().podTemplate().getMetadata().getLabels().get("app.kubernetes.io/part-of"));
    assertEquals("false", flink.spec().flinkConfiguration().get("web.submit.enable"));
    // no Kubernetes HA: with it the TaskManagers would need their token to find the leader
    assertFalse(flink.spec().flinkConfiguration().containsKey("high-availability.type"));
    assertFalse(flink.spec().flinkConfiguration().containsKey("high-availability"));
  }

  @Test
  void anUnknownKindFails() {
    assertThrows(AssertionError.class, () -> Manifests.typed(
        Manifests.documents(Path.of("x.yaml"), "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n").get(0)));
  }

  // the kustomizations

  private static KustomizationModel.Kustomization kustomization(Path dir) throws IOException {
    return Manifests.typed(Manifests.documents(dir.resolve("kustomization.yaml")).get(0),
        KustomizationModel.Kustomization.class);
  }

  @Test
  void theKustomizationsListEveryManifestButTheExampleSecret() throws IOException {
    Path k8s = Manifests.dir();
    List<String> listed = new ArrayList<>();
    for (Path dir : List.of(k8s, k8s.resolve("reprocess"))) {
      KustomizationModel.Kustomization k = kustomization(dir);
      assertEquals("radarbeam", k.namespace(), dir + "/kustomization.yaml");
      List<String> files = new ArrayList<>(k.resources());
      if (k.configurations() != null) {
        files.addAll(k.configurations());
      }
      for (String r : files) {
        assertTrue(Files.isRegularFile(dir.resolve(r)), dir + "/kustomization.yaml lists a missing " + r);
        listed.add(k8s.relativize(dir.resolve(r).normalize()).toString());
      }
    }
    Set<String> expected = Manifests.files().stream().map(p -> k8s.relativize(p).toString())
        .filter(p -> !p.endsWith("kustomization.yaml") && !p.equals("secret-example.yaml"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, new TreeSet<>(listed));
    assertEquals(listed.size(), new TreeSet<>(listed).size(), "a file is listed twice: " + listed);
    // applying the example would replace the real Secret with placeholders
    assertFalse(listed.contains("secret-example.yaml"));
  }

  @Test
  void everyNamespacedManifestIsInTheKustomizationsNamespace() {
    for (Manifests.Doc d : Manifests.documents()) {
      if (Manifests.isTransformerConfig(d)) {
        continue;
      }
      String ns = d.node.path("metadata").path("namespace").asText("radarbeam");
      if (!d.kind().equals("Namespace")) {
        assertEquals("radarbeam", ns, d.toString());
      } else {
        assertEquals("radarbeam", d.name());
      }
    }
  }

  @Test
  void everyReferenceResolves() throws IOException {
    Set<String> accounts = new TreeSet<>();
    for (Manifests.Doc d : Manifests.ofKind("ServiceAccount")) {
      accounts.add(Manifests.typed(d, ServiceAccount.class).getMetadata().getName());
    }
    CronJob cron = Manifests.typed(Manifests.only("CronJob"), CronJob.class);
    var pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertTrue(accounts.contains(pod.getServiceAccountName()), pod.getServiceAccountName());
    ConfigMap options = Manifests.typed(Manifests.only("ConfigMap"), ConfigMap.class);
    Secret secret = Manifests.typed(Manifests.only("Secret"), Secret.class);
    var container = pod.getContainers().get(0);
    assertEquals(options.getMetadata().getName(), container.getEnvFrom().get(0).getConfigMapRef().getName());
    for (var env : container.getEnv()) {
      var ref = env.getValueFrom().getSecretKeyRef();
      assertEquals(secret.getMetadata().getName(), ref.getName(), env.getName());
      assertTrue(secret.getStringData().containsKey(ref.getKey()), ref.getKey());
    }

    FlinkDeploymentModel.FlinkDeployment flink = Manifests.typed(Manifests.only("FlinkDeployment"),
        FlinkDeploymentModel.FlinkDeployment.class);
    assertTrue(accounts.contains(flink.spec().serviceAccount()), flink.spec().serviceAccount());
    for (var env : flink.spec().podTemplate().getSpec().getContainers().get(0).getEnv()) {
      var ref = env.getValueFrom().getSecretKeyRef();
      assertEquals(secret.getMetadata().getName(), ref.getName(), env.getName());
      assertTrue(secret.getStringData().containsKey(ref.getKey()), ref.getKey());
    }
    RoleBinding binding = Manifests.typed(Manifests.only("RoleBinding"), RoleBinding.class);
    Role role = Manifests.typed(Manifests.only("Role"), Role.class);
    assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
    assertEquals(flink.spec().serviceAccount(), binding.getSubjects().get(0).getName());
  }

  @Test
  void helperParsesMultiDocumentFiles() throws JsonProcessingException, IOException {
    assertEquals(2, Manifests.documents(Path.of("m.yaml"),
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: ServiceAccount\n"
            + "metadata:\n  name: b\n").size());
  }
}
