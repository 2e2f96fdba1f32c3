package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The summary's format follows the logs': -Dradarbeam.logFormat wins over --logFormat, as for the logs. */
class LogSettingsTest {
  @AfterEach
  void clear() {
    System.clearProperty(LogSettings.FORMAT_PROPERTY);
  }

  @Test
  void thePropertyWinsOverTheOption() {
    LogOptions json = PipelineOptionsFactory.fromArgs("--logFormat=JSON").as(LogOptions.class);
    LogOptions text = PipelineOptionsFactory.fromArgs("--logFormat=TEXT").as(LogOptions.class);
    assertTrue(LogSettings.json(json));
    assertFalse(LogSettings.json(text));
    System.setProperty(LogSettings.FORMAT_PROPERTY, "text");
    assertFalse(LogSettings.json(json));
    System.setProperty(LogSettings.FORMAT_PROPERTY, "json");
    assertTrue(LogSettings.json(text));
  }

  /** Before the options are parsed (or when they cannot be), the raw arguments say it, the property first. */
  @Test
  void theRawArgumentsSayItBeforeTheOptions() {
    assertTrue(LogSettings.json(new String[] {"--sources=mars", "--logFormat=json"}));
    assertTrue(LogSettings.json(new String[] {"--logFormat= JSON "}));
    assertFalse(LogSettings.json(new String[] {"--logFormat=text"}));
    assertFalse(LogSettings.json(new String[] {"--sources=dwd"}));
    System.setProperty(LogSettings.FORMAT_PROPERTY, "json");
    assertTrue(LogSettings.json(new String[] {"--logFormat=text"}));
  }
}
