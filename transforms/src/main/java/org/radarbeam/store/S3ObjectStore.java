package org.radarbeam.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket and prefix as object store. Each object is written with one PutObject, which S3
 * applies atomically: a reader sees the old object or the new one, never half of one. The body
 * goes with its Content-MD5, so the store refuses anything damaged on the way.
 *
 * <p>The store is serializable (it travels inside DoFns): it holds only the location and the
 * settings and takes its client from {@link S3Clients} on first use.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final long serialVersionUID = 1L;

  /** ListObjectsV2's page size (S3's own maximum). */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  private final S3Location location;
  private final S3Settings settings;
  private transient volatile S3Client client;

  public S3ObjectStore(S3Location location, S3Settings settings) {
    if (location == null || settings == null) {
      throw new IllegalArgumentException("S3ObjectStore needs a location and settings");
    }
    this.location = location;
    this.settings = settings;
  }

  /** A store for {@code s3://bucket/prefix}. */
  public static S3ObjectStore create(String s3Uri, S3Settings settings) {
    return new S3ObjectStore(S3Location.parse(s3Uri), settings);
  }

  public S3Location location() {
    return location;
  }

  public S3Settings settings() {
    return settings;
  }

  private S3Client client() {
    S3Client c = client;
    if (c == null) {
      c = S3Clients.get(settings);
      client = c;
    }
    return c;
  }

  @Override
  public boolean exists(String key) throws IOException {
    String full = location.key(key);
    try {
      client().headObject(HeadObjectRequest.builder().bucket(location.bucket()).key(full).build());
      return true;
    } catch (SdkServiceException e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw S3Failures.translate(settings, location.bucket(), "HEAD", location.uriOfFullKey(full), e);
    } catch (SdkException e) {
      throw S3Failures.translate(settings, location.bucket(), "HEAD", location.uriOfFullKey(full), e);
    }
  }

  /**
   * Writes {@code data} under {@code key} with one PutObject, with Content-Type, the settings'
   * Cache-Control and canned ACL, and Content-MD5. Replaces an existing object.
   */
  @Override
  public void write(String key, byte[] data, String contentType) throws IOException {
    String full = location.key(key);
    if (full.isEmpty() || full.endsWith("/")) {
      throw new IllegalArgumentException("not an object key: '" + key + "'");
    }
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(location.bucket())
        .key(full)
        .contentLength((long) data.length)
        .contentMD5(md5Base64(data));
    if (contentType != null) {
      req.contentType(contentType);
    }
    if (settings.cacheControl() != null) {
      req.cacheControl(settings.cacheControl());
    }
    if (settings.acl() != null) {
      req.acl(ObjectCannedACL.fromValue(settings.acl()));
    }
    try {
      client().putObject(req.build(), RequestBody.fromBytes(data));
    } catch (SdkException e) {
      throw S3Failures.translate(settings, location.bucket(), "PUT", location.uriOfFullKey(full), e);
    }
  }

  /** The bytes of {@code key}; a missing object is a {@link FileNotFoundException}. */
  public byte[] read(String key) throws IOException {
    return get(settings, client(), location.bucket(), location.key(key));
  }

  @Override
  public String describe(String key) {
    return location.uri(key);
  }

  /**
   * The keys below {@code relativePrefix} (S3 prefix semantics: pass {@code "dwd/"} for a folder),
   * relative to this store's prefix, so that {@code exists(k)} holds for each returned {@code k}.
   */
  public Set<String> listKeys(String relativePrefix) throws IOException {
    return listKeys(relativePrefix, DEFAULT_PAGE_SIZE);
  }

  /** {@link #listKeys(String)} with a page size (1..1000) for ListObjectsV2. */
  public Set<String> listKeys(String relativePrefix, int pageSize) throws IOException {
    Set<String> keys = new TreeSet<>();
    for (String full : listFullKeys(settings, client(), location.bucket(), location.key(relativePrefix), pageSize)) {
      String rel = location.relativize(full);
      if (rel != null) {
        keys.add(rel);
      }
    }
    return keys;
  }

  /**
   * The keys among {@code keys} that exist, with one paginated LIST below {@code commonPrefix}
   * that starts just before the smallest key and stops after the largest: a window of frames costs
   * about one request per 1000 frames in it, however many objects the folder holds.
   */
  @Override
  public Set<String> existing(String commonPrefix, Set<String> keys) throws IOException {
    Set<String> out = new HashSet<>();
    if (keys.isEmpty()) {
      return out;
    }
    String first = null;
    String last = null;
    for (String k : keys) {
      if (first == null || compareUtf8(k, first) < 0) {
        first = k;
      }
      if (last == null || compareUtf8(k, last) > 0) {
        last = k;
      }
    }
    for (String k : listKeysBetween(commonPrefix, first, last, DEFAULT_PAGE_SIZE)) {
      if (keys.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The keys below {@code relativePrefix} from {@code firstKey} to {@code lastKey} (both relative,
   * inclusive, in S3's UTF-8 byte order), listing only that range.
   */
  public Set<String> listKeysBetween(String relativePrefix, String firstKey, String lastKey, int pageSize)
      throws IOException {
    String fullFirst = location.key(firstKey);
    String fullLast = location.key(lastKey);
    // a proper prefix of the first key sorts before it and after every key below it
    String startAfter = fullFirst.isEmpty() ? null : fullFirst.substring(0, fullFirst.length() - 1);
    Set<String> keys = new TreeSet<>();
    for (String full : listFullKeys(settings, client(), location.bucket(), location.key(relativePrefix),
        startAfter, fullLast, pageSize)) {
      String rel = location.relativize(full);
      if (rel != null && compareUtf8(full, fullFirst) >= 0 && compareUtf8(full, fullLast) <= 0) {
        keys.add(rel);
      }
    }
    return keys;
  }

  /** Compares as S3 orders keys: by their UTF-8 bytes, unsigned. */
  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Fails within seconds with a one-line message when the store cannot be used: endpoint
   * unreachable, bucket missing, credentials rejected or no list permission under the prefix. It
   * lists at most one key below the prefix and writes nothing.
   */
  public void checkWritable() throws IOException {
    S3Settings pre = S3Clients.preflightSettings(settings);
    try {
      S3Clients.get(pre).listObjectsV2(ListObjectsV2Request.builder()
          .bucket(location.bucket())
          .prefix(location.key(""))
          .maxKeys(1)
          .build());
    } catch (SdkException e) {
      throw S3Failures.translate(pre, location.bucket(), "LIST", null, e);
    }
  }

  // ---- archive inputs: any bucket and prefix ----

  /**
   * The {@code s3://bucket/key} URIs of every object whose key starts with
   * {@code location.key(prefix)}, in key order. Pass a prefix ending in "/" for a folder.
   */
  public static List<String> listUris(S3Settings settings, S3Location location, String prefix) throws IOException {
    List<String> uris = new ArrayList<>();
    for (String full : listFullKeys(settings, S3Clients.get(settings), location.bucket(),
        location.key(prefix), DEFAULT_PAGE_SIZE)) {
      uris.add(location.uriOfFullKey(full));
    }
    return uris;
  }

  /** The bytes of the object at {@code s3://bucket/key}; a missing object is a {@link FileNotFoundException}. */
  public static byte[] readUri(S3Settings settings, String s3Uri) throws IOException {
    if (s3Uri == null || !s3Uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// object URI: " + s3Uri);
    }
    String rest = s3Uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("not an s3://bucket/key object URI: " + s3Uri);
    }
    String bucket = rest.substring(0, slash);
    S3Location.validateBucket(bucket);
    return get(settings, S3Clients.get(settings), bucket, rest.substring(slash + 1));
  }

  private static List<String> listFullKeys(S3Settings settings, S3Client client, String bucket,
      String prefix, int pageSize) throws IOException {
    return listFullKeys(settings, client, bucket, prefix, null, null, pageSize);
  }

  /**
   * Full keys below {@code prefix}, after {@code startAfter} (exclusive, or null), stopping at the
   * first page that reaches past {@code stopAfter} (or null for all pages).
   */
  private static List<String> listFullKeys(S3Settings settings, S3Client client, String bucket,
      String prefix, String startAfter, String stopAfter, int pageSize) throws IOException {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("page size must be 1..1000, not " + pageSize);
    }
    List<String> keys = new ArrayList<>();
    String token = null;
    try {
      do {
        ListObjectsV2Request.Builder req = ListObjectsV2Request.builder()
            .bucket(bucket)
            .maxKeys(pageSize);
        if (!prefix.isEmpty()) {
          req.prefix(prefix);
        }
        if (token != null) {
          req.continuationToken(token);
        } else if (startAfter != null && !startAfter.isEmpty()) {
          req.startAfter(startAfter);
        }
        ListObjectsV2Response page = client.listObjectsV2(req.build());
        boolean past = false;
        for (S3Object o : page.contents()) {
          keys.add(o.key());
          past |= stopAfter != null && compareUtf8(o.key(), stopAfter) > 0;
        }
        token = !past && Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException e) {
      throw S3Failures.translate(settings, bucket, "LIST", "s3://" + bucket + "/" + prefix, e);
    }
    return keys;
  }

  /** Thrown inside the response transformer for a body above the size limit; never retried. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  private static byte[] get(S3Settings settings, S3Client client, String bucket, String key) throws IOException {
    String uri = "s3://" + bucket + "/" + key;
    try {
      // the transformer runs inside the SDK's retry loop: a body cut off mid-read is fetched again
      return client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build(),
          (GetObjectResponse response, AbortableInputStream in) -> {
            Long length = response.contentLength();
            if (length != null && length > InputFiles.MAX_INPUT_BYTES) {
              in.abort();
              throw new TooLarge(uri + " is " + length + " bytes, above the " + InputFiles.MAX_INPUT_BYTES
                  + "-byte limit for one object");
            }
            byte[] data = readAll(in, length);
            if (length != null && data.length != length) {
              throw new IOException(uri + " ended after " + data.length + " of " + length + " bytes");
            }
            return data;
          });
    } catch (TooLarge e) {
      throw new IOException(e.getMessage());
    } catch (SdkException e) {
      if (e.getCause() instanceof TooLarge) {
        throw new IOException(e.getCause().getMessage());
      }
      throw S3Failures.translate(settings, bucket, "GET", uri, e);
    }
  }

  private static byte[] readAll(InputStream in, Long length) throws IOException {
    if (length != null) {
      byte[] data = new byte[(int) (long) length];
      int off = 0;
      while (off < data.length) {
        int n = in.read(data, off, data.length - off);
        if (n < 0) {
          return Arrays.copyOf(data, off);
        }
        off += n;
      }
      return data;
    }
    return in.readAllBytes();
  }

  private static String md5Base64(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "S3ObjectStore{" + location + ", " + settings + "}";
  }
}
