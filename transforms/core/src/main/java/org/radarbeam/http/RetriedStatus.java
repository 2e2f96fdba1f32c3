package org.radarbeam.http;

/** Which HTTP answers are worth asking again, for the providers' client and the object stores alike. */
public final class RetriedStatus {
  private RetriedStatus() {}

  /**
   * A server error, too many requests, a request timeout. Not 501 and 505: the server does not do what
   * was asked, however often it is asked.
   */
  public static boolean test(int status) {
    return status >= 500 && status != 501 && status != 505 || status == 429 || status == 408;
  }
}
