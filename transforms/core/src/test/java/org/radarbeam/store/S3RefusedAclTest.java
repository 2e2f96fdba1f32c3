package org.radarbeam.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bucket whose objects take no ACLs (AWS's default for new buckets, "bucket owner enforced"), which S3Proxy
 * cannot be made to be: a store on 127.0.0.1 that refuses a PUT with an ACL as AWS does.
 */
class S3RefusedAclTest {
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aBucketThatTakesNoAclsSaysToRunWithout() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessControlListNotSupported</Code>"
          + "<Message>The bucket does not allow ACLs</Message><RequestId>1</RequestId></Error>")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/xml");
      ex.sendResponseHeaders(400, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    S3Connection settings = S3ProxyServer.settingsFor("http://127.0.0.1:" + server.getAddress().getPort());
    S3ObjectStore store = new S3ObjectStore(S3Location.of("maps", "iradar"), settings,
        new S3WritePolicy(null, "public-read"));
    IOException e;
    try (SystemCredentials c = S3ProxyServer.useTestCredentials()) {
      e = assertThrows(IOException.class, () -> store.write("legend.png", new byte[] {1}, "image/png"));
    }
    assertEquals("S3 bucket 'maps' takes no ACLs (400 AccessControlListNotSupported) for PUT s3://maps/iradar/legend.png"
        + " at " + settings.endpointForMessages() + ": run without --acl and make the objects readable with a bucket"
        + " policy instead", e.getMessage());
  }
}
