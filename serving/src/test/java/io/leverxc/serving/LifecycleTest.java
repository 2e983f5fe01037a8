package io.leverxc.serving;

import static io.leverxc.serving.ServerErrorsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up before the model is ready, overload with 503 and Retry-After, and graceful shutdown. */
class LifecycleTest {
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  /** Twice the 34 threads of the fixed pool that stalledClientsDoNotBlockOtherRequests describes. */
  private static final int STALLED_CLIENTS = 68;
  /** Generous for one loopback request, and short enough that a failing test ends within seconds. */
  private static final Duration STALLED_TEST_REPLY_TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path bundles;
  private Path animals;
  private TestBundles loader;
  private LeverServer server;
  private ServerClient client;

  @BeforeEach
  void writeBundle() throws IOException {
    animals = TestBundles.write(bundles, "animals", TestBundles.ANIMALS);
    loader = new TestBundles();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  private void startServer(ServerConfig config) throws IOException {
    server = LeverServer.start(config, loader);
    client = new ServerClient(server);
  }

  @Test
  void notReadyUntilModelLoads() throws Exception {
    loader.loadGate = new CountDownLatch(1);
    startServer(ServerConfig.defaults(animals, 0));

    HttpResponse<String> ready = client.get("/readyz");
    assertEquals(503, ready.statusCode(), ready.body());
    assertEquals("1", ready.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("no model loaded yet", ServerClient.json(ready).get("reason").asText());
    assertEquals(200, client.get("/healthz").statusCode(), "live while loading");

    HttpResponse<String> predict = client.post("/v1/predict", "{\"text\": \"dog\"}");
    assertError(predict, 503, "model_not_loaded", null);
    assertEquals("1", predict.headers().firstValue("Retry-After").orElseThrow());
    assertError(client.get("/v1/model"), 503, "model_not_loaded", null);
    assertError(client.get("/v1/labels/0"), 503, "model_not_loaded", null);

    loader.loadGate.countDown();
    assertEquals("model-animals", server.initialLoad().get(10, TimeUnit.SECONDS));
    assertEquals(200, client.get("/readyz").statusCode());
  }

  @Test
  void failedInitialLoadIsReported() throws Exception {
    startServer(ServerConfig.defaults(bundles.resolve("missing"), 0));
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> server.initialLoad().get(10, TimeUnit.SECONDS));
    assertTrue(failure.getCause().getMessage().contains("missing"), failure.getCause().getMessage());
    assertEquals(503, client.get("/readyz").statusCode());
    assertEquals(200, client.get("/healthz").statusCode());
  }

  @Test
  void fullQueueGets503WithRetryAfter() throws Exception {
    loader.predictEntered = new CountDownLatch(1);
    loader.predictGate = new CountDownLatch(1);
    startServer(ServerConfig.defaults(animals, 0).withConcurrency(1, 0, Duration.ZERO));
    server.initialLoad().get(10, TimeUnit.SECONDS);

    CompletableFuture<HttpResponse<String>> busy = CompletableFuture.supplyAsync(() -> predict(client));
    assertTrue(loader.predictEntered.await(10, TimeUnit.SECONDS), "the first request holds the only slot");

    HttpResponse<String> rejected = client.post("/v1/predict", "{\"text\": \"dog\"}");
    assertError(rejected, 503, "overloaded", null);
    assertEquals("1", rejected.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(200, client.get("/healthz").statusCode(), "health checks bypass the prediction queue");
    assertEquals(200, client.get("/v1/labels/1").statusCode(), "label lookups bypass the prediction queue");

    loader.predictGate.countDown();
    assertEquals(200, busy.get(10, TimeUnit.SECONDS).statusCode());
    String metrics = client.get("/metrics").body();
    assertTrue(metrics.contains("lever_overload_rejections_total 1"), metrics);
    assertTrue(metrics.contains("lever_http_requests_total{route=\"predict\",status=\"503\"} 1"), metrics);
  }

  @Test
  void queuedRequestWaitsForSlot() throws Exception {
    loader.predictEntered = new CountDownLatch(1);
    loader.predictGate = new CountDownLatch(1);
    startServer(ServerConfig.defaults(animals, 0).withConcurrency(1, 1, Duration.ofSeconds(10)));
    server.initialLoad().get(10, TimeUnit.SECONDS);

    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> predict(client));
    assertTrue(loader.predictEntered.await(10, TimeUnit.SECONDS));
    CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> predict(client));
    waitUntil(() -> client.get("/metrics").body().contains("lever_predictions_queued 1"));

    loader.predictGate.countDown();
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
  }

