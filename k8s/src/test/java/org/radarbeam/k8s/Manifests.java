package org.radarbeam.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The manifests of this module (every *.yaml below k8s/, outside target/ and src/), split into documents, and
 * a strict mapper that loads each into its typed model: an unknown field, a wrong type or a duplicate key
 * fails.
 */
final class Manifests {
  private Manifests() {}

  /** The typed model of each (apiVersion, kind) the manifests may use; anything else fails the build. */
  static final Map<String, Class<?>> MODELS = Map.of(
      "v1/Namespace", Namespace.class,
      "v1/ServiceAccount", ServiceAccount.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "batch/v1/CronJob", CronJob.class,
      "rbac.authorization.k8s.io/v1/Role", Role.class,
      "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class,
      "flink.apache.org/v1beta1/FlinkDeployment", FlinkDeploymentModel.FlinkDeployment.class,
      "kustomize.config.k8s.io/v1beta1/Kustomization", KustomizationModel.Kustomization.class);

  /** One YAML document of a manifest file. */
  static final class Doc {
    final Path file;
    final int index;
    final JsonNode node;

    Doc(Path file, int index, JsonNode node) {
      this.file = file;
      this.index = index;
      this.node = node;
    }

    String apiVersion() {
      return node.path("apiVersion").asText("");
    }

    String kind() {
      return node.path("kind").asText("");
    }

    String name() {
      return node.path("metadata").path("name").asText("");
    }

    String typeKey() {
      return apiVersion() + "/" + kind();
    }

    @Override
    public String toString() {
      return (file.isAbsolute() ? dir().relativize(file) : file) + (index > 0 ? "#" + index : "") + " (" + kind() + " " + name() + ")";
    }
  }

  /** The module directory k8s/ (surefire and failsafe run in it; the reactor too). */
  static Path dir() {
    Path here = Paths.get("").toAbsolutePath();
    if (Files.isRegularFile(here.resolve("kustomization.yaml"))) {
      return here;
    }
    if (Files.isRegularFile(here.resolve("k8s/kustomization.yaml"))) {
      return here.resolve("k8s");
    }
    throw new IllegalStateException("k8s/kustomization.yaml not found from " + here);
  }

  /** The repository root (the Docker build context). */
  static Path repo() {
    return dir().getParent();
  }

  static List<Path> files() {
    Path dir = dir();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !dir.relativize(p).startsWith("target") && !dir.relativize(p).startsWith("src"))
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Doc> documents() {
    List<Doc> out = new ArrayList<>();
    for (Path f : files()) {
      out.addAll(documents(f));
    }
    return out;
  }

  static List<Doc> documents(Path f) {
    try {
      return documents(f, Files.readString(f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Doc> documents(Path f, String yaml) throws IOException {
    List<Doc> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = strict().readerFor(JsonNode.class).readValues(yaml)) {
      int i = 0;
      while (it.hasNextValue()) {
        JsonNode n = it.nextValue();
        boolean empty = n == null || n.isNull() || n.isMissingNode() || n.isTextual() && n.asText().isBlank();
        if (!empty) {
          out.add(new Doc(f, i, n));
        }
        i++;
      }
    }
    return out;
  }

  static List<Doc> ofKind(String kind) {
    return documents().stream().filter(d -> !isTransformerConfig(d) && d.kind().equals(kind)).collect(Collectors.toList());
  }

  static Doc only(String kind) {
    List<Doc> docs = ofKind(kind);
    if (docs.size() != 1) {
      throw new AssertionError("expected one " + kind + ", found " + docs);
    }
    return docs.get(0);
  }

  /** The document as its typed model, strictly. */
  static <T> T typed(Doc d, Class<T> type) throws IOException {
    return strict().treeToValue(d.node, type);
  }

  /** Equal trees, numbers compared by value (YAML's 2 and the model's 2.0 are the same CPU count). */
  static boolean sameTree(JsonNode a, JsonNode b) {
    return a.equals((x, y) -> {
      if (x.isNumber() && y.isNumber()) {
        return Double.compare(x.doubleValue(), y.doubleValue()) == 0 ? 0 : 1;
      }
      return x.equals(y) ? 0 : 1;
    }, b);
  }

  /** kustomize transformer configurations: no apiVersion or kind, recognised by their file name. */
  static boolean isTransformerConfig(Doc d) {
    return d.file.getFileName().toString().equals("kustomizeconfig.yaml");
  }

  static Object typed(Doc d) throws IOException {
    if (isTransformerConfig(d)) {
      return typed(d, KustomizationModel.TransformerConfig.class);
    }
    Class<?> type = MODELS.get(d.typeKey());
    if (type == null) {
      throw new AssertionError(d + ": no typed model for " + d.typeKey() + " (known: " + MODELS.keySet() + ")");
    }
    return typed(d, type);
  }

  private static volatile ObjectMapper strict;

  /**
   * A YAML mapper that fails on unknown fields (fabric8's models collect them in additionalProperties through
   * {@code @JsonAnySetter}; that is switched off here), on scalars of the wrong type (a string where Kubernetes
   * wants an integer or a boolean, a number or boolean where it wants a string), on null primitives and on
   * duplicate keys.
   */
  static ObjectMapper strict() {
    ObjectMapper m = strict;
    if (m == null) {
      YAMLMapper y = YAMLMapper.builder(YAMLFactory.builder().build())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .annotationIntrospector(new JacksonAnnotationIntrospector() {
            private static final long serialVersionUID = 1L;

            @Override
            public Boolean hasAnySetter(Annotated a) {
              return Boolean.FALSE;
            }
          })
          .build();
      for (CoercionInputShape shape : new CoercionInputShape[] {
          CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
        y.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
      }
      y.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      y.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
      y.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      y.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
      y.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      strict = m = y;
    }
    return m;
  }
}
