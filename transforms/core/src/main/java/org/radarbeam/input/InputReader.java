package org.radarbeam.input;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.http.HttpResult;
import org.radarbeam.http.Redaction;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.store.S3Archive;
import org.radarbeam.store.S3Connection;

/**
 * Reads one input file wherever it is: a provider URL (http, https), an S3 archive (s3://), or a
 * local path. Network errors are retried by the fetchers; what comes back is
 * either the bytes, a BadInputException (the body can never render), or an IOException.
 */
public final class InputReader implements Serializable {
  private static final long serialVersionUID = 1L;

  private final FetchSettings fetch;
  private final S3Connection s3;
  /**
   * The run's fetcher, held while this reader (a worker's step) lives: the JVM's cache holds fetchers only
   * softly (see {@link HttpFetcher}), and a run's fetcher keeps what it learnt of its providers.
   */
  private transient HttpFetcher http;

  /** @param s3 how to reach s3:// inputs (may be null when there are none) */
  public InputReader(FetchSettings fetch, S3Connection s3) {
    this.fetch = fetch;
    this.s3 = s3;
  }

  /**
   * Reads {@code uri} into {@code buffer} (a worker's, reused for every frame) and returns the view
   * of its bytes, valid until the buffer's next read.
   */
  public ByteBuffer read(String uri, ReusableBuffer buffer) throws IOException, BadInputException {
    if (isUrl(uri)) {
      HttpResult r = answered(uri, http().get(uri, buffer));
      int length = r.body().limit();
      if (InputSniffer.looksLikeHtml(ReusableBuffer.array(r.body()), length)) {
        throw new BadInputException(BadInputException.Kind.HTML, "provider returned HTML (" + length
            + " bytes, Content-Type " + (r.contentType().isEmpty() ? "unset" : r.contentType()) + ") instead of a radar file");
      }
      return r.body();
    }
    if (uri.startsWith("s3://")) {
      return S3Archive.readUri(s3(), uri, ReusableBuffer.MAX_INPUT_BYTES, buffer);
    }
    return InputFiles.readAll(uri, buffer);
  }

  /**
   * The first bytes of a file in object storage or at a URL, at least {@code bytes} of them where the file has
   * as many (a ranged request: a header, without the rest of the body); a local file is read whole.
   */
  public ByteBuffer readHead(String uri, int bytes, ReusableBuffer buffer) throws IOException, BadInputException {
    if (isUrl(uri)) {
      return answered(uri, http().getRange(uri, bytes)).body();
    }
    if (uri.startsWith("s3://")) {
      return S3Archive.readUriHead(s3(), uri, bytes, buffer);
    }
    return read(uri, buffer);
  }

  private static boolean isUrl(String uri) {
    return uri.startsWith("http://") || uri.startsWith("https://");
  }

  private HttpFetcher http() {
    if (http == null) {
      http = HttpFetcher.shared(fetch);
    }
    return http;
  }

  private S3Connection s3() {
    return s3 != null ? s3 : S3Connection.defaults();
  }

  /** {@code r}, the answer to a GET of {@code uri}, when it has the file; else an IOException naming its status. */
  private static HttpResult answered(String uri, HttpResult r) throws IOException {
    if (!r.ok()) {
      throw new IOException("GET " + Redaction.redact(uri) + " answered HTTP " + r.status());
    }
    return r;
  }
}
