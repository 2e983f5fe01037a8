package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection limit. The JDK reads it once per JVM, so this class runs in a JVM of its own
 * (the "own-jvm" tag, see the serving module's pom.xml).
 */
@Tag("own-jvm")
class ConnectionLimitTest {
  private static final int MAX_CONNECTIONS = 3;
  /** Time for the server to accept the connections opened so far; loopback accepts take microseconds. */
  private static final long ACCEPT_WAIT_MILLIS = 300;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path bundles;
  private LeverServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void connectionBeyondLimitIsClosed() throws Exception {
    server = TestBundles.startAnimalsServer(bundles, config -> config.withMaxConnections(MAX_CONNECTIONS));

    try (RawConnection first = new RawConnection(server);
        RawConnection second = new RawConnection(server);
        RawConnection third = new RawConnection(server)) {
      first.send("GET /healthz HTTP/1.1\r\n");
      second.send("GET /healthz HTTP/1.1\r\n");
      third.send("GET /healthz HTTP/1.1\r\n");
      Thread.sleep(ACCEPT_WAIT_MILLIS);

      try (RawConnection beyond = new RawConnection(server)) {
        beyond.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");

        assertEquals("", beyond.readUntilClosed(CLOSE_TIMEOUT), "closed without a reply");
      }
      third.send("Host: x\r\nConnection: close\r\n\r\n");

      assertTrue(third.readUntilClosed(CLOSE_TIMEOUT).startsWith("HTTP/1.1 200"), "connections within the limit are served");
    }
  }

  @Test
  void closedConnectionsFreeTheirPlaces() throws Exception {
    server = TestBundles.startAnimalsServer(bundles, config -> config.withMaxConnections(MAX_CONNECTIONS));
    for (int i = 0; i < 2 * MAX_CONNECTIONS; i++) {
      try (RawConnection connection = new RawConnection(server)) {
        connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertTrue(connection.readUntilClosed(CLOSE_TIMEOUT).startsWith("HTTP/1.1 200"), "request " + i);
      }
    }

    try (ServerClient client = new ServerClient(server)) {
      HttpResponse<String> health = client.get("/healthz");

      assertEquals(200, health.statusCode(), health.body());
    }
  }

}
