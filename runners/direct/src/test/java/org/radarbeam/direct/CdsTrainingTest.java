package org.radarbeam.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The training run also formats one event as JSON, so the CronJob's log layout is in the archive. */
class CdsTrainingTest {
  @Test
  void theJsonLayoutFormatsAnEventWithTheFieldsOfTheLogs() throws Exception {
    JsonNode line = new ObjectMapper().readTree(CdsTraining.loadJsonLogLayout());
    assertEquals("INFO", line.path("level").asText());
    assertEquals(CdsTraining.class.getName(), line.path("logger").asText());
    assertEquals("training", line.path("message").asText());
    assertEquals(24, line.path("time").asText().length(), line.toString()); // 2026-12-01T18:00:00.000Z
  }
}
