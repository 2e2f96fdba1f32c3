package org.radarbeam.store;

import java.io.Serializable;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * What is written with every object: its Cache-Control header and canned ACL (null for none,
 * leaving the bucket's defaults). Validated when built, so a bad value fails before any work.
 */
public record S3WritePolicy(String cacheControl, String acl) implements Serializable {
  /** No Cache-Control, the bucket's ACL. */
  public static final S3WritePolicy NONE = new S3WritePolicy(null, null);

  public S3WritePolicy {
    cacheControl = blankToNull(cacheControl);
    acl = blankToNull(acl);
    if (cacheControl != null) {
      for (int i = 0; i < cacheControl.length(); i++) {
        char ch = cacheControl.charAt(i);
        if (ch < 0x20 || ch >= 0x7f) {
          throw new IllegalArgumentException("invalid Cache-Control '" + cacheControl + "': printable ASCII only");
        }
      }
    }
    if (acl != null && ObjectCannedACL.fromValue(acl) == ObjectCannedACL.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException("invalid S3 canned ACL '" + acl + "'; one of " + ObjectCannedACL.knownValues());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
