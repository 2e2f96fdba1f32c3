package org.radarbeam.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radarbeam.pipeline.ExitStatus;
import org.radarbeam.pipeline.RadarCommand;

/** The parts of bin/submit and FlinkJob that need no cluster. */
class ClientSideTest {
  /** The text of Beam's __metricscontainers accumulator as Flink's REST API shows it (abridged from a real run). */
  static final String ACCUMULATOR = "{\n  \"metrics\": {\n    \"attempted\": [{\n"
      + "      \"urn\": \"beam:metric:user:sum_int64:v1\",\n      \"type\": \"beam:metrics:sum_int64:v1\",\n"
      + "      \"payload\": \"IQ==\",\n      \"labels\": {\n        \"NAMESPACE\": \"radarbeam\",\n"
      + "        \"NAME\": \"objects_written\",\n        \"PTRANSFORM\": \"WriteObjects/ParMultiDo(WriteObjects)\"\n      }\n"
      + "    }, {\n      \"urn\": \"beam:metric:user:sum_int64:v1\",\n      \"type\": \"beam:metrics:sum_int64:v1\",\n"
      + "      \"payload\": \"nuDQCw==\",\n      \"labels\": {\n        \"NAMESPACE\": \"radarbeam\",\n"
      + "        \"NAME\": \"bytes_written\",\n        \"PTRANSFORM\": \"WriteObjects/ParMultiDo(WriteObjects)\"\n      }\n"
      + "    }, {\n      \"urn\": \"beam:metric:user:sum_int64:v1\",\n      \"type\": \"beam:metrics:sum_int64:v1\",\n"
      + "      \"payload\": \"JA==\",\n      \"labels\": {\n        \"NAMESPACE\": \"radarbeam\",\n"
      + "        \"NAME\": \"frames_listed\",\n        \"PTRANSFORM\": \"ListFiles/Expand\"\n      }\n"
      + "    }, {\n      \"urn\": \"beam:metric:user:sum_int64:v1\",\n      \"type\": \"beam:metrics:sum_int64:v1\",\n"
      + "      \"payload\": \"IA==\",\n      \"labels\": {\n        \"NAMESPACE\": \"radarbeam\",\n"
      + "        \"NAME\": \"frames_rendered\",\n        \"PTRANSFORM\": \"RenderFrames/Render\"\n      }\n"
      + "    }, {\n      \"urn\": \"beam:metric:user:sum_int64:v1\",\n      \"type\": \"beam:metrics:sum_int64:v1\",\n"
      + "      \"payload\": \"AQ==\",\n      \"labels\": {\n        \"NAMESPACE\": \"radarbeam\",\n"
      + "        \"NAME\": \"frames_rendered\",\n        \"PTRANSFORM\": \"RenderFrames/Other\"\n      }\n"
      + "    }, {\n      \"urn\": \"beam:metric:user:sum_int64:v1\",\n      \"type\": \"beam:metrics:sum_int64:v1\",\n"
      + "      \"payload\": \"Aw==\",\n      \"labels\": {\n        \"NAMESPACE\": \"radarbeam\",\n"
      + "        \"NAME\": \"frames_skipped\",\n        \"PTRANSFORM\": \"SkipExisting/DropExisting\"\n      }\n"
      + "    }, {\n      \"urn\": \"beam:metric:user:sum_int64:v1\",\n      \"type\": \"beam:metrics:sum_int64:v1\",\n"
      + "      \"payload\": \"BQ==\",\n      \"labels\": {\n        \"NAMESPACE\": \"other\",\n"
      + "        \"NAME\": \"frames_failed\",\n        \"PTRANSFORM\": \"X\"\n      }\n"
      + "    }, {\n      \"urn\": \"beam:metric:user:distribution_int64:v1\",\n"
      + "      \"payload\": \"AQIDBA==\",\n      \"labels\": {\n        \"NAMESPACE\": \"radarbeam\",\n"
      + "        \"NAME\": \"newest_frame.dwd\",\n        \"PTRANSFORM\": \"X\"\n      }\n    }]\n  }\n}";

  @Test
  void beamCountersAreSummedOverStepsFromTheAccumulatorText() throws Exception {
    ClusterCounters c = ClusterCounters.fromAccumulatorText(ACCUMULATOR);
    assertEquals(36, c.get("frames_listed"));
    assertEquals(33, c.get("frames_rendered")); // 32 + 1 over two steps
    assertEquals(3, c.get("frames_skipped"));
    assertEquals(33, c.get("objects_written"));
    assertEquals(24391710, c.get("bytes_written"));
    assertEquals(0, c.get("frames_failed"), "counters of other namespaces are not radarbeam's");
    assertFalse(c.all().containsKey("newest_frame.dwd"), "distributions are not counters");
    assertTrue(c.line().startsWith("counters: frames_listed=36 frames_skipped=3 frames_rendered=33 frames_failed=0"),
        c.line());
  }

