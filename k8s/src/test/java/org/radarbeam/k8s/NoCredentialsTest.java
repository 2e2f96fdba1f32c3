package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No manifest, Dockerfile or deployment document holds a credential; the example Secret holds placeholders. */
class NoCredentialsTest {
  static final String PLACEHOLDER = "REPLACE_ME";

  /** AWS access key ids (AKIA... long-term, ASIA... temporary, and the other documented prefixes). */
  static final Pattern AWS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])");
  /** AWS secret access keys: 40 characters of base64. */
  static final Pattern AWS_SECRET = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
  static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
  /** Names that say "this is a credential". */
  static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|credential|access_?key|api_?key).*");

  /** Every file of the deployment: the manifests, the README, the Dockerfiles and their ignore files. */
  static List<Path> deploymentFiles() throws IOException {
    List<Path> out = new ArrayList<>(Manifests.files());
    out.add(Manifests.dir().getParent().resolve("README.md"));
    try (Stream<Path> s = Files.walk(Manifests.repo().resolve("src/main/docker"))) {
      out.addAll(s.filter(Files::isRegularFile).sorted().collect(Collectors.toList()));
    }
    return out;
  }

  static List<String> findings(String text) {
    List<String> out = new ArrayList<>();
    for (Pattern p : List.of(AWS_KEY_ID, AWS_SECRET, PRIVATE_KEY)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        out.add(m.group());
      }
    }
    return out;
  }

  @Test
  void noFileHoldsAnythingShapedLikeAKey() throws IOException {
    List<Path> files = deploymentFiles();
    assertTrue(files.size() >= 12, files.toString());
    for (Path f : files) {
      List<String> found = findings(Files.readString(f, StandardCharsets.UTF_8));
      assertEquals(List.of(), found, f + " holds what looks like a credential");
    }
  }

  @Test
  void theScannerFindsRealLookingKeys() {
    // assembled here, so that this file holds no key-shaped literal itself
    String id = "AKIA" + "IOSFODNN7" + "EXAMPLE";
    String secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
    assertEquals(List.of(id, secret), findings("AWS_ACCESS_KEY_ID: \"" + id + "\"\nAWS_SECRET_ACCESS_KEY: " + secret + "\n"));
    assertEquals(1, findings("-----BEGIN RSA " + "PRIVATE KEY-----").size());
    assertEquals(List.of(), findings("image: radar:0.1.0\njarURI: local:///opt/flink/usrlib/radar-flink.jar\n"));
  }

  @Test
  void theOnlySecretIsTheExampleWithPlaceholders() throws IOException {
    List<Manifests.Doc> secrets = Manifests.ofKind("Secret");
    assertEquals(1, secrets.size(), secrets.toString());
    assertEquals("secret-example.yaml", secrets.get(0).file.getFileName().toString());
    Secret s = Manifests.typed(secrets.get(0), Secret.class);
    assertTrue(s.getStringData() != null && !s.getStringData().isEmpty());
    for (Map.Entry<String, String> e : s.getStringData().entrySet()) {
      assertEquals(PLACEHOLDER, e.getValue(), "stringData." + e.getKey());
    }
    if (s.getData() != null) {
      for (Map.Entry<String, String> e : s.getData().entrySet()) {
        assertEquals(PLACEHOLDER, new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8),
            "data." + e.getKey());
      }
    }
  }

  @Test
  void noConfigMapKeyOrLiteralEnvHoldsACredential() throws IOException {
    for (Manifests.Doc d : Manifests.ofKind("ConfigMap")) {
      for (Iterator<String> it = d.node.path("data").fieldNames(); it.hasNext(); ) {
        String k = it.next();
        assertFalse(SECRET_NAME.matcher(k).matches(), d + ": " + k + " belongs in a Secret");
      }
    }
    List<Container> containers = new ArrayList<>();
    containers.add(ContainerArgs.cronJobContainer());
    FlinkDeploymentModel.FlinkDeployment flink = Manifests.typed(Manifests.only("FlinkDeployment"),
        FlinkDeploymentModel.FlinkDeployment.class);
    containers.addAll(flink.spec().podTemplate().getSpec().getContainers());
    for (Container c : containers) {
      for (var e : c.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : c.getEnv()) {
        if (SECRET_NAME.matcher(e.getName()).matches() || e.getName().startsWith("AWS_")) {
          assertNull(e.getValue(), c.getName() + ": " + e.getName() + " has a literal value");
          assertTrue(e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null, e.getName());
        }
      }
    }
  }

  @Test
  void noManifestFieldNamedLikeACredentialHasALiteralValueOutsideTheSecret() {
    for (Manifests.Doc d : Manifests.documents()) {
      if (d.kind().equals("Secret")) {
        continue;
      }
      List<String> bad = new ArrayList<>();
      walk(d.node, "", bad);
      assertEquals(List.of(), bad, d.toString());
    }
  }

  /** Fields like password: / token: / secretAccessKey: with a value (a secretKeyRef's key: names one, holds none). */
  private static void walk(JsonNode n, String path, List<String> bad) {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (SECRET_NAME.matcher(e.getKey()).matches() && e.getValue().isValueNode()
            && !e.getKey().equals("automountServiceAccountToken")) {
          bad.add(path + "." + e.getKey());
        }
        walk(e.getValue(), path + "." + e.getKey(), bad);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), path + "[" + i + "]", bad);
      }
    } else if (n.isTextual()) {
      String v = n.asText();
      // an argument like --awsSecretKey=... or --s3SecretKey=...
      if (v.startsWith("--") && SECRET_NAME.matcher(v.split("=", 2)[0]).matches()) {
        bad.add(path + ": " + v.split("=", 2)[0]);
      }
    }
  }
}
