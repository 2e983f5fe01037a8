package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leverxc.serving.LeverServer;
import io.leverxc.serving.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end: {@code lever train} writes bundle A, a server on a loopback port serves it, {@code lever
 * retrain} writes B with two appended labels and one removed label, and after {@code POST
 * /v1/admin/reload} the server's replies contain B's new labels and never the removed one.
 */
class RetrainServeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> OLD_LABELS =
      List.of("apple banana", "truck engine", "guitar piano", "rain cloud");
  private static final List<String> NEW_LABELS = List.of("volcano lava", "ocean wave");
  private static final List<List<String>> KEYWORDS = List.of(
      List.of("apple", "banana", "cherry", "mango"),
      List.of("truck", "engine", "wheel", "tractor"),
      List.of("guitar", "piano", "melody", "rhythm"),
      List.of("rain", "cloud", "storm", "thunder"),
      List.of("volcano", "lava", "magma", "eruption"),
      List.of("ocean", "wave", "coral", "reef"));
  private static final int DOCUMENTS_PER_LABEL = 10;
  /** The label that bundle B removes: "guitar piano". */
  private static final int REMOVED_LABEL = 2;

  @TempDir Path folder;

  @Test
  void reloadServesNewLabels() throws Exception {
    Path dataA = writeData(folder.resolve("data-a"), OLD_LABELS.size());
    Path dataB = writeData(folder.resolve("data-b"), OLD_LABELS.size() + NEW_LABELS.size());
    Files.write(dataB.resolve("removed_labels.txt"), List.of(Integer.toString(REMOVED_LABEL)));
    Path bundleA = folder.resolve("model-a");
    Path bundleB = folder.resolve("model-b");
    run("train", "--data", dataA.toString(), "--out", bundleA.toString(), "--threads", "1", "--dim", "16",
        "--teacher-epochs", "10", "--validation-fraction", "0.1");

    ServerConfig config = ServerConfig.defaults(bundleA, 0).withAdmin(true, true);
    LeverServer server = LeverServer.start(config, ModelLoaders::load);
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      server.initialLoad().get(30, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + server.port();
      JsonNode before = post(client, base + "/v1/predict", "{\"text\": \"volcano magma eruption\", \"k\": 10}");
      String modelA = before.get("model").asText();
      for (JsonNode label : before.get("labels")) {
        assertTrue(label.get("id").asInt() < OLD_LABELS.size(), before.toString());
      }

      String output = run("retrain", "--model", bundleA.toString(), "--data", dataB.toString(), "--out",
          bundleB.toString(), "--threads", "1");
      assertTrue(output.contains("Labels: 3 of the parent's 4 kept, 2 added, 1 removed in total"), output);
      assertTrue(output.contains("vocabulary was kept"), output);

      JsonNode reload = post(client, base + "/v1/admin/reload", "{\"path\": " + MAPPER.writeValueAsString(bundleB.toString()) + "}");
      assertEquals(modelA, reload.get("previous_model").asText(), reload.toString());
      // A removed label keeps its id and text, so appending two labels only extends the label space.
      assertEquals("extended", reload.get("label_space").asText(), reload.toString());
      String modelB = reload.get("model").asText();

      JsonNode volcano = post(client, base + "/v1/predict", "{\"text\": \"volcano magma eruption\", \"k\": 3}");
      assertEquals(modelB, volcano.get("model").asText());
      assertEquals(4, volcano.get("labels").get(0).get("id").asInt(), volcano.toString());
      assertEquals("volcano lava", volcano.get("labels").get(0).get("text").asText(), volcano.toString());
      JsonNode ocean = post(client, base + "/v1/predict", "{\"text\": \"ocean coral reef\", \"k\": 3}");
      assertEquals(5, ocean.get("labels").get(0).get("id").asInt(), ocean.toString());
      JsonNode fruit = post(client, base + "/v1/predict", "{\"text\": \"apple cherry mango\", \"k\": 3}");
      assertEquals(0, fruit.get("labels").get(0).get("id").asInt(), fruit.toString());
      assertEquals("apple banana", fruit.get("labels").get(0).get("text").asText(), fruit.toString());

      JsonNode music = post(client, base + "/v1/predict", "{\"text\": \"guitar piano melody\", \"k\": 6}");
      for (JsonNode label : music.get("labels")) {
        assertNotEquals(REMOVED_LABEL, label.get("id").asInt(), music.toString());
      }
      JsonNode removed = get(client, base + "/v1/labels/" + REMOVED_LABEL);
      assertEquals("guitar piano", removed.get("text").asText(), removed.toString());
      assertTrue(removed.get("removed").booleanValue(), removed.toString());
      JsonNode keptLabel = get(client, base + "/v1/labels/0");
      assertTrue(keptLabel.path("removed").isBoolean(), keptLabel.toString());
      assertFalse(keptLabel.get("removed").booleanValue(), keptLabel.toString());
    } finally {
      server.stop();
    }
  }

  private static JsonNode get(HttpClient client, String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return MAPPER.readTree(response.body());
  }

  private static JsonNode post(HttpClient client, String url, String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return MAPPER.readTree(response.body());
  }

  /** Runs a lever subcommand, asserts exit code 0 and returns what it printed to stdout. */
  static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    PrintStream originalOut = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exitCode;
    try {
      exitCode = commandLine.execute(args);
    } finally {
      System.setOut(originalOut);
    }
    assertEquals(0, exitCode, String.join(" ", args) + " failed: " + err);
    return printed.toString(StandardCharsets.UTF_8) + out;
  }

  /**
   * Writes a data set with the first {@code labels} topics; documents about the later topics are
   * present without labels, so the first model's vocabulary already contains their words.
   */
  static Path writeData(Path directory, int labels) throws IOException {
    Files.createDirectories(directory);
    List<String> labelTexts = new ArrayList<>(OLD_LABELS);
    labelTexts.addAll(NEW_LABELS);
    Files.write(directory.resolve("Y.txt"), labelTexts.subList(0, labels));
    List<String> texts = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int topic = 0; topic < KEYWORDS.size(); topic++) {
      List<String> words = KEYWORDS.get(topic);
      for (int d = 0; d < DOCUMENTS_PER_LABEL; d++) {
        texts.add(words.get(d % 4) + " " + words.get((d + 1) % 4) + " " + words.get((d + 2) % 4) + " news " + d % 3);
        rows.add(topic < labels ? topic + ":1" : "");
      }
    }
    List<String> matrix = new ArrayList<>();
    matrix.add(rows.size() + " " + labels);
    matrix.addAll(rows);
    Files.write(directory.resolve("trn_X_Y.txt"), matrix);
    Files.write(directory.resolve("trn_X.txt"), texts);
    return directory;
  }
}
