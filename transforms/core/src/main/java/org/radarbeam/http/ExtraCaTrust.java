package org.radarbeam.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust store plus CA certificates an operator adds (--caCerts: a corporate
 * proxy's, a mirror's or an in-cluster S3 store's private CA), like NODE_EXTRA_CA_CERTS: a server's
 * chain is accepted if it leads to either. The trust manager is the JDK's own PKIX one, so hostname
 * verification and AIA fetching work the same with or without extra CAs.
 */
public final class ExtraCaTrust {
  private ExtraCaTrust() {}

  /**
   * The certificates of a PEM text (a bundle; text between the blocks is ignored).
   *
   * @throws CertificateException no certificate, or one that does not parse
   */
  public static List<X509Certificate> parse(String pem) throws CertificateException {
    // ISO-8859-1 gives back the file's bytes as they were read (see FetchSettings#caCertsPem)
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c : CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1)))) {
      out.add((X509Certificate) c);
    }
    if (out.isEmpty()) {
      throw new CertificateException("no certificate found");
    }
    return out;
  }

  /**
   * An SSLContext trusting the default trust store and the certificates of {@code pem} (see {@link
   * #trustManager(String)}). Only JDK classes are in it: an HTTP client's selector thread that outlives a
   * job (a Flink session cluster's TaskManager) then holds nothing of the job's class loader.
   */
  static SSLContext sslContext(String pem) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {trustManager(pem)}, null);
    return ctx;
  }

  /**
   * A trust manager of the default trust store and the certificates of {@code pem}: one PKIX trust
   * manager of the JDK's over both sets of anchors, so a chain that leads to either is accepted. The
   * provider downloads and the S3 client both use it.
   */
  public static X509ExtendedTrustManager trustManager(String pem) throws GeneralSecurityException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    try {
      anchors.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e); // an empty in-memory store: cannot happen
    }
    int n = 0;
    for (X509Certificate c : trustManager((KeyStore) null).getAcceptedIssuers()) {
      anchors.setCertificateEntry("default-ca-" + n++, c);
    }
    for (X509Certificate c : parse(pem)) {
      anchors.setCertificateEntry("extra-ca-" + n++, c);
    }
    return trustManager(anchors);
  }

  /**
   * Whether a TLS handshake failed on the server's certificate (no chain to a trusted CA, an expired
   * one, another host's name) rather than on the connection: trying again would fail the same way.
   */
  public static boolean untrusted(Throwable e) {
    return causedBy(e, CertificateException.class, CertPathValidatorException.class, CertPathBuilderException.class);
  }

  /**
   * Whether a TLS handshake failed because the server's chain leads to no trusted CA: the one failure of
   * {@link #untrusted} that --caCerts mends (an expired certificate or another host's is not).
   */
  public static boolean unknownCa(Throwable e) {
    return causedBy(e, CertPathBuilderException.class);
  }

  @SafeVarargs
  private static boolean causedBy(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The PKIX trust manager over {@code anchors}; null for the JDK's default trust store. */
  private static X509ExtendedTrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(anchors);
    for (TrustManager t : f.getTrustManagers()) {
      if (t instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in " + f.getAlgorithm());
  }
}
