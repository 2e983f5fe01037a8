package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JsonTextOptionTest {
  private static final List<List<String>> TOPIC_WORDS = List.of(
      List.of("guitar", "violin", "piano", "drums"),
      List.of("salmon", "trout", "herring", "cod"),
      List.of("granite", "basalt", "marble", "slate"),
      List.of("tulip", "daisy", "orchid", "lily"),
      List.of("comet", "nebula", "quasar", "pulsar"),
      List.of("wrench", "hammer", "chisel", "pliers"));
  private static final int DOCUMENTS_PER_TOPIC = 20;

  @TempDir Path folder;

  /**
   * Writes a JSON-lines data set whose titles are all alike ("item N") and whose contents carry
   * the topic's words, so only title-content texts separate the topics.
   */
  private Path writeJsonData() throws IOException {
    Path data = folder.resolve("data");
    Files.createDirectories(data);
    List<String> labels = new ArrayList<>();
    for (int topic = 0; topic < TOPIC_WORDS.size(); topic++) {
      labels.add("{\"uid\": \"L" + topic + "\", \"title\": \"" + TOPIC_WORDS.get(topic).get(0) + " things\","
          + " \"content\": \"" + TOPIC_WORDS.get(topic).get(1) + "\"}");
    }
    Files.write(data.resolve("lbl.json"), labels);
    List<String> documents = new ArrayList<>();
    for (int topic = 0; topic < TOPIC_WORDS.size(); topic++) {
      List<String> words = TOPIC_WORDS.get(topic);
      for (int d = 0; d < DOCUMENTS_PER_TOPIC; d++) {
        String content = words.get(d % 4) + " " + words.get((d + 1) % 4) + " " + words.get((d + 2) % 4);
        documents.add("{\"uid\": \"D" + documents.size() + "\", \"title\": \"item " + (d % 5) + "\", \"content\": \""
            + content + "\", \"target_ind\": [" + topic + "], \"target_rel\": [1.0]}");
      }
    }
    Files.write(data.resolve("trn.json"), documents);
    return data;
  }

  /** Applies {@code edit} to the bundle's manifest.json and returns the file's path. */
  private static Path editManifest(Path bundle, java.util.function.Consumer<ObjectNode> edit) throws IOException {
    Path manifestFile = bundle.resolve("manifest.json");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) mapper.readTree(manifestFile.toFile());
    edit.accept(manifest);
    mapper.writeValue(manifestFile.toFile(), manifest);
    return manifestFile;
  }

  private static int run(StringWriter output, String... arguments) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output, true));
    commandLine.setErr(new PrintWriter(output, true));
    return commandLine.execute(arguments);
  }

  /** Trains a small model on {@code data} with {@code options} added and asserts that it succeeded. */
  private static void trainSmall(Path data, Path bundle, String... options) {
    List<String> arguments = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", bundle.toString(),
        "--threads", "1", "--dim", "16", "--teacher-epochs", "2"));
    arguments.addAll(List.of(options));
    StringWriter output = new StringWriter();

    assertEquals(0, run(output, arguments.toArray(new String[0])), output.toString());
  }

  @Test
  void titleContentIsRecordedAndReadAgain() throws Exception {
    Path data = writeJsonData();
    Path bundle = folder.resolve("model");

    trainSmall(data, bundle, "--validation-fraction", "0.2", "--json-text", "title-content");

    JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
    assertEquals("title-content", manifest.at("/settings/data/jsonText").asText(), manifest.toString());

    // The validation run finds the training texts again only if it reads title and content too.
    StringWriter validation = new StringWriter();
    int validated = run(validation, "bench", "validation", "--model", bundle.toString(), "--data", data.toString(),
        "-k", "1");
    assertEquals(0, validated, validation.toString());
    assertTrue(validation.toString().contains("top 1: P@1 100.00"), validation.toString());

    Path child = folder.resolve("child");
    String retrained = RetrainServeTest.run("retrain", "--model", bundle.toString(), "--data", data.toString(),
        "--out", child.toString(), "--threads", "1", "--teacher-epochs", "1", "--classifier-epochs", "1");
    JsonNode childManifest = new ObjectMapper().readTree(child.resolve("manifest.json").toFile());
    assertEquals("title-content", childManifest.at("/settings/data/jsonText").asText(), retrained);
  }

  @Test
  void manifestWithoutChoiceIsCaughtByLabelTexts() throws Exception {
    Path data = writeJsonData();
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle, "--validation-fraction", "0.2", "--json-text", "title-content");
    editManifest(bundle, manifest -> ((ObjectNode) manifest.get("settings")).remove("data"));

    // Without the section the data is read as titles, whose label texts lack the contents.
    StringWriter validation = new StringWriter();
    java.io.PrintStream originalErr = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    int status;
    try {
      status = run(validation, "bench", "validation", "--model", bundle.toString(), "--data", data.toString());
    } finally {
      System.setErr(originalErr);
    }

    assertEquals(UserErrorHandler.INPUT_ERROR, status, validation.toString());
    assertTrue(log.toString(java.nio.charset.StandardCharsets.UTF_8).contains(
        bundle + " records no JSON text fields, because it was trained on the raw-text layout or before the choice"
            + " was recorded, so the JSON-lines data set " + data + " is read as titles"), log.toString());
    assertTrue(validation.toString().contains(
        ": label 0 is 'guitar things' but the model has 'guitar things: violin'; pass the data set the model was"
            + " trained on, read with the text fields its manifest records"), validation.toString());
  }

  @Test
  void titlesAloneAreTheDefaultAndRecorded() throws Exception {
    Path data = writeJsonData();
    Path bundle = folder.resolve("model");

    trainSmall(data, bundle, "--validation-fraction", "0");

    JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
    assertEquals("title", manifest.at("/settings/data/jsonText").asText(), manifest.toString());
  }

  @Test
  void unknownFieldsAreRejectedBeforeTraining() throws Exception {
    Path data = writeJsonData();
    Path bundle = folder.resolve("model");
    StringWriter output = new StringWriter();

    int status = run(output, "train", "--data", data.toString(), "--out", bundle.toString(), "--json-text", "content");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, output.toString());
    assertTrue(output.toString().contains("--json-text must be title or title-content, found 'content'"),
        output.toString());
    assertFalse(Files.exists(bundle));
  }

  @Test
  void documentGraphBenchReadsTheRecordedFields() throws Exception {
    Path data = writeJsonData();
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle, "--validation-fraction", "0.2", "--json-text", "title-content");

    // Read as titles, the label texts would differ from the model's and the command would fail.
    StringWriter output = new StringWriter();
    int status = run(output, "bench", "document-graph", "--model", bundle.toString(), "--data", data.toString(),
        "--m", "8", "--ef-construction", "200", "--ef", "200", "--threads", "1");

    assertEquals(0, status, output.toString());
    String line = output.toString().lines().filter(l -> l.startsWith("LUCENE")).findFirst().orElseThrow();
    assertEquals("1.0000", line.trim().split("\\s+")[2], line);
  }

  @Test
  void documentGraphBenchRejectsOtherLabelTexts() throws Exception {
    Path data = writeJsonData();
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle, "--validation-fraction", "0.2", "--json-text", "title-content");
    Files.writeString(data.resolve("lbl.json"), Files.readString(data.resolve("lbl.json")).replace("guitar", "cello"));

    StringWriter output = new StringWriter();
    int status = run(output, "bench", "document-graph", "--model", bundle.toString(), "--data", data.toString(),
        "--threads", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, output.toString());
    assertTrue(output.toString().contains(": label 0 is 'cello things: violin' but the model has 'guitar things: violin'"),
        output.toString());
  }

  @Test
  void teacherBenchReadsTheNamedFields() throws Exception {
    Path data = writeJsonData();

    double titles = featuresPerDocument(data);
    double titlesAndContents = featuresPerDocument(data, "--json-text", "title-content");

    // Every title is "item N", and every content adds three topic words.
    assertTrue(titlesAndContents > titles + 3, titles + " against " + titlesAndContents);
  }

  /** Runs {@code lever bench teacher} without evaluation and returns the features per training document it prints. */
  private static double featuresPerDocument(Path data, String... options) {
    List<String> arguments = new ArrayList<>(List.of("bench", "teacher", "--data", data.toString(), "--epochs", "1",
        "--dimension", "8", "--threads", "1", "--split", "validation", "--no-evaluate"));
    arguments.addAll(List.of(options));
    StringWriter output = new StringWriter();
    assertEquals(0, run(output, arguments.toArray(new String[0])), output.toString());
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("([0-9.]+) features per document").matcher(output.toString());
    assertTrue(matcher.find(), output.toString());
    return Double.parseDouble(matcher.group(1));
  }

  @Test
  void predictAndEvaluateReadJsonTestSplit() throws Exception {
    Path data = writeJsonData();
    List<String> tests = new ArrayList<>();
    for (int topic = 0; topic < TOPIC_WORDS.size(); topic++) {
      List<String> words = TOPIC_WORDS.get(topic);
      tests.add("{\"uid\": \"T" + topic + "\", \"title\": \"item 9\", \"content\": \"" + words.get(1) + " "
          + words.get(3) + "\", \"target_ind\": [" + topic + "], \"target_rel\": [1.0]}");
    }
    Files.write(data.resolve("tst.json"), tests);
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle, "--validation-fraction", "0.2", "--json-text", "title-content");
    Path predictions = folder.resolve("test.pred");

    RetrainServeTest.run("predict", "--model", bundle.toString(), "--data", data.toString(), "--out",
        predictions.toString(), "--k", "3", "--threads", "1");
    StringWriter evaluation = new StringWriter();
    int status = run(evaluation, "evaluate", "--pred", predictions.toString(), "--data", data.toString(), "--k", "1");

    // Every test title is "item 9", so only the contents read from the bundle's choice name the topic.
    assertEquals(0, status, evaluation.toString());
    assertTrue(evaluation.toString().matches("(?s).*P@1\\s+100\\.00.*"), evaluation.toString());
  }

  @Test
  void evaluateRejectsDataWithFiles() throws Exception {
    Path data = writeJsonData();
    StringWriter output = new StringWriter();

    int status = run(output, "evaluate", "--pred", "p.txt", "--data", data.toString(), "--truth", "t.txt");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, output.toString());
    assertTrue(output.toString().contains("--data takes the place of --truth and --train"), output.toString());
  }

  @Test
  void nonStringChoiceInManifestIsNamed() throws Exception {
    Path data = writeJsonData();
    Path bundle = folder.resolve("model");
    trainSmall(data, bundle, "--validation-fraction", "0.2", "--json-text", "title-content");
    Path manifestFile = editManifest(bundle, manifest -> ((ObjectNode) manifest.at("/settings/data")).put("jsonText", 5));
    StringWriter output = new StringWriter();

    int status = run(output, "bench", "validation", "--model", bundle.toString(), "--data", data.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, status, output.toString());
    assertTrue(output.toString().contains(
        manifestFile + ": settings.data.jsonText is 5, not a string; expected title or title-content"), output.toString());
  }
}
