package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How the providers' servers are reached. */
public interface ProviderOptions extends PipelineOptions {
  @Description("Override provider base URLs (mirrors, tests): source=url pairs separated by commas, e.g."
      + " dwd=https://mirror/dwd,shmu=https://mirror/shmu. Default: each provider's own address.")
  String getProviderUrl();

  void setProviderUrl(String value);

  @Description("Most concurrent requests to one provider host (1..64).")
  @Default.Integer(4)
  int getMaxRequestsPerHost();

  void setMaxRequestsPerHost(int value);

  @Description("Attempts per provider request (1..10): timeouts, connection errors, 408, 429 and 5xx other than 501"
      + " and 505 are retried with exponential backoff and jitter, or after the server's Retry-After, waiting at most"
      + " 10 s; other 4xx, 501 and 505 are final.")
  @Default.Integer(4)
  int getHttpAttempts();

  void setHttpAttempts(int value);

  @Description("Deadline of one provider request attempt, ISO-8601 duration of at least PT1S: connecting, the"
      + " answer's headers and its whole body (as curl's --max-time), so a server that hangs or sends a body byte by"
      + " byte fails the attempt when it passes. A provider whose request still timed out after --httpAttempts is"
      + " given up for the rest of the run: its later requests fail at once.")
  @Default.String("PT60S")
  String getHttpTimeout();

  void setHttpTimeout(String value);

  @Description("Most HEAD probes per source for a provider without an index page (chmi, imgw, omsz; the others when"
      + " their index fails); the default is a week of 5-minute slots. A window that needs more is refused before any"
      + " request: read long ranges from archives with --input.")
  @Default.Integer(2016)
  int getMaxProbes();

  void setMaxProbes(int value);

  @Description("PEM file of CA certificates trusted for provider HTTPS and the S3 endpoint in addition to the JDK's"
      + " default trust store (a corporate proxy's CA, a mirror's or an in-cluster MinIO's private CA), e.g."
      + " /etc/ssl/corp-ca.pem. Read when the run starts: workers need not have the file. Default: the JDK's trust"
      + " store only.")
  String getCaCerts();

  void setCaCerts(String value);
}
