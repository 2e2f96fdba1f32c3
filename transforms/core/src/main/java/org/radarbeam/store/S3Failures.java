package org.radarbeam.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.radarbeam.http.ExtraCaTrust;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns SDK exceptions into IOExceptions with one clear line: what was being done, where, and what
 * went wrong. Messages name endpoints, buckets, keys, status codes and S3 error codes, never
 * credentials (settings hold none; of an SDK message only its first line is copied, at most 200
 * characters, and the SDK's messages name no credentials).
 */
final class S3Failures {
  private static final Set<String> CREDENTIAL_CODES = Set.of(
      "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
      "TokenRefreshRequired", "InvalidSecurity", "InvalidClientTokenId", "UnrecognizedClientException",
      "AuthorizationHeaderMalformed", "MissingSecurityHeader", "RequestTimeTooSkewed");

  private S3Failures() {}

  /** An IOException for {@code e}, raised while doing {@code action} on {@code target}. */
  static IOException translate(S3Connection settings, String bucket, String action, String target, SdkException e) {
    String endpoint = settings.endpointForMessages();
    if (e instanceof SdkServiceException) {
      SdkServiceException se = (SdkServiceException) e;
      int status = se.statusCode();
      String code = S3Clients.errorCode(se);
      String statusText = status + (code != null && !code.isEmpty() ? " " + code : "");
      if (status == 404 && (code == null || "NoSuchBucket".equals(code)) && target == null) {
        return new IOException("S3 bucket '" + bucket + "' does not exist at " + endpoint, e);
      }
      if ("NoSuchBucket".equals(code)) {
        return new IOException("S3 bucket '" + bucket + "' does not exist at " + endpoint, e);
      }
      if (status == 404 || "NoSuchKey".equals(code)) {
        FileNotFoundException f = new FileNotFoundException("S3 object " + target + " does not exist");
        f.initCause(e);
        return f;
      }
      if ((status == 403 || status == 400) && code != null && CREDENTIAL_CODES.contains(code)) {
        return new IOException("S3 credentials were rejected (" + statusText + ") by " + endpoint
            + " for " + action + " " + where(bucket, target)
            + "; check the AWS default credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,"
            + " aws.accessKeyId/aws.secretAccessKey, AWS_PROFILE, web identity)", e);
      }
      if (status == 403) {
        if (code == null) {
          // HEAD answers carry no error body: the credentials or the permissions are wrong
          return new IOException("S3 refused " + action + " " + where(bucket, target) + " (403) at " + endpoint
              + ": the credentials were rejected or lack permission", e);
        }
        return new IOException("S3 access denied (" + statusText + ") for " + action + " "
            + where(bucket, target) + " at " + endpoint + ": the credentials lack permission", e);
      }
      if ("AccessControlListNotSupported".equals(code)) {
        // AWS's default for new buckets ("bucket owner enforced"): a PUT with --acl is refused
        return new IOException("S3 bucket '" + bucket + "' takes no ACLs (" + statusText + ") for " + action + " "
            + where(bucket, target) + " at " + endpoint + ": run without --acl and make the objects readable with a"
            + " bucket policy instead", e);
      }
      if (status == 301 || "PermanentRedirect".equals(code) || "IllegalLocationConstraintException".equals(code)) {
        return new IOException("S3 bucket '" + bucket + "' is not in region " + settings.region()
            + " (" + statusText + "); set the bucket's region with --s3Region or AWS_REGION", e);
      }
      return new IOException("S3 " + action + " " + where(bucket, target) + " failed: HTTP " + statusText
          + attempts(e) + " at " + endpoint, e);
    }
    if (e instanceof ApiCallTimeoutException) {
      String cause = networkCause(e);
      return new IOException("S3 " + action + " " + where(bucket, target) + " did not complete within "
          + settings.callTimeout().toSeconds() + " s at " + endpoint
          + (cause != null ? " (last error: " + cause + ")" : ""), e);
    }
    if (ExtraCaTrust.untrusted(e)) {
      boolean unknownCa = ExtraCaTrust.unknownCa(e);
      return new IOException("S3 endpoint " + endpoint + ": its certificate " + (unknownCa ? "is not trusted" : "was refused")
          + " (" + handshakeFailure(e) + ")" + (unknownCa ? "; pass the CA that signed it with --caCerts" : "") + " ("
          + action + " " + where(bucket, target) + ")", e);
    }
    String cause = networkCause(e);
    if (cause != null) {
      // a store reached whose connection then broke (reset, closed mid-request) is not one that cannot be reached
      String which = unreached(cause) ? "cannot reach S3 endpoint " + endpoint
          : "the connection to S3 endpoint " + endpoint + " failed";
      return new IOException(which + ": " + cause + " (" + action + " " + where(bucket, target) + attempts(e) + ")", e);
    }
    String msg = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof SdkClientException && msg.contains("credentials")
        && (msg.startsWith("Unable to load credentials") || msg.contains("Unable to load credentials"))) {
      return new IOException("no S3 credentials found in the AWS default chain (AWS_ACCESS_KEY_ID/"
          + "AWS_SECRET_ACCESS_KEY, aws.accessKeyId/aws.secretAccessKey, AWS_PROFILE, web identity,"
          + " container or instance role)", e);
    }
    return new IOException("S3 " + action + " " + where(bucket, target) + " failed at " + endpoint + ": "
        + e.getClass().getSimpleName() + firstLine(msg), e);
  }

  private static String where(String bucket, String target) {
    return target != null ? target : "s3://" + bucket;
  }

  private static String attempts(Throwable e) {
    int n = e.getSuppressed().length + 1;
    return n > 1 ? " after " + n + " attempts" : "";
  }

  private static String firstLine(String msg) {
    if (msg.isEmpty()) {
      return "";
    }
    int nl = msg.indexOf('\n');
    String line = nl < 0 ? msg : msg.substring(0, nl);
    if (line.length() > 200) {
      line = line.substring(0, 200) + "...";
    }
    return ": " + line;
  }

  /** The first line of the TLS failure behind {@code e}. */
  private static String handshakeFailure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SSLException && c.getMessage() != null && !c.getMessage().isEmpty()) {
        return firstLine(c.getMessage()).substring(2);
      }
    }
    return "TLS handshake failed";
  }

  /** Whether a {@link #networkCause} says no connection was made at all. */
  private static boolean unreached(String cause) {
    return cause.equals("connection refused") || cause.equals("connect timed out") || cause.startsWith("unknown host")
        || cause.equals("no route to host");
  }

  /** A short description of the network failure behind {@code e}, or null if there is none. */
  static String networkCause(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage();
      String lower = m.toLowerCase(Locale.ROOT);
      if (c instanceof ConnectException) {
        if (lower.contains("timed out")) {
          return "connect timed out";
        }
        return lower.contains("refused") || lower.isEmpty() ? "connection refused" : lower;
      }
      if (c instanceof UnknownHostException) {
        return "unknown host " + m;
      }
      if (c instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (c instanceof SocketTimeoutException) {
        return lower.contains("connect") ? "connect timed out" : "timed out waiting for an answer";
      }
      if (c instanceof SSLException) {
        return "TLS failed: " + m;
      }
      if (c instanceof SocketException) {
        return lower.isEmpty() ? "connection failed" : lower;
      }
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException) {
        // as it is: the message may name a key, whose case is part of it
        String m = c.getMessage();
        return "I/O error" + (m == null ? "" : ": " + m);
      }
    }
    return null;
  }
}
