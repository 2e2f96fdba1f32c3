package org.radarbeam.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.io.HeapLimits;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.io.TooLargeException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects of any bucket read as inputs (archives of raw radar files): list a prefix, read one
 * object whole with a size bound. The object store ({@link S3ObjectStore}) lists and reads its own
 * prefix through the same calls.
 */
public final class S3Archive {
  /** ListObjectsV2's page size (S3's own maximum). */
  static final int PAGE_SIZE = 1000;

  private S3Archive() {}

  /**
   * The {@code s3://bucket/key} URIs of every object whose key starts with
   * {@code location.key(prefix)}, in key order. Pass a prefix ending in "/" for a folder.
   */
  public static List<String> listUris(S3Connection settings, S3Location location, String prefix) throws IOException {
    List<String> uris = new ArrayList<>();
    for (String full : listFullKeys(settings, S3Clients.get(settings), location.bucket(),
        location.key(prefix), null, null, PAGE_SIZE)) {
      uris.add(location.uriOfFullKey(full));
    }
    return uris;
  }

  /** The bytes of the object at {@code s3://bucket/key}; a missing object is a {@link FileNotFoundException}. */
  public static byte[] readUri(S3Connection settings, String s3Uri, long maxBytes) throws IOException {
    ByteBuffer view = readUri(settings, s3Uri, maxBytes, new ReusableBuffer());
    return Arrays.copyOf(view.array(), view.limit());
  }

  /**
   * The bytes of the object at {@code s3://bucket/key}, read into {@code into} (a worker's reusable
   * input buffer); a missing object is a {@link FileNotFoundException}.
   */
  public static ByteBuffer readUri(S3Connection settings, String s3Uri, long maxBytes, ReusableBuffer into)
      throws IOException {
    return read(settings, s3Uri, maxBytes, null, into);
  }

  /**
   * The first {@code bytes} bytes of the object at {@code s3://bucket/key} (all of it when shorter), read
   * with a ranged GET into {@code into}: what a header needs, without the rest of the body.
   */
  public static ByteBuffer readUriHead(S3Connection settings, String s3Uri, int bytes, ReusableBuffer into)
      throws IOException {
    return read(settings, s3Uri, bytes, "bytes=0-" + (bytes - 1), into);
  }

  private static ByteBuffer read(S3Connection settings, String s3Uri, long maxBytes, String range,
      ReusableBuffer into) throws IOException {
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
    return get(settings, S3Clients.get(settings), bucket, rest.substring(slash + 1), maxBytes, range, into);
  }

  /**
   * Full keys below {@code prefix}, after {@code startAfter} (exclusive, or null), stopping at the
   * first page that reaches past {@code stopAfter} (or null for all pages).
   */
  static List<String> listFullKeys(S3Connection settings, S3Client client, String bucket,
      String prefix, String startAfter, String stopAfter, int pageSize) throws IOException {
    return listFullKeys(settings, client, bucket, prefix, startAfter, stopAfter, pageSize, false);
  }

  /**
   * As {@link #listFullKeys(S3Connection, S3Client, String, String, String, String, int)}, without
   * empty objects if {@code nonEmpty}: what an output listing counts as written, as {@code exists} does.
   */
  static List<String> listFullKeys(S3Connection settings, S3Client client, String bucket,
      String prefix, String startAfter, String stopAfter, int pageSize, boolean nonEmpty) throws IOException {
    return listFullKeys(settings, client, bucket, prefix, startAfter, stopAfter, pageSize, nonEmpty,
        HeapLimits.maxListedKeys());
  }

  /** Pages without keys in a row after which a listing that says more follow is given up. */
  static final int MAX_EMPTY_PAGES = 100;

  /** As above, with at most about {@code maxKeys} keys (one page more is read before they are refused). */
  static List<String> listFullKeys(S3Connection settings, S3Client client, String bucket, String prefix,
      String startAfter, String stopAfter, int pageSize, boolean nonEmpty, long maxKeys) throws IOException {
    List<String> keys = new ArrayList<>();
    forEachKey(settings, client, bucket, prefix, startAfter, stopAfter, pageSize, nonEmpty, maxKeys, keys::add);
    return keys;
  }

