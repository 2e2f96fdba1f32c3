package org.radarbeam.store;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.ReusableBuffer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

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

  private final S3Location location;
  private final S3Connection settings;
  private final S3WritePolicy policy;
  private transient volatile S3Client client;

  public S3ObjectStore(S3Location location, S3Connection settings, S3WritePolicy policy) {
    if (location == null || settings == null || policy == null) {
      throw new IllegalArgumentException("S3ObjectStore needs a location, a connection and a write policy");
    }
    this.location = location;
    this.settings = settings;
    this.policy = policy;
  }

  /** A store for {@code s3://bucket/prefix}. */
  public static S3ObjectStore create(String s3Uri, S3Connection settings, S3WritePolicy policy) {
    return new S3ObjectStore(S3Location.parse(s3Uri), settings, policy);
  }

  public S3Location location() {
    return location;
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
      // an empty object under a key (not one of ours: a PUT is whole) counts as missing
      Long length = client().headObject(HeadObjectRequest.builder().bucket(location.bucket()).key(full).build())
          .contentLength();
      return length == null || length > 0;
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
  public void write(String key, ByteBuffer data, String contentType) throws IOException {
    byte[] array = ReusableBuffer.array(data);
    int length = data.limit();
    String full = location.key(key);
    if (full.isEmpty() || full.endsWith("/")) {
      throw new IllegalArgumentException("not an object key: '" + key + "'");
    }
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(location.bucket())
        .key(full)
        .contentLength((long) length)
        .contentMD5(md5Base64(array, length));
    if (contentType != null) {
      req.contentType(contentType);
    }
    if (policy.cacheControl() != null) {
      req.cacheControl(policy.cacheControl());
    }
    if (policy.acl() != null) {
      req.acl(ObjectCannedACL.fromValue(policy.acl()));
    }
    try {
      // streamed from the caller's buffer (read again on a retry), not copied
      client().putObject(req.build(), RequestBody.fromContentProvider(
          () -> new ByteArrayInputStream(array, 0, length), length, contentType == null ? "application/octet-stream" : contentType));
    } catch (SdkException e) {
      throw S3Failures.translate(settings, location.bucket(), "PUT", location.uriOfFullKey(full), e);
    }
  }

  /** The bytes of {@code key}; a missing object is a {@link FileNotFoundException}. */
  @Override
  public byte[] read(String key) throws IOException {
    ByteBuffer view = S3Archive.get(settings, client(), location.bucket(), location.key(key), MAX_READ_BYTES, null,
        new ReusableBuffer());
    return Arrays.copyOf(view.array(), view.limit());
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
    return listKeys(relativePrefix, S3Archive.PAGE_SIZE);
  }

  /** {@link #listKeys(String)} with a page size (1..1000) for ListObjectsV2. */
  public Set<String> listKeys(String relativePrefix, int pageSize) throws IOException {
    Set<String> keys = new TreeSet<>();
    for (String full : S3Archive.listFullKeys(settings, client(), location.bucket(), location.key(relativePrefix), null,
        null, pageSize, true)) {
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
      if (first == null || S3Archive.compareUtf8(k, first) < 0) {
        first = k;
      }
      if (last == null || S3Archive.compareUtf8(k, last) > 0) {
        last = k;
      }
    }
    for (String k : listKeysBetween(commonPrefix, first, last, S3Archive.PAGE_SIZE)) {
      if (keys.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  @Override
  public void forEachKeyBetween(String folder, String firstKey, String lastKey, Consumer<String> each)
      throws IOException {
    forEachKeyBetween(folder + "/", firstKey, lastKey, S3Archive.PAGE_SIZE, Long.MAX_VALUE, k -> {
      if (k.indexOf('/', folder.length() + 1) < 0) {
        each.accept(k);
      }
    });
  }

  /**
   * The keys below {@code relativePrefix} from {@code firstKey} to {@code lastKey} (both relative,
   * inclusive, in S3's UTF-8 byte order), listing only that range.
   */
  public Set<String> listKeysBetween(String relativePrefix, String firstKey, String lastKey, int pageSize)
      throws IOException {
    Set<String> keys = new TreeSet<>();
    forEachKeyBetween(relativePrefix, firstKey, lastKey, pageSize, HeapLimits.maxListedKeys(), keys::add);
    return keys;
  }

  /** Hands {@code each} the relative keys {@link #listKeysBetween} lists, at most about {@code maxKeys}. */
  private void forEachKeyBetween(String relativePrefix, String firstKey, String lastKey, int pageSize, long maxKeys,
      Consumer<String> each) throws IOException {
    String fullFirst = location.key(firstKey);
    String fullLast = location.key(lastKey);
    // a proper prefix of the first key sorts before it and after every key below it
    String startAfter = fullFirst.isEmpty() ? null : fullFirst.substring(0, fullFirst.length() - 1);
    // an empty object under a key (not one of ours: a PUT is whole) counts as missing, as in exists
    S3Archive.forEachKey(settings, client(), location.bucket(), location.key(relativePrefix), startAfter, fullLast,
        pageSize, true, maxKeys, full -> {
          String rel = location.relativize(full);
          if (rel != null && S3Archive.compareUtf8(full, fullFirst) >= 0 && S3Archive.compareUtf8(full, fullLast) <= 0) {
            each.accept(rel);
          }
        });
  }

  /**
   * Fails within seconds with a one-line message when the store cannot be used: endpoint
   * unreachable, bucket missing, credentials rejected or no list permission under the prefix. It
   * lists at most one key below the prefix and writes nothing.
   */
  public void checkWritable() throws IOException {
    S3Connection pre = S3Clients.preflight(settings);
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

  private static String md5Base64(byte[] data, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(data, 0, length);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "S3ObjectStore{" + location + ", " + settings + ", " + policy + "}";
  }
}
