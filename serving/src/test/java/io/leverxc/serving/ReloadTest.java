package io.leverxc.serving;

import static io.leverxc.serving.ServerErrorsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.leverxc.model.LabelPredictor;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload through {@code POST /v1/admin/reload}: atomic swap, closing the old model, failures. */
class ReloadTest {
  private static final Duration CONCURRENT_TEST_LIMIT = Duration.ofSeconds(10);
  private static final int CLIENT_THREADS = 4;
  private static final int RELOADS = 6;

  @TempDir Path bundles;
  private Path animals;
  private Path birds;
  private TestBundles loader;
  private LeverServer server;
  private ServerClient client;

  @BeforeEach
  void start() throws Exception {
    animals = TestBundles.write(bundles, "animals", TestBundles.ANIMALS);
    birds = TestBundles.write(bundles, "birds", TestBundles.BIRDS);
    loader = new TestBundles();
  }

  private void startServer() throws Exception {
    startServer(loader);
  }

  private void startServer(ModelLoader modelLoader) throws Exception {
    ServerConfig config = ServerConfig.defaults(animals, 0).withAdmin(true, true);
    server = LeverServer.start(config, modelLoader);
    server.initialLoad().get(30, TimeUnit.SECONDS);
    client = new ServerClient(server);
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

  @Test
  void reloadSwapsModelAndClosesOld() throws Exception {
    startServer();
    HttpResponse<String> reload = client.post("/v1/admin/reload", "{\"path\": \"" + birds + "\"}");
    assertEquals(200, reload.statusCode(), reload.body());
    JsonNode body = ServerClient.json(reload);
    assertEquals("model-birds", body.get("model").asText());
    assertEquals("model-animals", body.get("previous_model").asText());
    assertEquals(birds.toString(), body.get("source").asText());

    assertEquals("model-birds", ServerClient.json(client.get("/v1/model")).get("model").asText());
    HttpResponse<String> predict = client.post("/v1/predict", "{\"text\": \"feather\"}");
    assertEquals(2, ServerClient.json(predict).get("labels").get(0).get("id").asInt(), predict.body());
    assertEquals("model-birds", ServerClient.json(predict).get("model").asText());
    assertTrue(loader.loaded.get(0).isClosed(), "the replaced model is closed");
    assertFalse(loader.loaded.get(1).isClosed(), "the serving model is open");

    String metrics = client.get("/metrics").body();
    assertTrue(metrics.contains("lever_model_reloads_total{result=\"success\"} 1"), metrics);
    assertTrue(metrics.contains("lever_model_info{model_id=\"model-birds\"} 1"), metrics);
  }

  @Test
  void reloadWithoutBodyReloadsConfiguredPath() throws Exception {
    startServer();
    HttpResponse<String> reload = client.send("POST", "/v1/admin/reload", null, null);
    assertEquals(200, reload.statusCode(), reload.body());
    assertEquals("model-animals", ServerClient.json(reload).get("model").asText());
    assertEquals(2, loader.loaded.size(), "a fresh instance was loaded");
    assertTrue(loader.loaded.get(0).isClosed());
  }

  @Test
  void sameLabelsGiveSameLabelSpace() throws Exception {
    startServer();

    LogCapture.Captured<HttpResponse<String>> reload =
        LogCapture.during(() -> client.send("POST", "/v1/admin/reload", null, null));

    JsonNode body = ServerClient.json(reload.result());
    assertEquals("same", body.path("label_space").asText(), reload.result().body());
    assertFalse(body.has("first_differing_label"), reload.result().body());
    assertFalse(reload.log().contains("label space"), reload.log());
  }

  @Test
  void appendedLabelsGiveExtendedLabelSpace() throws Exception {
    List<String> labels = new ArrayList<>(TestBundles.ANIMALS);
    labels.add("fish water fin");
    Path extended = TestBundles.write(bundles, "extended", labels);
    startServer();

    LogCapture.Captured<HttpResponse<String>> reload = LogCapture.during(() -> reloadTo(extended));

    JsonNode body = ServerClient.json(reload.result());
    assertEquals(200, reload.result().statusCode(), reload.result().body());
    assertEquals("extended", body.path("label_space").asText(), reload.result().body());
    assertFalse(body.has("first_differing_label"), reload.result().body());
    assertFalse(reload.log().contains("label space"), reload.log());
  }

  @Test
  void changedLabelTextIsReportedAndLogged() throws Exception {
    startServer();

    LogCapture.Captured<HttpResponse<String>> reload = LogCapture.during(() -> reloadTo(birds));

    JsonNode body = ServerClient.json(reload.result());
    assertEquals(200, reload.result().statusCode(), reload.result().body());
    assertEquals("changed", body.path("label_space").asText(), reload.result().body());
    assertEquals(2, body.path("first_differing_label").asInt(), reload.result().body());
    assertTrue(reload.log().contains("WARN io.leverxc.serving.ModelReloader - Model model-birds (5 labels) changes the"
        + " label space of model model-animals (4 labels) from label id 2 on, so label ids that clients stored may"
        + " now name other labels or none"), reload.log());
  }

  @Test
  void failedLabelComparisonKeepsOldModel() throws Exception {
    Path unreadablePath = bundles.resolve("unreadable");
    UnreadableLabels unreadable = new UnreadableLabels();
    startServer(bundle -> bundle.equals(unreadablePath) ? unreadable : loader.load(bundle));

    HttpResponse<String> reload = reloadTo(unreadablePath);

    assertError(reload, 422, "reload_failed", "path");
    assertTrue(ServerClient.json(reload).get("error").get("message").asText().contains("label texts are unreadable"),
        reload.body());
    assertTrue(unreadable.closed.get(), "the model that was not installed is closed");
    assertEquals("model-animals", ServerClient.json(client.get("/v1/model")).get("model").asText());
  }

  @Test
  void fewerLabelsGiveChangedLabelSpace() throws Exception {
    Path fewer = TestBundles.write(bundles, "fewer", TestBundles.ANIMALS.subList(0, 3));
    startServer();

    HttpResponse<String> reload = reloadTo(fewer);

    JsonNode body = ServerClient.json(reload);
    assertEquals(200, reload.statusCode(), reload.body());
    assertEquals("changed", body.path("label_space").asText(), reload.body());
    assertEquals(3, body.path("first_differing_label").asInt(), reload.body());
  }

  @Test
  void failedReloadKeepsOldModel() throws Exception {
    startServer();
    Path missing = bundles.resolve("missing");
    HttpResponse<String> reload = client.post("/v1/admin/reload", "{\"path\": \"" + missing + "\"}");
    assertError(reload, 422, "reload_failed", "path");
    assertTrue(ServerClient.json(reload).get("error").get("message").asText().contains("model-animals"), reload.body());

    HttpResponse<String> predict = client.post("/v1/predict", "{\"text\": \"dog\"}");
    assertEquals(200, predict.statusCode(), predict.body());
    assertEquals("model-animals", ServerClient.json(predict).get("model").asText());
    assertFalse(loader.loaded.get(0).isClosed());
    String metrics = client.get("/metrics").body();
    assertTrue(metrics.contains("lever_model_reloads_total{result=\"failure\"} 1"), metrics);
    assertTrue(metrics.contains("lever_model_reloads_total{result=\"success\"} 0"), metrics);
  }

  @Test
  void invalidReloadBodyGets400() throws Exception {
    startServer();
    assertError(client.post("/v1/admin/reload", "{\"path\": 5}"), 400, "invalid_field", "path");
    HttpResponse<String> emptyPath = client.post("/v1/admin/reload", "{\"path\": \"\"}");
    assertError(emptyPath, 400, "invalid_field", "path");
    assertTrue(ServerClient.json(emptyPath).get("error").get("message").asText().endsWith("found an empty string."),
        emptyPath.body());
    assertError(client.post("/v1/admin/reload", "{\"bundle\": \"x\"}"), 400, "unknown_field", "bundle");
    assertError(client.post("/v1/admin/reload", "[1]"), 400, "invalid_body", null);
    assertError(client.post("/v1/admin/reload", "{"), 400, "malformed_json", null);
    assertError(client.get("/v1/admin/reload"), 405, "method_not_allowed", null);
  }

  @Test
  void concurrentReloadGets409() throws Exception {
    startServer();
    loader.loadEntered = new CountDownLatch(1);
    loader.loadGate = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> reloadTo(birds));
    assertTrue(loader.loadEntered.await(10, TimeUnit.SECONDS), "first reload started loading");

    assertError(client.post("/v1/admin/reload", "{}"), 409, "reload_in_progress", null);
    assertEquals("model-animals", ServerClient.json(client.get("/v1/model")).get("model").asText(),
        "the old model serves while the new one loads");

    loader.loadGate.countDown();
    HttpResponse<String> firstResponse = first.get(10, TimeUnit.SECONDS);
    assertEquals(200, firstResponse.statusCode(), firstResponse.body());
    assertEquals("model-birds", ServerClient.json(client.get("/v1/model")).get("model").asText());
  }

