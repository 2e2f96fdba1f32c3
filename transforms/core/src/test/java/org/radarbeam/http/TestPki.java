package org.radarbeam.http;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the HTTPS tests, made with BouncyCastle on the JDK's own crypto: root and
 * intermediate CAs, and server certificates for an IP address (127.0.0.1 unless told), valid from
 * an hour ago for a day. Public for the S3 tests over TLS.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key pair and its certificate. */
  public record Issued(KeyPair keys, X509Certificate cert) {}

  private TestPki() {}

  public static Issued rootCa(String name) throws Exception {
    KeyPair keys = keys();
    X500Name subject = new X500Name("CN=" + name);
    return sign(caBuilder(subject, keys, subject, keys), keys, keys);
  }

  static Issued intermediateCa(String name, Issued issuer) throws Exception {
    KeyPair keys = keys();
    return sign(caBuilder(new X500Name("CN=" + name), keys, name(issuer), issuer.keys()), keys, issuer.keys());
  }

  /** A server certificate for 127.0.0.1 signed by {@code issuer}; null for a self-signed one. */
  public static Issued server(Issued issuer) throws Exception {
    return server(issuer, "127.0.0.1", null);
  }

  /**
   * @param ip the address in the certificate's subject alternative name
   * @param caIssuersUrl where the certificate says its issuer can be fetched (AIA), or null
   */
  static Issued server(Issued issuer, String ip, String caIssuersUrl) throws Exception {
    KeyPair keys = keys();
    X500Name subject = new X500Name("CN=" + ip);
    KeyPair signer = issuer == null ? keys : issuer.keys();
    X509v3CertificateBuilder b = builder(issuer == null ? subject : name(issuer), subject, keys);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)))
        .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
        .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(signer.getPublic()));
    if (caIssuersUrl != null) {
      b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
          AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier, caIssuersUrl)));
    }
    return sign(b, keys, signer);
  }

  /** The certificates as a PEM bundle, with a comment line as real bundles have. */
  public static String pem(X509Certificate... certs) throws GeneralSecurityException {
    StringBuilder s = new StringBuilder("# test CAs\n");
    Base64.Encoder enc = Base64.getMimeEncoder(64, new byte[] {'\n'});
    for (X509Certificate c : certs) {
      s.append("-----BEGIN CERTIFICATE-----\n").append(enc.encodeToString(c.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return s.toString();
  }

  /** A PKCS12 key store of {@code server}'s key, its certificate followed by {@code chain}, under {@code password}. */
  public static KeyStore keyStore(Issued server, char[] password, X509Certificate... chain) throws Exception {
    X509Certificate[] all = new X509Certificate[chain.length + 1];
    all[0] = server.cert();
    System.arraycopy(chain, 0, all, 1, chain.length);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", server.keys().getPrivate(), password, all);
    return ks;
  }

  /** A server's SSLContext: it presents {@code server}'s certificate followed by {@code chain}. */
  static SSLContext serverContext(Issued server, X509Certificate... chain) throws Exception {
    char[] pw = "test".toCharArray();
    KeyStore ks = keyStore(server, pw, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static X509v3CertificateBuilder caBuilder(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys)
      throws Exception {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    return builder(issuer, subject, keys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
        .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
  }

  private static Issued sign(X509v3CertificateBuilder b, KeyPair subject, KeyPair signer) throws Exception {
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    return new Issued(subject, cert);
  }

  private static X500Name name(Issued ca) {
    return X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }
}
