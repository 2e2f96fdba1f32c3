package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The summary's format follows the logs': -Dradarbeam.logFormat wins over --logFormat, as for the logs. */
class LogSettingsTest {
  @AfterEach
  void clear() {
    System.clearProperty(LogSettings.FORMAT_PROPERTY);
  }

  /** The raw arguments say it, before the options are parsed (or when they cannot be) as after. */
  @Test
  void theRawArgumentsSayItThePropertyFirst() {
    assertTrue(LogSettings.json(new String[] {"--sources=mars", "--logFormat=json"}));
    assertTrue(LogSettings.json(new String[] {"--logFormat= JSON "}));
    assertFalse(LogSettings.json(new String[] {"--logFormat=text"}));
    assertFalse(LogSettings.json(new String[] {"--sources=dwd"}));
    System.setProperty(LogSettings.FORMAT_PROPERTY, "json");
    assertTrue(LogSettings.json(new String[] {"--logFormat=text"}));
  }
}
