package org.radarbeam.input;

import java.io.IOException;
import java.io.Serializable;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.http.FetchSettings;
import org.radarbeam.http.HttpFetcher;
import org.radarbeam.http.HttpResult;
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

  /** @param s3 how to reach s3:// inputs (may be null when there are none) */
  public InputReader(FetchSettings fetch, S3Connection s3) {
    this.fetch = fetch;
    this.s3 = s3;
  }

  public byte[] read(String uri) throws IOException, BadInputException {
    if (uri.startsWith("http://") || uri.startsWith("https://")) {
      HttpResult r = HttpFetcher.shared(fetch).get(uri);
      if (!r.ok()) {
        throw new IOException("GET " + uri + " answered HTTP " + r.status());
      }
      if (r.body().length > InputFiles.MAX_INPUT_BYTES) {
        throw new BadInputException(BadInputException.Kind.TOO_LARGE, "input is " + r.body().length + " bytes");
      }
      if (InputSniffer.looksLikeHtml(r.body())) {
        throw new BadInputException(BadInputException.Kind.HTML, "provider returned HTML (" + r.body().length
            + " bytes, Content-Type " + (r.contentType().isEmpty() ? "unset" : r.contentType()) + ") instead of a radar file");
      }
      return r.body();
    }
    if (uri.startsWith("s3://")) {
      return S3Archive.readUri(s3 != null ? s3 : S3Connection.defaults(), uri, InputFiles.MAX_INPUT_BYTES);
    }
    return InputFiles.readAll(uri);
  }
}
