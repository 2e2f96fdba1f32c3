package org.radarbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bench/peak-rss.sh measures the CronJob's own arguments, as it reads them from the manifests. */
class BenchScriptTest {
  @Test
  void theBenchmarkRunsTheCronJobsExactArguments() throws Exception {
    Path script = Manifests.repo().resolve("bench/peak-rss.sh");
    assertTrue(Files.isExecutable(script), script + " is not executable");
    Process p = new ProcessBuilder("bash", script.toString(), "--print-args").redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    List<String> fromScript = out.lines().toList();
    assertEquals(ContainerArgs.cronJobArgs(), fromScript);
  }
}
