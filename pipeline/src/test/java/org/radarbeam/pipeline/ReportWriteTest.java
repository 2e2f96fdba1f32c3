package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The failure report of a run cut short is written within a bound, whatever its store does. */
class ReportWriteTest {
  @Test
  void aWriteThatHangsFailsAtTheBound() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    IOException e = assertThrows(IOException.class, () -> RadarCommand.writeWithin(1_000, () -> {
      try {
        never.await(); // a store that never answers
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }));
    assertEquals("it was not written within 1 s, after the run was cut short", e.getMessage());
  }

  @Test
  void aWriteThatFailsFailsWithItsOwnReason() {
    IOException e = assertThrows(IOException.class, () -> RadarCommand.writeWithin(10_000, () -> {
      throw new IOException("S3 access denied (403 AccessDenied) for PUT s3://b/_failures/x.jsonl");
    }));
    assertEquals("S3 access denied (403 AccessDenied) for PUT s3://b/_failures/x.jsonl", e.getMessage());
  }

  @Test
  void aWriteInTimeIsDone() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    RadarCommand.writeWithin(10_000, () -> done.set(true));
    assertTrue(done.get());
  }
}
