package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scheduled launch: schedule, deadlines, retries, security, and memory set from the measured peak. */
class CronJobTest {
  /**
   * Peak RSS of a scheduled run, measured with bench/peak-rss.sh (the CronJob's arguments, the image's JVM flags,
   * -XX:MaxRAM=512m -XX:ActiveProcessorCount=2; the highest of its runs). README.md states the same number.
   */
  static final int MEASURED_PEAK_MIB = 316;

  private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

  @Test
  void runsEveryFiveMinutesOneAtATimeWithoutRetries() throws Exception {
    CronJob cron = ContainerArgs.cronJob();
    assertEquals("*/5 * * * *", cron.getSpec().getSchedule());
    assertEquals("Etc/UTC", cron.getSpec().getTimeZone());
    assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy());
    Long starting = cron.getSpec().getStartingDeadlineSeconds();
    assertNotNull(starting);
    assertTrue(starting > 0 && starting < 300, "startingDeadlineSeconds " + starting);
    assertTrue(cron.getSpec().getSuccessfulJobsHistoryLimit() >= 1);
    assertTrue(cron.getSpec().getFailedJobsHistoryLimit() >= 1);
    JobSpec job = cron.getSpec().getJobTemplate().getSpec();
    assertEquals(0, job.getBackoffLimit());
    assertEquals("Never", job.getTemplate().getSpec().getRestartPolicy());
  }

  @Test
  void theActiveDeadlineIsAboveTheRunsTimeoutAndBelowThePeriod() throws Exception {
    long active = ContainerArgs.cronJob().getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds();
    Duration timeout = Duration.parse(ContainerArgs.value(ContainerArgs.cronJobArgs(), "timeout"));
    // the run stops itself at --timeout with exit status 0; the deadline only catches a JVM that does not. Between
    // them: the failure report's write after a timeout (at most 20 s, RadarCommand) and the JVM's start and exit
    assertTrue(active >= timeout.getSeconds() + 20 + 15, "activeDeadlineSeconds " + active + " vs --timeout " + timeout);
    // a pod killed at its deadline has its grace period to print its summary, still before the next run is due
    long grace = ContainerArgs.cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
        .getTerminationGracePeriodSeconds();
    assertTrue(active + grace <= 300, "activeDeadlineSeconds " + active + " + grace " + grace + " reaches into the next run's slot");
  }

  @Test
  void runsAsNonRootOnAReadOnlyRootWithNoCapabilities() throws Exception {
    PodSpec pod = ContainerArgs.cronJob().getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
    // the image's numeric USER
    String dockerfile = Files.readString(Manifests.repo().resolve("src/main/docker/radar/Dockerfile"));
    Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)\\s*$").matcher(dockerfile);
    assertTrue(user.find(), "the radar image has no numeric USER uid:gid");
    assertEquals(Long.parseLong(user.group(1)), pod.getSecurityContext().getRunAsUser());
    assertEquals(Long.parseLong(user.group(2)), pod.getSecurityContext().getRunAsGroup());

    Container c = ContainerArgs.cronJobContainer();
    var sc = c.getSecurityContext();
    assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation());
    assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem());
    assertEquals(Boolean.FALSE, sc.getPrivileged());
    assertEquals(List.of("ALL"), sc.getCapabilities().getDrop());
    assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty());
    // /tmp is the one writable place: an emptyDir on disk (a memory-backed one would count against the limit)
    var mount = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow();
    Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
    assertNotNull(tmp.getEmptyDir());
    assertFalse("Memory".equals(tmp.getEmptyDir().getMedium()));
    assertNotNull(tmp.getEmptyDir().getSizeLimit());
  }

  static BigDecimal mib(Quantity q) {
    return Quantity.getAmountInBytes(q).divide(BigDecimal.valueOf(1024L * 1024L));
  }

  @Test
  void memoryIsSetFromTheMeasuredPeakWithHeadroom() throws Exception {
    var resources = ContainerArgs.cronJobContainer().getResources();
    BigDecimal limit = mib(resources.getLimits().get("memory"));
    BigDecimal request = mib(resources.getRequests().get("memory"));
    assertTrue(limit.compareTo(BigDecimal.valueOf(512)) <= 0, "limit " + limit + " MiB above the 512 MiB target");
    assertTrue(request.compareTo(BigDecimal.valueOf(MEASURED_PEAK_MIB)) >= 0, "request " + request + " MiB below the peak");
    assertTrue(request.compareTo(limit) <= 0);
    assertTrue(limit.compareTo(BigDecimal.valueOf(MEASURED_PEAK_MIB * 1.3)) >= 0,
        "limit " + limit + " MiB leaves less than 30% above the measured peak " + MEASURED_PEAK_MIB + " MiB");
    // the heap the image's JVM takes from this limit stays well inside it
    String dockerfile = Files.readString(Manifests.repo().resolve("src/main/docker/radar/Dockerfile"));
    Matcher pct = MAX_RAM_PERCENTAGE.matcher(dockerfile);
    assertTrue(pct.find(), "the radar image sets no -XX:MaxRAMPercentage");
    double heap = limit.doubleValue() * Double.parseDouble(pct.group(1)) / 100;
    assertTrue(heap <= limit.doubleValue() * 0.6, "heap " + heap + " MiB leaves too little for metaspace and code");
    // the measurement the limit rests on is the one README.md states
    String readme = Files.readString(Manifests.dir().getParent().resolve("README.md"));
    assertTrue(readme.contains(MEASURED_PEAK_MIB + " MiB"), "README.md does not state the measured peak");
    assertTrue(readme.contains(resources.getLimits().get("memory").toString()), "README.md does not state the limit");
  }

  @Test
  void cpuIsBoundedSoTheJvmSeesTheCoresItWasMeasuredWith() throws Exception {
    var resources = ContainerArgs.cronJobContainer().getResources();
    // without a CPU limit the JVM would count the node's cores (its render slots); the threads are fixed by
    // --targetParallelism: two per core, as radar.jar's default for downloads, with which memory was measured
    assertNotNull(resources.getLimits().get("cpu"));
    assertNotNull(resources.getRequests().get("cpu"));
    // the JVM counts whole cores of its limit (rounded up): ActiveProcessorCount as bench/peak-rss.sh sets it
    int cores = cores(resources.getLimits().get("cpu"));
    assertEquals(String.valueOf(2 * cores), ContainerArgs.value(ContainerArgs.cronJobArgs(), "targetParallelism"));
    // a run keeps about one core busy even while it waits (the Direct runner's scheduler, docs/kubernetes.md):
    // a smaller request lets a busy node slow the rendering towards --timeout
    assertTrue(Quantity.getAmountInBytes(resources.getRequests().get("cpu")).compareTo(BigDecimal.ONE) >= 0,
        "requests.cpu " + resources.getRequests().get("cpu"));
  }

  /** Whole cores of a CPU quantity ("2", "1500m"), rounded up as the JVM rounds a container's quota. */
  static int cores(Quantity cpu) {
    return Quantity.getAmountInBytes(cpu).setScale(0, java.math.RoundingMode.CEILING).intValueExact();
  }

  @Test
  void credentialsComeOnlyFromTheSecret() throws Exception {
    Container c = ContainerArgs.cronJobContainer();
    List<String> names = c.getEnv().stream().map(e -> e.getName()).sorted().toList();
    assertEquals(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), names);
    for (var e : c.getEnv()) {
      assertEquals(null, e.getValue(), e.getName() + " has a literal value");
      assertNotNull(e.getValueFrom().getSecretKeyRef(), e.getName());
    }
  }
}
