package org.radarbeam.k8s;

import java.util.List;
import java.util.Map;

/**
 * The fields of kustomize's Kustomization (kustomize.config.k8s.io/v1beta1) that radarbeam's kustomizations
 * use, as typed records. Loaded with {@link Manifests#strict()}: any other field fails the build.
 */
final class KustomizationModel {
  private KustomizationModel() {}

  record Kustomization(String apiVersion, String kind, String namespace, List<Label> labels, List<String> resources,
      List<String> configurations, List<Image> images) {}

  /** A transformer configuration file (kustomizeconfig.yaml, listed under configurations:). */
  record TransformerConfig(List<FieldSpec> images) {}

  record FieldSpec(String path, String kind, String group, String version, Boolean create) {}

  record Label(Map<String, String> pairs, Boolean includeSelectors, Boolean includeTemplates) {}

  record Image(String name, String newName, String newTag, String digest) {}
}
