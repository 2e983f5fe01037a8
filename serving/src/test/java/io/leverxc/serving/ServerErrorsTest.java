package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request gets a 4xx JSON error naming the field and the rule, never a 500 or a stack trace. */
class ServerErrorsTest {
  private static final int MAX_BODY_BYTES = 4096;
  private static final int MAX_K = 50;
  private static final int MAX_BATCH = 4;
  private static final int MAX_TEXT_CHARS = 200;

  @TempDir static Path bundles;
  private static LeverServer server;
  private static ServerClient client;

  @BeforeAll
  static void start() throws Exception {
    Path animals = TestBundles.write(bundles, "animals", TestBundles.ANIMALS);
    ServerConfig config = ServerConfig.defaults(animals, 0).withLimits(MAX_BODY_BYTES, MAX_K, MAX_BATCH, MAX_TEXT_CHARS);
    server = LeverServer.start(config, new TestBundles());
    server.initialLoad().get(30, TimeUnit.SECONDS);
    client = new ServerClient(server);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  /** Request path, body, then the expected status, error code and field (null for none). */
  static Stream<Arguments> badPredictRequests() {
    String longText = "a".repeat(MAX_TEXT_CHARS + 1);
    return Stream.of(
        Arguments.of("/v1/predict", "", 400, "empty_body", null),
        Arguments.of("/v1/predict", "   ", 400, "empty_body", null),
        Arguments.of("/v1/predict", "{\"text\": ", 400, "malformed_json", null),
        Arguments.of("/v1/predict", "{text: 'dog'}", 400, "malformed_json", null),
        Arguments.of("/v1/predict", "{\"text\": \"a\", \"text\": \"b\"}", 400, "malformed_json", null),
        Arguments.of("/v1/predict", "{\"text\": \"dog\"} trailing", 400, "malformed_json", null),
        Arguments.of("/v1/predict", "[\"dog\"]", 400, "invalid_body", null),
        Arguments.of("/v1/predict", "\"dog\"", 400, "invalid_body", null),
        Arguments.of("/v1/predict", "{}", 400, "missing_field", "text"),
        Arguments.of("/v1/predict", "{\"text\": null}", 400, "invalid_field", "text"),
        Arguments.of("/v1/predict", "{\"text\": 42}", 400, "invalid_field", "text"),
        Arguments.of("/v1/predict", "{\"text\": [\"dog\"]}", 400, "invalid_field", "text"),
        Arguments.of("/v1/predict", "{\"text\": \"" + longText + "\"}", 400, "invalid_field", "text"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"k\": 0}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"k\": -1}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"k\": " + (MAX_K + 1) + "}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"k\": 99999999999}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"k\": 2.5}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"k\": \"5\"}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"k\": null}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict", "{\"text\": \"dog\", \"K\": 5}", 400, "unknown_field", "K"),
        Arguments.of("/v1/predict", "{\"texts\": [\"dog\"]}", 400, "unknown_field", "texts"),
        Arguments.of("/v1/predict/batch", "{}", 400, "missing_field", "texts"),
        Arguments.of("/v1/predict/batch", "{\"texts\": null}", 400, "invalid_field", "texts"),
        Arguments.of("/v1/predict/batch", "{\"texts\": \"dog\"}", 400, "invalid_field", "texts"),
        Arguments.of("/v1/predict/batch", "{\"texts\": []}", 400, "invalid_field", "texts"),
        Arguments.of("/v1/predict/batch", "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", 400, "invalid_field", "texts"),
        Arguments.of("/v1/predict/batch", "{\"texts\": [\"dog\", 7]}", 400, "invalid_field", "texts[1]"),
        Arguments.of("/v1/predict/batch", "{\"texts\": [\"dog\"], \"k\": 0}", 400, "invalid_field", "k"),
        Arguments.of("/v1/predict/batch", "{\"text\": \"dog\"}", 400, "unknown_field", "text"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @MethodSource("badPredictRequests")
  void badRequestGetsJsonError(String path, String body, int status, String code, String field) throws Exception {
    HttpResponse<String> response = client.post(path, body);
    assertError(response, status, code, field);
  }

  @Test
  void unclosedObjectMessageGivesPosition() throws Exception {
    HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"dog\"");

    assertError(response, 400, "malformed_json", null);
    assertEquals("The request body is invalid JSON at line 1, column 15: the object is not closed.", message(response));
  }

  @Test
  void secondJsonValueMessageGivesPosition() throws Exception {
    HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"dog\"}{\"text\":\"cat\"}");

    assertError(response, 400, "malformed_json", null);
    assertEquals(
        "The request body is invalid JSON: only one JSON value is allowed, found more after line 1, column 16.",
        message(response));
  }

  @Test
  void nullTextIsInvalidNotMissing() throws Exception {
    HttpResponse<String> single = client.post("/v1/predict", "{\"text\": null}");
    HttpResponse<String> batch = client.post("/v1/predict/batch", "{\"texts\": null}");

    assertError(single, 400, "invalid_field", "text");
    assertEquals("Field 'text' must be a string of at most " + MAX_TEXT_CHARS + " characters, found null.", message(single));
    assertError(batch, 400, "invalid_field", "texts");
    assertEquals("Field 'texts' must be an array of 1 to " + MAX_BATCH + " strings, found null.", message(batch));
  }

  @Test
  void declaredBodyOverLimitGets413() throws Exception {
    String body = "{\"text\": \"" + "a".repeat(MAX_BODY_BYTES) + "\"}";
    assertError(client.post("/v1/predict", body), 413, "body_too_large", null);
  }

  @Test
  void chunkedBodyOverLimitGets413() throws Exception {
    byte[] body = ("{\"text\": \"" + "a".repeat(MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertError(client.postChunked("/v1/predict", body), 413, "body_too_large", null);
  }

  @Test
  void chunkedBodyUnderLimitIsAccepted() throws Exception {
    byte[] body = "{\"text\": \"dog\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = client.postChunked("/v1/predict", body);
    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void gzipBodyGets415() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write("{\"text\": \"dog\"}".getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> response =
        client.postWithHeader("/v1/predict", "Content-Encoding", "gzip", compressed.toByteArray());

    assertError(response, 415, "unsupported_media_type", "Content-Encoding");
    assertTrue(ServerClient.json(response).get("error").get("message").asText()
        .contains("found Content-Encoding 'gzip'"), response.body());
  }

  @Test
  void repeatedEncodingHeaderIsChecked() throws Exception {
    HttpResponse<String> response = client.sendWithHeaders("/v1/predict", "{\"text\": \"dog\"}",
        "Content-Type", "application/json", "Content-Encoding", "identity", "Content-Encoding", "gzip");

    assertError(response, 415, "unsupported_media_type", "Content-Encoding");
  }

  @Test
  void repeatedContentTypeIsChecked() throws Exception {
    HttpResponse<String> response = client.sendWithHeaders("/v1/predict", "{\"text\": \"dog\"}",
        "Content-Type", "application/json", "Content-Type", "text/plain");

    assertError(response, 415, "unsupported_media_type", "Content-Type");
  }

  @Test
  void charsetOtherThanUtf8Gets415() throws Exception {
    HttpResponse<String> latin1 = client.sendWithHeaders("/v1/predict", "{\"text\": \"dog\"}",
        "Content-Type", "application/json; charset=iso-8859-1");
    HttpResponse<String> utf8 = client.sendWithHeaders("/v1/predict", "{\"text\": \"dog\"}",
        "Content-Type", "application/json; charset=\"UTF-8\"");

    assertError(latin1, 415, "unsupported_media_type", "Content-Type");
    assertEquals(200, utf8.statusCode(), utf8.body());
  }

  @Test
  void identityEncodingIsAccepted() throws Exception {
    HttpResponse<String> response = client.postWithHeader("/v1/predict", "Content-Encoding", "identity",
        "{\"text\": \"dog\"}".getBytes(StandardCharsets.UTF_8));

    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void nonJsonContentTypeGets415() throws Exception {
    HttpResponse<String> response = client.send("POST", "/v1/predict", "text/plain", "{\"text\": \"dog\"}");
    assertError(response, 415, "unsupported_media_type", "Content-Type");
  }

  @Test
  void jsonWithCharsetIsAccepted() throws Exception {
    HttpResponse<String> response =
        client.send("POST", "/v1/predict", "application/json; charset=utf-8", "{\"text\": \"dog\"}");
    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void unknownPathGets404() throws Exception {
    assertError(client.get("/v1/nothing"), 404, "not_found", null);
    assertError(client.get("/"), 404, "not_found", null);
    assertError(client.get("/v1/labels/1/extra"), 404, "not_found", null);
  }

  @Test
  void wrongMethodGets405WithAllow() throws Exception {
    HttpResponse<String> getPredict = client.get("/v1/predict");
    assertError(getPredict, 405, "method_not_allowed", null);
    assertEquals("POST", getPredict.headers().firstValue("Allow").orElseThrow());

    HttpResponse<String> deleteHealth = client.send("DELETE", "/healthz", null, null);
    assertError(deleteHealth, 405, "method_not_allowed", null);
    assertEquals("GET, HEAD", deleteHealth.headers().firstValue("Allow").orElseThrow());

    HttpResponse<String> putModel = client.send("PUT", "/v1/model", "application/json", "{}");
    assertError(putModel, 405, "method_not_allowed", null);
  }

  @Test
  void headOnGetRoutesSendsNoBody() throws Exception {
    for (String path : new String[] {"/healthz", "/readyz", "/v1/labels/1"}) {
      HttpResponse<String> get = client.get(path);
      HttpResponse<String> head = client.send("HEAD", path, null, null);
      assertEquals(get.statusCode(), head.statusCode(), path);
      assertEquals("", head.body(), path);
      assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
      assertEquals(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length),
          head.headers().firstValue("Content-Length").orElse("(none)"), path);
    }

    HttpResponse<String> headPredict = client.send("HEAD", "/v1/predict", null, null);
    assertEquals(405, headPredict.statusCode());
    assertEquals("POST", headPredict.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void labelIdOutOfRangeGets404() throws Exception {
    assertError(client.get("/v1/labels/4"), 404, "label_not_found", "id");
    assertError(client.get("/v1/labels/-1"), 404, "label_not_found", "id");
    assertError(client.get("/v1/labels/2147483648"), 404, "label_not_found", "id");
    assertError(client.get("/v1/labels/99999999999999"), 404, "label_not_found", "id");
    assertError(client.get("/v1/labels/123456789012345678901234567890"), 404, "label_not_found", "id");
    assertError(client.get("/v1/labels/-123456789012345678901234567890"), 404, "label_not_found", "id");
  }

  @Test
  void hugeLabelIdMessageGivesRange() throws Exception {
    HttpResponse<String> response = client.get("/v1/labels/99999999999999");

    JsonNode error = ServerClient.json(response).get("error");
    assertEquals("an integer in [0, 3]", error.get("rule").asText());
    assertEquals("Label 99999999999999 does not exist; model model-animals has labels 0 to 3.", error.get("message").asText());
  }

  @Test
  void labelIdNotIntegerGets400() throws Exception {
    assertError(client.get("/v1/labels/dog"), 400, "invalid_field", "id");
    assertError(client.get("/v1/labels/1.5"), 400, "invalid_field", "id");
    assertError(client.get("/v1/labels/1e3"), 400, "invalid_field", "id");
    assertError(client.get("/v1/labels/%2D1"), 400, "invalid_field", "id");
    assertError(client.get("/v1/labels/05"), 400, "invalid_field", "id");
    assertError(client.get("/v1/labels/+1"), 400, "invalid_field", "id");
    assertError(client.get("/v1/labels/-0"), 400, "invalid_field", "id");
    assertEquals("Field 'id' must be an integer in [0, 3], found 'dog'.", message(client.get("/v1/labels/dog")));
  }

  @Test
  void errorsAreCountedInMetrics() throws Exception {
    client.get("/no/such/path");
    String metrics = client.get("/metrics").body();
    assertFalse(metrics.contains("status=\"500\""), metrics);
    assertTrue(metrics.contains("lever_http_requests_total{route=\"unknown\",status=\"404\"}"), metrics);
  }

  static void assertError(HttpResponse<String> response, int status, String code, String field) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow(), response.body());
    JsonNode error = ServerClient.json(response).get("error");
    assertEquals(status, error.get("status").asInt(), response.body());
    assertEquals(code, error.get("code").asText(), response.body());
    if (field == null) {
      assertNull(error.get("field"), response.body());
    } else {
      assertEquals(field, error.get("field").asText(), response.body());
    }
    assertFalse(error.get("message").asText().isBlank(), response.body());
    assertFalse(response.body().contains("Exception"), "no exception class names: " + response.body());
    assertFalse(response.body().contains("\tat "), "no stack trace: " + response.body());
    assertFalse(response.body().contains("`"), "no parser class or setting names: " + response.body());
    assertFalse(response.body().contains("[Source"), "no parser source location: " + response.body());
  }

  static String message(HttpResponse<String> response) throws Exception {
    return ServerClient.json(response).get("error").get("message").asText();
  }
}