  /** The rule itself is ExitStatusTest's; here: each counter reaches it in its place. */
  @Test
  void theClustersCountersGoToTheExitRule() throws Exception {
    assertEquals(ExitStatus.NOTHING_DONE, ClusterCounters.fromAccumulatorText(null).exitStatus(), "nothing listed");
    assertEquals(ExitStatus.OK, ClusterCounters.fromAccumulatorText(ACCUMULATOR).exitStatus());
    assertEquals(ExitStatus.SOME_FAILED, counters(4, 1, 2, 1).exitStatus());
    assertEquals(ExitStatus.NOTHING_DONE, counters(2, 0, 0, 2).exitStatus(), "all failed");
    assertEquals(ExitStatus.NOTHING_DONE, counters(5, 0, 0, 0, 5).exitStatus(), "all outside the window, as on Direct");
    assertEquals(ExitStatus.OK, counters(5, 0, 3, 0, 2).exitStatus());
  }

  private static ClusterCounters counters(long listed, long skipped, long rendered, long failed) throws Exception {
    return counters(listed, skipped, rendered, failed, 0);
  }

  private static ClusterCounters counters(long listed, long skipped, long rendered, long failed, long outside)
      throws Exception {
    StringBuilder sb = new StringBuilder("{\"metrics\": {\"attempted\": [");
    String[] names = {"frames_listed", "frames_skipped", "frames_rendered", "frames_failed", "frames_outside_window"};
    long[] values = {listed, skipped, rendered, failed, outside};
    for (int i = 0; i < names.length; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"urn\": \"").append(ClusterCounters.SUM_INT64)
          .append("\", \"payload\": \"").append(java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) values[i]}))
          .append("\", \"labels\": {\"NAMESPACE\": \"radarbeam\", \"NAME\": \"").append(names[i]).append("\"}}");
    }
    return ClusterCounters.fromAccumulatorText(sb.append("]}}").toString());
  }

  @Test
  void varints() {
    assertEquals(0, ClusterCounters.varint(new byte[] {0}));
    assertEquals(300, ClusterCounters.varint(new byte[] {(byte) 0xac, 0x02}));
    assertEquals(24391710, ClusterCounters.varint(java.util.Base64.getDecoder().decode("nuDQCw==")));
  }

  @Test
  void theJobGetsTheFlinkRunnerAutoMasterAndDetachedSubmission() {
    assertEquals(List.of("--input=x", "--runner=FlinkRunner", "--flinkMaster=[auto]", "--attachedMode=false"),
        FlinkJob.withDefaults(new String[] {"--input=x"}));
    assertEquals(List.of("--runner=DirectRunner", "--flinkMaster=[local]", "--attachedMode=true"),
        FlinkJob.withDefaults(new String[] {"--runner=DirectRunner", "--flinkMaster=[local]", "--attachedMode=true"}));
  }

  @Test
  void theClientMainRunsOnFlinkUnlessARunnerIsNamed() {
    assertEquals(List.of("--input=x", "--runner=FlinkRunner"), List.of(FlinkMain.withRunner(new String[] {"--input=x"})));
    assertEquals(List.of("--runner=DirectRunner"), List.of(FlinkMain.withRunner(new String[] {"--runner=DirectRunner"})));
  }

  /** In application mode the job's main waits for the job the same way: refused there too, before any work. */
  @Test
  void theClusterMainRefusesATimeoutItCannotKeep() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> FlinkJob.main(new String[] {"--sources=dwd", "--input=/nowhere/*.hd5", "--output=/tmp/radarbeam-unused",
            "--timeout=PT1H"}));
    assertTrue(e.getMessage().startsWith("radarbeam: invalid options: --timeout cannot stop"), e.getMessage());
  }

  /** flink run waits for the job in Beam's run(): a --timeout there could not stop it, so it is refused. */
  @Test
  void theClientMainRefusesATimeoutItCannotKeep() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RadarCommand.run(FlinkMain.withRunner(new String[] {"--sources=dwd", "--input=/nowhere/*.hd5",
        "--output=/tmp/radarbeam-unused", "--timeout=PT1H"}), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), FlinkMain::checkRunner);
    assertEquals(ExitStatus.INVALID_OPTIONS, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--timeout cannot stop a job that this client waits for"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void relativeLocalPathsBecomeAbsoluteOthersStay() {
    List<String> a = new ArrayList<>(List.of("--input=in/*.h5", "--output=s3://b/p", "--failures=/abs/f.jsonl",
        "--dataPrefix=data", "--sources=dwd"));
    RestSubmit.absolutePaths(a);
    String cwd = Paths.get("").toAbsolutePath().toString();
    assertEquals(List.of("--input=" + cwd + "/in/*.h5", "--output=s3://b/p", "--failures=/abs/f.jsonl",
        "--dataPrefix=" + cwd + "/data", "--sources=dwd"), a);
  }

  @Test
  void theRunsEchoHidesProviderCredentials() {
    assertEquals("run: --sources=dwd --providerUrl=dwd=https://***@mirror.example/dwd",
        RestSubmit.runLine(List.of("--sources=dwd", "--providerUrl=dwd=https://alice:S3cret@mirror.example/dwd")));
  }

  @Test
  void restAddress() {
    assertEquals("http://127.0.0.1:8081/", RestSubmit.restUri("127.0.0.1:8081").toString());
    assertEquals("http://flink.example:8081/", RestSubmit.restUri("flink.example").toString());
    assertEquals("http://flink.example:9081/x/", RestSubmit.restUri("http://flink.example:9081/x").toString());
    // behind an ingress: the scheme's own port, and the path the API is served under
    assertEquals("https://flink.example/", RestSubmit.restUri("https://flink.example").toString());
    assertEquals("https://flink.example/flink/", RestSubmit.restUri("https://flink.example/flink/").toString());
  }

  /**
   * Three polls of GET /jobs/:id: running; running again after a restart that began and ended between
   * two polls; finished. Times are 2025-11-17T03:52:59Z + n seconds.
   */
  @Test
  void everyStateTheJobEnteredIsPrintedOnceInOrderEvenBetweenPolls() throws Exception {
    ObjectMapper json = new ObjectMapper();
    long t0 = 1763351579000L;
    String never = "\"FAILING\":0,\"FAILED\":0,\"CANCELLING\":0,\"CANCELED\":0,\"SUSPENDED\":0,\"RECONCILING\":0";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JobStateLog log = new JobStateLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    log.update(json.readTree("{\"state\":\"RUNNING\",\"timestamps\":{\"INITIALIZING\":" + t0 + ",\"CREATED\":" + t0
        + ",\"RUNNING\":" + (t0 + 1000) + ",\"RESTARTING\":0,\"FINISHED\":0," + never + "}}"));
    log.update(json.readTree("{\"state\":\"RUNNING\",\"timestamps\":{\"INITIALIZING\":" + t0 + ",\"CREATED\":" + t0
        + ",\"RUNNING\":" + (t0 + 1000) + ",\"RESTARTING\":0,\"FINISHED\":0," + never + "}}"));
    log.update(json.readTree("{\"state\":\"RUNNING\",\"timestamps\":{\"INITIALIZING\":" + t0 + ",\"CREATED\":" + t0
        + ",\"RUNNING\":" + (t0 + 18000) + ",\"RESTARTING\":" + (t0 + 17000) + ",\"FINISHED\":0," + never + "}}"));
    log.update(json.readTree("{\"state\":\"FINISHED\",\"timestamps\":{\"INITIALIZING\":" + t0 + ",\"CREATED\":" + t0
        + ",\"RUNNING\":" + (t0 + 18000) + ",\"RESTARTING\":" + (t0 + 17000) + ",\"FINISHED\":" + (t0 + 45000) + ","
        + never + "}}"));

    assertEquals(List.of("03:52:59 job INITIALIZING", "03:52:59 job CREATED", "03:53:00 job RUNNING",
        "03:53:16 job RESTARTING", "03:53:17 job RUNNING", "03:53:44 job FINISHED"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void anAnswerWithoutTimestampsShowsTheStateAsPolled() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JobStateLog log = new JobStateLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    for (String state : List.of("RUNNING", "RUNNING", "RESTARTING", "RUNNING", "FINISHED")) {
      log.update(json.readTree("{\"state\":\"" + state + "\"}"));
    }
    assertEquals(List.of("RUNNING", "RESTARTING", "RUNNING", "FINISHED"),
        bytes.toString(StandardCharsets.UTF_8).lines().map(l -> l.substring(13)).toList());
  }

  @Test
  void causeIsTheInnermostCausedByLine() {
    String trace = "org.apache.flink.client.program.ProgramInvocationException: The main method caused an error\n"
        + "\tat x.y(Z.java:1)\nCaused by: java.lang.IllegalArgumentException: radarbeam: invalid options: --sources\n"
        + "\tat a.b(C.java:2)\n";
    assertEquals("java.lang.IllegalArgumentException: radarbeam: invalid options: --sources", FlinkRestClient.cause(trace));
  }
}
