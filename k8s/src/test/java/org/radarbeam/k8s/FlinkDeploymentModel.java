package org.radarbeam.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * The Flink Kubernetes Operator's FlinkDeployment (flink.apache.org/v1beta1) as typed records: the fields of
 * its CRD that a radarbeam deployment may use, with the CRD's types and enumerations. The operator's own Java
 * model (org.apache.flink:flink-kubernetes-operator-api) is not served by the Maven repository here. Loaded with
 * {@link Manifests#strict()}, a field that is not here fails the build: add it (as the CRD types it) before
 * using it. Pod templates are fabric8's typed Pod.
 */
final class FlinkDeploymentModel {
  private FlinkDeploymentModel() {}

  record FlinkDeployment(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {}

  record Spec(
      String image,
      String imagePullPolicy,
      String serviceAccount,
      FlinkVersion flinkVersion,
      Mode mode,
      Map<String, String> flinkConfiguration,
      Map<String, String> logConfiguration,
      Pod podTemplate,
      JobManagerSpec jobManager,
      TaskManagerSpec taskManager,
      JobSpec job,
      Long restartNonce) {}

  record Resource(Double cpu, String memory, String ephemeralStorage) {}

  record JobManagerSpec(Resource resource, Integer replicas, Pod podTemplate) {}

  record TaskManagerSpec(Resource resource, Integer replicas, Pod podTemplate) {}

  record JobSpec(
      String jarURI,
      String entryClass,
      Integer parallelism,
      List<String> args,
      JobState state,
      UpgradeMode upgradeMode,
      Boolean allowNonRestoredState,
      String initialSavepointPath,
      Long savepointTriggerNonce,
      Long checkpointTriggerNonce,
      Long savepointRedeployNonce) {}

  enum FlinkVersion { v1_15, v1_16, v1_17, v1_18, v1_19, v1_20 }

  enum Mode {
    @JsonProperty("native") NATIVE,
    @JsonProperty("standalone") STANDALONE
  }

  enum JobState { running, suspended }

  enum UpgradeMode {
    @JsonProperty("stateless") STATELESS,
    @JsonProperty("savepoint") SAVEPOINT,
    @JsonProperty("last-state") LAST_STATE
  }
}
