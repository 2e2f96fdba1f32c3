package org.radarbeam.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * An HTTP client that reports the I/O errors of the client it wraps as {@link IOException}s. The
 * URL-connection client throws some of them unchecked, for example "Unexpected end of file from
 * server" when a kept-alive connection is closed by the store while a PUT waits for 100 Continue;
 * the SDK's retry stage retries only checked ones, so without this such a write fails at once.
 */
final class CheckedIoHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;

  private CheckedIoHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** A builder of {@code delegate}'s clients, each wrapped; the SDK still closes them with its client. */
  static SdkHttpClient.Builder<?> wrapping(SdkHttpClient.Builder<?> delegate) {
    return new Builder(delegate);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest call = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        try {
          return call.call();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static final class Builder implements SdkHttpClient.Builder<Builder> {
    private final SdkHttpClient.Builder<?> delegate;

    Builder(SdkHttpClient.Builder<?> delegate) {
      this.delegate = delegate;
    }

    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return new CheckedIoHttpClient(delegate.buildWithDefaults(serviceDefaults));
    }
  }
}
