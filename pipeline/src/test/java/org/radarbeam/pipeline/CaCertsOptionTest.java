package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --caCerts: read and checked before any work, carried as text to the fetchers and the S3 clients. */
class CaCertsOptionTest {
  @TempDir Path tmp;

  private RunConfig config(String caCerts) throws InvalidOptionsException {
    return RadarJob.config(RadarJob.options("--sources=dwd", "--input=" + tmp.resolve("in"),
        "--output=" + tmp.resolve("out"), "--caCerts=" + caCerts));
  }

  @Test
  void aBundleIsCarriedAsText() throws Exception {
    Path bundle = tmp.resolve("ca.pem");
    String pem = "# a CA of the default trust store\n" + pem(defaultTrustedCa());
    Files.writeString(bundle, pem, StandardCharsets.ISO_8859_1);
    RunConfig c = config(bundle.toString());
    assertEquals(pem, c.fetch().caCertsPem());
    assertEquals(pem, c.outputs().s3().caCertsPem());
  }

  @Test
  void withoutTheOptionOnlyTheDefaultTrustStoreIsUsed() throws Exception {
    RunConfig c = RadarJob.config(RadarJob.options("--sources=dwd", "--input=" + tmp.resolve("in"),
        "--output=" + tmp.resolve("out")));
    assertEquals("", c.fetch().caCertsPem());
    assertEquals("", c.outputs().s3().caCertsPem());
  }

  @Test
  void aMissingFileIsAnInvalidOption() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> config(tmp.resolve("absent.pem").toString()));
    assertTrue(e.getMessage().startsWith("--caCerts cannot read " + tmp.resolve("absent.pem")), e.getMessage());
  }

  /** A path no file can have (a NUL in it) is an invalid option naming why, not a crash. */
  @Test
  void aPathNoFileCanHaveIsAnInvalidOption() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> config("ca\u0000.pem"));
    assertTrue(e.getMessage().startsWith("--caCerts cannot read ca\u0000.pem: InvalidPathException"), e.getMessage());
  }

  /** A FIFO, a device or a huge file would hold or fill the JVM before any work: refused unread. */
  @Test
  void onlyARegularFileOfAtMostAMegabyteIsRead() throws Exception {
    Path fifo = tmp.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    for (String notAFile : new String[] {fifo.toString(), "/dev/zero", tmp.toString()}) {
      InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> config(notAFile));
      assertEquals("--caCerts cannot read " + notAFile + ": not a regular file (a folder, a FIFO or a device)",
          e.getMessage());
    }
    Path big = tmp.resolve("big.pem");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(RunConfig.MAX_CA_CERTS_BYTES + 1);
    }
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> config(big.toString()));
    assertEquals("--caCerts cannot read " + big + ": it holds 1048577 bytes, more than the 1048576 a file of CA"
        + " certificates takes", e.getMessage());
  }

  @Test
  void aFileWithoutCertificatesIsAnInvalidOption() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> config(junk.toString()));
    assertTrue(e.getMessage().startsWith("--caCerts " + junk + " holds no valid PEM certificates"), e.getMessage());
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "");
    assertThrows(InvalidOptionsException.class, () -> config(empty.toString()));
  }

  private static X509Certificate defaultTrustedCa() throws Exception {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    return ((X509TrustManager) f.getTrustManagers()[0]).getAcceptedIssuers()[0];
  }

  private static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
