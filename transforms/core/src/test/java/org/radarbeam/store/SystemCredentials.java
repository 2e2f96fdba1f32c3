package org.radarbeam.store;

/**
 * Credentials in the AWS default chain through the Java system properties {@code aws.accessKeyId}
 * and {@code aws.secretAccessKey} (which the chain consults before the environment and profiles),
 * restored to their previous values on {@link #close()}. Handles nest: close them in reverse order.
 */
public final class SystemCredentials implements AutoCloseable {
  public static final String ACCESS_KEY_PROPERTY = "aws.accessKeyId";
  public static final String SECRET_KEY_PROPERTY = "aws.secretAccessKey";
  public static final String SESSION_TOKEN_PROPERTY = "aws.sessionToken";

  private final String previousAccessKey;
  private final String previousSecretKey;
  private final String previousSessionToken;
  private boolean closed;

  private SystemCredentials() {
    previousAccessKey = System.getProperty(ACCESS_KEY_PROPERTY);
    previousSecretKey = System.getProperty(SECRET_KEY_PROPERTY);
    previousSessionToken = System.getProperty(SESSION_TOKEN_PROPERTY);
  }

  /** Sets the access key and secret (and clears any session token) until closed. */
  public static SystemCredentials set(String accessKey, String secretKey) {
    SystemCredentials c = new SystemCredentials();
    System.setProperty(ACCESS_KEY_PROPERTY, accessKey);
    System.setProperty(SECRET_KEY_PROPERTY, secretKey);
    System.clearProperty(SESSION_TOKEN_PROPERTY);
    return c;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    restore(ACCESS_KEY_PROPERTY, previousAccessKey);
    restore(SECRET_KEY_PROPERTY, previousSecretKey);
    restore(SESSION_TOKEN_PROPERTY, previousSessionToken);
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }

  @Override
  public String toString() {
    return "SystemCredentials{aws.accessKeyId/aws.secretAccessKey set, values hidden}";
  }
}
