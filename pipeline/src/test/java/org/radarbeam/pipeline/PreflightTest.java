package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where an s3:// --input is probed before any work: its bucket and the fixed folders of its keys. */
class PreflightTest {
  @Test
  void anInputIsProbedAtTheFoldersBeforeItsFirstPlaceholderOrWildcard() {
    assertEquals("s3://raw/", Preflight.inputProbe("s3://raw/{source}/{yyyy}/{MM}/{dd}/*"));
    assertEquals("s3://raw/dwd/2025/11/", Preflight.inputProbe("s3://raw/dwd/2025/11/1[7]/composite_dmax_{1500,1505}-hd5"));
    assertEquals("s3://raw/dwd/", Preflight.inputProbe("s3://raw/dwd/composite_dmax_20251117_1500-hd5"));
    assertEquals("s3://raw/dwd/", Preflight.inputProbe("s3://raw/dwd/*"));
    assertEquals("s3://raw/", Preflight.inputProbe("s3://raw"));
    assertEquals("s3://raw/", Preflight.inputProbe("s3://raw/*"));
  }
}
