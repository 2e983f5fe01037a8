package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request read timeout. The JDK reads it once per JVM, so this class runs in a JVM of its own
 * (the "own-jvm" tag, see the serving module's pom.xml).
 */
@Tag("own-jvm")
class RequestReadTimeoutTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  /** The JDK checks the timeout once a second, so the close comes within about two seconds. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(6);

  @TempDir Path bundles;
  private LeverServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void stalledRequestIsClosedAfterTimeout() throws Exception {
    server = TestBundles.startAnimalsServer(bundles, config -> config.withRequestReadTimeout(READ_TIMEOUT));

    try (RawConnection stalledInHeaders = new RawConnection(server);
        RawConnection stalledInBody = new RawConnection(server)) {
      stalledInHeaders.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
      stalledInBody.send("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"text\":");
      long start = System.nanoTime();

      assertEquals("", stalledInHeaders.readUntilClosed(CLOSE_TIMEOUT), "closed without a reply");
      assertEquals("", stalledInBody.readUntilClosed(CLOSE_TIMEOUT), "closed without a reply");
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(waited.compareTo(READ_TIMEOUT) >= 0, "closed after " + waited + ", before the timeout");
    }
  }

  @Test
  void slowButCompleteRequestIsServed() throws Exception {
    server = TestBundles.startAnimalsServer(bundles, config -> config.withRequestReadTimeout(READ_TIMEOUT));

    try (RawConnection connection = new RawConnection(server)) {
      connection.send("GET /healthz HTTP/1.1\r\n");
      Thread.sleep(READ_TIMEOUT.toMillis() / 4);
      connection.send("Host: x\r\nConnection: close\r\n\r\n");

      assertTrue(connection.readUntilClosed(CLOSE_TIMEOUT).startsWith("HTTP/1.1 200"));
    }
  }
}
