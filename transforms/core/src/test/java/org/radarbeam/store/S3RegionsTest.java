package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3Regions: the region of the AWS default chain's settings when --s3Region is not given. */
class S3RegionsTest {
  private static final String[] PROPERTIES = {"aws.region", "aws.configFile", "aws.profile"};
  private final String[] saved = new String[PROPERTIES.length];

  @TempDir Path tmp;

  S3RegionsTest() {
    for (int i = 0; i < PROPERTIES.length; i++) {
      saved[i] = System.getProperty(PROPERTIES[i]);
    }
  }

  @AfterEach
  void restore() {
    for (int i = 0; i < PROPERTIES.length; i++) {
      if (saved[i] == null) {
        System.clearProperty(PROPERTIES[i]);
      } else {
        System.setProperty(PROPERTIES[i], saved[i]);
      }
    }
  }

  @Test
  void theSystemSettingComesFirst() throws IOException {
    System.setProperty("aws.configFile", config("[default]\nregion = eu-west-3\n").toString());
    System.setProperty("aws.region", "eu-central-1");
    assertEquals("eu-central-1", S3Regions.fromEnvironment());
  }

  @Test
  void thenTheProfilesRegion() throws IOException {
    System.clearProperty("aws.region");
    System.setProperty("aws.configFile", config("[default]\nregion = eu-west-3\n[profile maps]\nregion = ap-south-1\n")
        .toString());
    System.setProperty("aws.profile", "maps");
    if (System.getenv("AWS_REGION") == null) {
      assertEquals("ap-south-1", S3Regions.fromEnvironment());
    }
  }

  @Test
  void elseUsEast1() throws IOException {
    System.clearProperty("aws.region");
    System.setProperty("aws.configFile", config("[default]\noutput = json\n").toString());
    if (System.getenv("AWS_REGION") == null) {
      assertEquals("us-east-1", S3Regions.fromEnvironment());
    }
  }

  private Path config(String text) throws IOException {
    return Files.writeString(tmp.resolve("config-" + System.nanoTime()), text);
  }
}
