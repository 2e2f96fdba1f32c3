package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How s3:// outputs and inputs are reached and what is written with each object. Credentials come
 * only from the AWS default chain, never from options.
 */
public interface S3StoreOptions extends PipelineOptions {
  @Description("S3 endpoint for S3-compatible stores (MinIO, Ceph, DigitalOcean Spaces, S3Proxy), e.g."
      + " https://fra1.digitaloceanspaces.com. Credentials come only from the AWS default chain"
      + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, web identity). Default: AWS S3.")
  String getS3Endpoint();

  void setS3Endpoint(String value);

  @Description("S3 region. Default: the AWS default chain's (the aws.region system property, AWS_REGION, then the"
      + " region of the profile in ~/.aws/config, AWS_PROFILE choosing it), else us-east-1.")
  String getS3Region();

  void setS3Region(String value);

  @Description("Path-style S3 addressing (http://endpoint/bucket/key), needed by most S3-compatible stores.")
  @Default.Boolean(false)
  boolean getS3PathStyle();

  void setS3PathStyle(boolean value);

  @Description("Cache-Control header of the objects written to S3, e.g. \"public, max-age=300\". Default: none.")
  String getCacheControl();

  void setCacheControl(String value);

  @Description("Canned ACL of the objects written to S3, e.g. public-read. Default: the bucket's.")
  String getAcl();

  void setAcl(String value);
}
