package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the load generator against a JDK HTTP server on an ephemeral loopback port. */
class HttpLoadGeneratorTest {
  private static final List<byte[]> BODIES = List.of(
      "{\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8),
      "{\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8),
      "{\"text\":\"c\"}".getBytes(StandardCharsets.UTF_8));
  private static final long SLOW_REPLY_MILLIS = 40;

  private HttpServer server;
  private final AtomicInteger handled = new AtomicInteger();
  private final Set<String> bodiesSeen = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/ok", exchange -> reply(exchange, 200));
    server.createContext("/busy", exchange -> reply(exchange, 503));
    server.createContext("/slow", exchange -> {
      try {
        Thread.sleep(SLOW_REPLY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(exchange, 200);
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void reply(HttpExchange exchange, int status) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodiesSeen.add(body);
    handled.incrementAndGet();
    byte[] reply = ("{\"seen\":" + body + "}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void fixedRateSendsEveryDueRequest() throws InterruptedException {
    HttpLoadGenerator load = new HttpLoadGenerator(uri("/ok"), BODIES);

    BenchResult result = load.fixedRate("fixed", 200, Duration.ofSeconds(1), 4);

    assertEquals(200, result.requests());
    assertEquals(0, result.errors(), () -> "errors: " + load.errorSamples());
    assertEquals(200, handled.get());
    assertEquals(200, result.latency().count());
    assertEquals(3, bodiesSeen.size());
  }

  @Test
  void fixedRateCountsFromDueTime() throws InterruptedException {
    // One connection, a 40 ms reply and a request due every 20 ms: request 25 is due at 0.48 s but
    // can only be sent after the first 24 replies, about 0.96 s in.
    HttpLoadGenerator load = new HttpLoadGenerator(uri("/slow"), BODIES);

    BenchResult result = load.fixedRate("slow", 50, Duration.ofMillis(500), 1);

    assertEquals(25, result.requests());
    assertEquals(0, result.errors(), () -> "errors: " + load.errorSamples());
    assertTrue(result.latency().max() >= Duration.ofMillis(400).toNanos(),
        "max latency " + result.latency().max() / 1e6 + " ms hides the queueing behind the slow replies");
  }

  @Test
  void closedLoopCountsEveryReply() throws InterruptedException {
    HttpLoadGenerator load = new HttpLoadGenerator(uri("/ok"), BODIES);

    BenchResult result = load.closedLoop("closed", 2, Duration.ofMillis(500));

    assertTrue(result.requests() > 0);
    assertEquals(0, result.errors(), () -> "errors: " + load.errorSamples());
    assertEquals(result.requests(), handled.get());
  }

  @Test
  void errorStatusCountsAsError() throws InterruptedException {
    HttpLoadGenerator load = new HttpLoadGenerator(uri("/busy"), BODIES);

    BenchResult result = load.fixedRate("busy", 100, Duration.ofMillis(200), 2);

    assertEquals(20, result.requests());
    assertEquals(20, result.errors());
    assertTrue(load.errorSamples().getFirst().startsWith("503 {\"seen\":"), load.errorSamples().getFirst());
  }

  @Test
  void closedPortCountsAsError() throws InterruptedException {
    URI closed = uri("/ok");
    server.stop(0);
    HttpLoadGenerator load = new HttpLoadGenerator(closed, BODIES);

    BenchResult result = load.fixedRate("refused", 100, Duration.ofMillis(100), 1);

    assertEquals(10, result.requests());
    assertEquals(10, result.errors());
    assertTrue(load.errorSamples().getFirst().contains("ConnectException"), load.errorSamples().getFirst());
  }

  @Test
  void generatorTargetsOnlyLoopback() {
    assertThrows(IllegalArgumentException.class,
        () -> new HttpLoadGenerator(URI.create("http://192.0.2.1:8080/v1/predict"), BODIES));
    assertThrows(IllegalArgumentException.class,
        () -> new HttpLoadGenerator(URI.create("http://127.0.0.1/v1/predict"), BODIES));
    assertThrows(IllegalArgumentException.class,
        () -> new HttpLoadGenerator(URI.create("http://127.0.0.1:8080/v1/predict"), List.of()));
  }
}
