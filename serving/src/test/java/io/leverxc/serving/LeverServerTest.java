package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts one real server on an ephemeral loopback port and checks every endpoint's success path. */
class LeverServerTest {
  @TempDir static Path bundles;
  private static LeverServer server;
  private static ServerClient client;

  @BeforeAll
  static void start() throws Exception {
    Path animals = TestBundles.write(bundles, "animals", TestBundles.ANIMALS);
    server = LeverServer.start(ServerConfig.defaults(animals, 0), new TestBundles());
    server.initialLoad().get(30, TimeUnit.SECONDS);
    client = new ServerClient(server);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  @Test
  void predictReturnsMatchingLabelsFirst() throws Exception {
    HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"my pet dog\", \"k\": 3}");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode body = ServerClient.json(response);
    JsonNode labels = body.get("labels");
    // "dog" and "pet" both hit label 0; only "pet" hits label 1; nothing else shares a word.
    assertEquals(2, labels.size(), response.body());
    assertEquals(0, labels.get(0).get("id").asInt());
    assertEquals("dog canine pet", labels.get(0).get("text").asText());
    assertEquals(1, labels.get(1).get("id").asInt());
    assertTrue(labels.get(0).get("score").asDouble() > labels.get(1).get("score").asDouble(), response.body());
    assertEquals("model-animals", body.get("model").asText());
    assertTrue(body.get("took_us").asLong() >= 0, response.body());
  }

  @Test
  void predictDefaultsKToTen() throws Exception {
    HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"pet car tree\"}");
    assertEquals(200, response.statusCode(), response.body());
    // Every one of the 4 labels shares a word, and the default k = 10 lets all through.
    assertEquals(4, ServerClient.json(response).get("labels").size(), response.body());
  }

  @Test
  void predictKeepsK() throws Exception {
    HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"pet car tree\", \"k\": 1}");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(1, ServerClient.json(response).get("labels").size(), response.body());
  }

  @Test
  void predictUnknownWordsGivesNoLabels() throws Exception {
    HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"zebra\", \"k\": 5}");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = ServerClient.json(response);
    assertEquals(0, body.get("labels").size(), response.body());
    assertEquals("no labels: none of the text's words is in the model's vocabulary", body.get("note").asText());
  }

  @Test
  void predictWithLabelsHasNoNote() throws Exception {
    HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"my pet dog\", \"k\": 3}");
    assertFalse(ServerClient.json(response).has("note"), response.body());
  }

  @Test
  void batchKeepsRequestOrder() throws Exception {
    HttpResponse<String> response =
        client.post("/v1/predict/batch", "{\"texts\": [\"engine\", \"feline\", \"zebra\", \" \"], \"k\": 2}");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = ServerClient.json(response);
    JsonNode results = body.get("results");
    assertEquals(4, results.size());
    assertEquals(2, results.get(0).get("labels").get(0).get("id").asInt());
    assertEquals(1, results.get(1).get("labels").get(0).get("id").asInt());
    assertEquals(0, results.get(2).get("labels").size());
    assertFalse(results.get(0).has("note"), response.body());
    assertEquals(JsonCodec.UNKNOWN_WORDS_NOTE, results.get(2).get("note").asText());
    assertEquals(JsonCodec.EMPTY_TEXT_NOTE, results.get(3).get("note").asText());
    assertEquals("model-animals", body.get("model").asText());
  }

  @Test
  void labelLookup() throws Exception {
    HttpResponse<String> response = client.get("/v1/labels/2");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = ServerClient.json(response);
    assertEquals(2, body.get("id").asInt());
    assertEquals("car vehicle engine", body.get("text").asText());
    assertTrue(body.path("removed").isBoolean(), response.body());
    assertFalse(body.get("removed").booleanValue(), response.body());
    assertEquals("model-animals", body.get("model").asText());
  }

  @Test
  void modelSummary() throws Exception {
    HttpResponse<String> response = client.get("/v1/model");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = ServerClient.json(response);
    assertEquals("model-animals", body.get("model").asText());
    assertEquals(4, body.get("label_count").asInt());
    assertTrue(body.get("source").asText().endsWith("animals"), response.body());
    assertFalse(body.get("loaded_at").asText().isEmpty());
    assertEquals("label-text-tfidf", body.get("summary").get("kind").asText());
  }

  @Test
  void healthAndReadiness() throws Exception {
    HttpResponse<String> health = client.get("/healthz");
    assertEquals(200, health.statusCode());
    assertEquals("ok", ServerClient.json(health).get("status").asText());

    HttpResponse<String> ready = client.get("/readyz");
    assertEquals(200, ready.statusCode());
    assertEquals("ready", ServerClient.json(ready).get("status").asText());
    assertEquals("model-animals", ServerClient.json(ready).get("model").asText());
  }

  @Test
  void metricsCountRequestsByStatus() throws Exception {
    client.post("/v1/predict", "{\"text\": \"dog\"}");
    client.post("/v1/predict", "{\"text\": 5}");
    HttpResponse<String> response = client.get("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
    String metrics = response.body();
    assertTrue(metrics.contains("lever_http_requests_total{route=\"predict\",status=\"200\"} "), metrics);
    assertTrue(metrics.contains("lever_http_requests_total{route=\"predict\",status=\"400\"} "), metrics);
    assertTrue(metrics.contains("lever_http_request_duration_seconds_bucket{route=\"predict\",le=\"0.001\"} "), metrics);
    assertTrue(metrics.contains("lever_http_request_duration_seconds_bucket{route=\"predict\",le=\"+Inf\"} "), metrics);
    assertTrue(metrics.contains("lever_model_info{model_id=\"model-animals\"} 1"), metrics);
    assertTrue(metrics.contains("lever_model_reloads_total{result=\"success\"} 0"), metrics);
    assertTrue(metrics.contains("lever_model_reloads_total{result=\"failure\"} 0"), metrics);
  }

  @Test
  void openApiDocumentIsServed() throws Exception {
    HttpResponse<String> response = client.get("/openapi.yaml");
    assertEquals(200, response.statusCode());
    assertEquals("application/yaml", response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(response.body().startsWith("openapi: 3."), response.body());
    for (Route route : Route.values()) {
      if (route != Route.UNKNOWN) {
        assertTrue(response.body().contains("  " + route.pathTemplate() + ":"), "OpenAPI lacks " + route.pathTemplate());
      }
    }
  }

  @Test
  void adminDisabledByDefault() throws Exception {
    HttpResponse<String> response = client.post("/v1/admin/reload", "{}");
    assertEquals(403, response.statusCode(), response.body());
    assertEquals("admin_disabled", ServerClient.json(response).get("error").get("code").asText());
  }
}