  /**
   * Hands {@code each} the full keys of the listing {@link #listFullKeys} describes, page by page, keeping
   * none: a caller that keeps a bounded part (a folder's newest frames) may pass {@code Long.MAX_VALUE}
   * for {@code maxKeys}. S3 lists keys in ascending order, each once: a store that answers a key again or
   * out of order (a listing that loops, under new continuation tokens or not) fails the listing.
   */
  static void forEachKey(S3Connection settings, S3Client client, String bucket, String prefix, String startAfter,
      String stopAfter, int pageSize, boolean nonEmpty, long maxKeys, Consumer<String> each) throws IOException {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("page size must be 1..1000, not " + pageSize);
    }
    // bounded in keys and pages (a store that answers "truncated" for ever would fill the heap or never
    // end), each page in time by the client's call timeout; a store may answer pages of fewer keys than asked
    long maxPages = maxKeys == Long.MAX_VALUE ? Long.MAX_VALUE : maxKeys / pageSize + 16;
    long count = 0;
    String token = null;
    long pages = 0;
    int emptyInARow = 0;
    String previous = startAfter == null || startAfter.isEmpty() ? null : startAfter;
    try {
      do {
        if (count > maxKeys || pages == maxPages) {
          String found = count > maxKeys ? " found more than " + maxKeys + " keys in " + pages + " pages"
              : " took " + pages + " pages for " + count + " keys, each page saying more would follow, with room for at"
                  + " most " + maxKeys;
          throw new TooLargeException("LIST s3://" + bucket + "/" + prefix + found + " (" + HeapLimits.listingShare()
              + "): list narrower prefixes (an archive template lists a day at a time) or give the JVM more heap");
        }
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
        pages++;
        // S3 fills every page but the last: a store that answers "truncated" with no keys, again and again,
        // would never end a listing that keeps no keys
        emptyInARow = page.contents().isEmpty() ? emptyInARow + 1 : 0;
        if (emptyInARow > MAX_EMPTY_PAGES) {
          throw new IOException("LIST s3://" + bucket + "/" + prefix + " failed: the store answered "
              + emptyInARow + " pages without keys in a row, each saying more would follow");
        }
        boolean past = false;
        for (S3Object o : page.contents()) {
          if (previous != null && !ascending(previous, o.key())) {
            throw new IOException("LIST s3://" + bucket + "/" + prefix + " failed: the store listed '"
                + BadInputException.quoted(o.key()) + "' after '" + BadInputException.quoted(previous)
                + "', again or out of order, so its listing cannot be followed to an end");
          }
          previous = o.key();
          if (!nonEmpty || o.size() == null || o.size() > 0) {
            each.accept(o.key());
            count++;
          }
          past |= stopAfter != null && compareUtf8(o.key(), stopAfter) > 0;
        }
        String next = !past && Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        if (next != null && next.equals(token)) {
          throw new IOException("LIST s3://" + bucket + "/" + prefix + " failed: the store answered the same"
              + " continuation token again");
        }
        token = next;
      } while (token != null);
    } catch (SdkException e) {
      throw S3Failures.translate(settings, bucket, "LIST", "s3://" + bucket + "/" + prefix, e);
    }
  }

  /** Thrown inside the response transformer for a body above the size limit; never retried. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  /** @param range an HTTP Range ("bytes=0-2047"), or null for the whole object */
  static ByteBuffer get(S3Connection settings, S3Client client, String bucket, String key, long maxBytes,
      String range, ReusableBuffer into) throws IOException {
    String uri = "s3://" + bucket + "/" + key;
    try {
      // the transformer runs inside the SDK's retry loop: a body cut off mid-read is fetched again
      return client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).range(range).build(),
          (GetObjectResponse response, AbortableInputStream in) -> {
            Long length = response.contentLength();
            ByteBuffer data;
            try {
              data = into.read(in, length == null ? -1 : length, maxBytes, uri);
            } catch (TooLargeException e) {
              // announced or sent: either way the rest of the body is not read
              in.abort();
              throw new TooLarge(e.getMessage());
            }
            if (length != null && data.limit() != length) {
              throw new IOException(uri + " ended after " + data.limit() + " of " + length + " bytes");
            }
            return data;
          });
    } catch (TooLarge e) {
      throw new TooLargeException(e.getMessage());
    } catch (SdkException e) {
      // the SDK wraps what the transformer throws, at a depth that depends on its version
      for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
        if (c instanceof TooLarge) {
          throw new TooLargeException(c.getMessage());
        }
      }
      throw S3Failures.translate(settings, bucket, "GET", uri, e);
    }
  }

  /** Compares as S3 orders keys: by their UTF-8 bytes, unsigned. */
  /**
   * Whether {@code key} comes after {@code previous} in a listing: in S3's UTF-8 binary order, or in the
   * UTF-16 order of Java's strings, which S3-compatible stores written in Java (S3Proxy) list by. The two
   * differ only where a key holds characters above U+FFFF beside ones from U+E000 to U+FFFF.
   */
  static boolean ascending(String previous, String key) {
    return compareUtf8(key, previous) > 0 || key.compareTo(previous) > 0;
  }

  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