  @Test
  void inFlightRequestFinishesOnOldModel() throws Exception {
    loader.predictEntered = new CountDownLatch(1);
    loader.predictGate = new CountDownLatch(1);
    startServer();
    // Only the first model waits on the gate; models loaded later get no latches.
    CountDownLatch entered = loader.predictEntered;
    CountDownLatch gate = loader.predictGate;
    loader.predictEntered = null;
    loader.predictGate = null;

    CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> predict("dog"));
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the slow request reached the model");

    HttpResponse<String> reload = reloadTo(birds);
    assertEquals(200, reload.statusCode(), reload.body());
    assertFalse(loader.loaded.get(0).isClosed(), "the old model stays open while a request uses it");
    HttpResponse<String> fresh = predict("dog");
    assertEquals("model-birds", ServerClient.json(fresh).get("model").asText(), "new requests use the new model");

    gate.countDown();
    HttpResponse<String> slowResponse = slow.get(10, TimeUnit.SECONDS);
    assertEquals(200, slowResponse.statusCode(), slowResponse.body());
    assertEquals("model-animals", ServerClient.json(slowResponse).get("model").asText());
    assertTrue(loader.loaded.get(0).isClosed(), "the old model is closed after its last request");
  }

  @Test
  void reloadDuringConcurrentRequestsLosesNothing() throws Exception {
    startServer();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger successes = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    Set<String> modelsSeen = ConcurrentHashMap.newKeySet();
    long deadline = System.nanoTime() + CONCURRENT_TEST_LIMIT.toNanos();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < CLIENT_THREADS; t++) {
      clients.add(Thread.ofVirtual().start(() -> {
        try (ServerClient own = new ServerClient(server)) {
          while (running.get() && System.nanoTime() < deadline) {
            HttpResponse<String> response = own.post("/v1/predict", "{\"text\": \"pet dog feather\", \"k\": 3}");
            if (response.statusCode() == 200) {
              successes.incrementAndGet();
              modelsSeen.add(ServerClient.json(response).get("model").asText());
            } else {
              failures.add(response.statusCode() + " " + response.body());
            }
          }
        } catch (Exception e) {
          failures.add(e.toString());
        }
      }));
    }

    String expectedFinal = null;
    for (int i = 0; i < RELOADS; i++) {
      Path target = i % 2 == 0 ? birds : animals;
      HttpResponse<String> reload = reloadTo(target);
      assertEquals(200, reload.statusCode(), reload.body());
      expectedFinal = "model-" + target.getFileName();
      Thread.sleep(20);
    }
    running.set(false);
    for (Thread thread : clients) {
      thread.join(CONCURRENT_TEST_LIMIT.toMillis());
    }

    assertEquals(List.of(), failures, "requests failed during reloads");
    assertTrue(successes.get() > RELOADS, "only " + successes.get() + " requests completed");
    assertEquals(Set.of("model-animals", "model-birds"), modelsSeen);
    assertEquals(expectedFinal, ServerClient.json(client.get("/v1/model")).get("model").asText());
    assertEquals(RELOADS + 1, loader.loaded.size());
    for (int i = 0; i < RELOADS; i++) {
      assertTrue(loader.loaded.get(i).isClosed(), "model instance " + i + " is closed after being replaced");
    }
    assertFalse(loader.loaded.get(RELOADS).isClosed(), "the serving model is open");
  }

  private HttpResponse<String> reloadTo(Path bundle) {
    try {
      return client.post("/v1/admin/reload", "{\"path\": \"" + bundle + "\"}");
    } catch (Exception e) {
      throw new IllegalStateException("reload request failed", e);
    }
  }

  private HttpResponse<String> predict(String text) {
    try {
      return client.post("/v1/predict", "{\"text\": \"" + text + "\"}");
    } catch (Exception e) {
      throw new IllegalStateException("predict request failed", e);
    }
  }

  /** A model whose label texts cannot be read, so comparing its label space fails. */
  private static final class UnreadableLabels implements LabelPredictor {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public List<ScoredLabel> predict(String text, int k) {
      return List.of();
    }

    @Override
    public int labelCount() {
      return TestBundles.ANIMALS.size();
    }

    @Override
    public String labelText(int id) {
      throw new IllegalStateException("label texts are unreadable");
    }

    @Override
    public String modelId() {
      return "model-unreadable";
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void damagedBundleIsLoggedOnOneLine() throws Exception {
    Path damaged = bundles.resolve("damaged");
    startServer(bundle -> {
      if (bundle.equals(damaged)) {
        throw new io.leverxc.bundle.BundleFormatException(bundle, "checksum mismatch");
      }
      return loader.load(bundle);
    });

    LogCapture.Captured<HttpResponse<String>> reload = LogCapture.during(() -> reloadTo(damaged));

    assertEquals(422, reload.result().statusCode(), reload.result().body());
    assertTrue(reload.log().contains("WARN io.leverxc.serving.ModelReloader - Loading model from " + damaged
        + " failed after "), reload.log());
    assertTrue(reload.log().contains(": " + damaged + ": checksum mismatch; still serving model-animals"), reload.log());
    assertFalse(reload.log().contains("\tat "), reload.log());
  }

  @Test
  void nonModelFolderLogsOneLine() throws Exception {
    Path empty = bundles.resolve("empty");
    startServer(bundle -> {
      if (bundle.equals(empty)) {
        throw new IllegalArgumentException(bundle + " is neither a model bundle nor an XC dataset folder");
      }
      return loader.load(bundle);
    });

    LogCapture.Captured<HttpResponse<String>> reload = LogCapture.during(() -> reloadTo(empty));

    assertEquals(422, reload.result().statusCode(), reload.result().body());
    assertTrue(reload.log().contains("WARN io.leverxc.serving.ModelReloader - Loading model from " + empty), reload.log());
    assertFalse(reload.log().contains("\tat "), reload.log());
  }

  @Test
  void loaderBugKeepsItsStackTrace() throws Exception {
    Path broken = bundles.resolve("broken");
    startServer(bundle -> {
      if (bundle.equals(broken)) {
        throw new IllegalStateException("index out of step");
      }
      return loader.load(bundle);
    });

    LogCapture.Captured<HttpResponse<String>> reload = LogCapture.during(() -> reloadTo(broken));

    assertEquals(422, reload.result().statusCode(), reload.result().body());
    assertTrue(reload.log().contains("ERROR io.leverxc.serving.ModelReloader - Loading model from " + broken), reload.log());
    assertTrue(reload.log().contains("\tat "), reload.log());
  }
}