  /**
   * Opens stalled connections, half of them stopping inside the headers and half inside a body,
   * and checks that health checks and predictions are still served. The JDK's server reads
   * headers and bodies on the executor's threads, so with a fixed pool of one thread per
   * concurrent, queued and other request (2 + 16 + 16 here), 34 such clients block every request.
   */
  @Test
  void stalledClientsDoNotBlockOtherRequests() throws Exception {
    startServer(ServerConfig.defaults(animals, 0).withConcurrency(2, 16, Duration.ofSeconds(1)));
    server.initialLoad().get(10, TimeUnit.SECONDS);
    byte[] partialHeaders = "GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] partialBody = ("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\n\r\n{\"text\":").getBytes(StandardCharsets.US_ASCII);

    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED_CLIENTS; i++) {
        Socket socket = new Socket();
        stalled.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), CONNECT_TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(i % 2 == 0 ? partialHeaders : partialBody);
        out.flush();
      }

      try (ServerClient impatient = new ServerClient(server, STALLED_TEST_REPLY_TIMEOUT)) {
        assertEquals(200, impatient.get("/healthz").statusCode(), "health checks are served");
        assertEquals(200, impatient.get("/readyz").statusCode(), "readiness checks are served");
        HttpResponse<String> prediction = impatient.post("/v1/predict", "{\"text\": \"dog\"}");
        assertEquals(200, prediction.statusCode(), prediction.body());
      }
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void stopDrainsInFlightRequests() throws Exception {
    CompletableFuture<HttpResponse<String>> inFlight = startWithHeldPrediction(Duration.ofSeconds(10));
    int port = server.port();
    CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(server::stop);

    waitUntil(() -> !accepts(port));
    assertFalse(stopping.isDone(), "stop waits for the in-flight request");
    assertFalse(loader.loaded.getFirst().isClosed(), "the model stays open while a request uses it");

    loader.predictGate.countDown();
    HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("close", response.headers().firstValue("connection").orElse("(none)"),
        "a reply sent while draining tells the client not to reuse the connection");
    assertTrue(stopping.get(15, TimeUnit.SECONDS), "this stop call did the stopping");
    assertTrue(loader.loaded.getFirst().isClosed(), "the model is closed after the drain");
    assertFalse(server.stop(), "a second stop does nothing");
  }

  @Test
  void drainTimeoutLogsUnfinishedRequests() throws Exception {
    CompletableFuture<HttpResponse<String>> inFlight = startWithHeldPrediction(Duration.ofMillis(300));

    LogCapture.Captured<Boolean> stop = LogCapture.during(server::stop);
    loader.predictGate.countDown();

    assertTrue(stop.result());
    assertTrue(stop.log().contains("1 request still in flight after the 300 ms drain timeout"), stop.log());
    assertThrows(ExecutionException.class, () -> inFlight.get(10, TimeUnit.SECONDS));
  }

  /**
   * Starts a server with {@code drain} as its drain timeout and sends one prediction that the test
   * loader holds until {@code loader.predictGate} opens; returns that request once it is in the model.
   */
  private CompletableFuture<HttpResponse<String>> startWithHeldPrediction(Duration drain) throws Exception {
    loader.predictEntered = new CountDownLatch(1);
    loader.predictGate = new CountDownLatch(1);
    startServer(ServerConfig.defaults(animals, 0).withDrainTimeout(drain));
    server.initialLoad().get(10, TimeUnit.SECONDS);
    CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> predict(client));
    assertTrue(loader.predictEntered.await(10, TimeUnit.SECONDS));
    return inFlight;
  }

  private static HttpResponse<String> predict(ServerClient client) {
    try {
      return client.post("/v1/predict", "{\"text\": \"dog\"}");
    } catch (Exception e) {
      throw new IllegalStateException("predict request failed", e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitUntil(Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
