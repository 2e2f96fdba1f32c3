package org.radarbeam.store;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * The S3 region when none is given: the AWS default chain's settings (the {@code aws.region} system
 * property, {@code AWS_REGION}, then the region of the profile in the AWS config file), else
 * us-east-1. EC2 instance metadata is not asked: off EC2 it costs seconds of timeouts on every
 * start, and on EC2 and EKS {@code AWS_REGION} is set.
 */
public final class S3Regions {
  private S3Regions() {}

  public static String fromEnvironment() {
    try {
      String r = new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
          .getRegion().id();
      return r == null || r.isBlank() ? S3Connection.DEFAULT_REGION : r;
    } catch (SdkClientException | IllegalArgumentException e) {
      return S3Connection.DEFAULT_REGION; // no region configured anywhere
    }
  }
}
