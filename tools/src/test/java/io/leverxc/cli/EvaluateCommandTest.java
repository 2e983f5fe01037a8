package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {
  @TempDir Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private Path write(String name, String content) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  /** Three test documents over 4 labels; train counts are 3, 1, 0, 2. */
  private String[] baseArguments() throws IOException {
    Path truth = write("tst_X_Y.txt", "3 4\n0:1 1:1\n2:1\n\n");
    Path train = write("trn_X_Y.txt", "3 4\n0:1 3:1\n0:1 1:1\n0:1 3:1\n");
    Path base = write("base.txt", "3 4\n0:0.9 3:0.1\n3:0.8 2:0.2\n\n");
    Path lever = write("lever.txt", "3 4\n1:0.7 0:0.6\n2:0.9\n1:0.4\n");
    return new String[] {
      "evaluate", "--pred", base.toString(), "--truth", truth.toString(), "--train", train.toString(),
      "--compare", lever.toString(), "--names", "base,lever", "--k", "1,2"
    };
  }

  @Test
  void comparePrintsBothModelsAndDifference() throws IOException {
    int exitCode = run(baseArguments());

    assertEquals(0, exitCode, err.toString());
    String table = out.toString();
    // base: P@1 = (1 + 0 + 0) / 3; lever: P@1 = (1 + 1 + 0) / 3.
    assertTrue(table.matches("(?s).*P@1\\s+33\\.33\\s+66\\.67\\s+\\+33\\.33.*"), table);
    assertTrue(table.contains("bin 1"), table);
    assertTrue(table.contains("21-100"), table);
  }

  @Test
  void oversizedLabelSpaceIsRejected() throws IOException {
    // 2,000,000,000 labels need 64,000,000,000 bytes of per-label arrays, more than any test heap.
    Path truth = write("tst_X_Y.txt", "2 2000000000\n0:1 3:1\n2:1\n");
    Path train = write("trn_X_Y.txt", "2 2000000000\n0:1\n1:1 3:1\n");
    Path predictions = write("pred.txt", "2 2000000000\n0:0.9\n2:0.5\n");

    int exitCode = run("evaluate", "--pred", predictions.toString(), "--truth", truth.toString(), "--train",
        train.toString(), "--k", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    String message = err.toString();
    assertTrue(message.contains(truth + ": the header declares 2,000,000,000 labels (num_cols), but the largest"
        + " label id in the ground truth and train labels is 3."), message);
    assertTrue(message.contains("set num_cols to the number of labels of the data set (at least 4)"), message);
  }

  @Test
  void predictionHeaderBeyondTruthIsRejected() throws IOException {
    // The reader's per-label array would exceed the JVM's array limit if it were allocated first.
    Path truth = write("tst_X_Y.txt", "2 4\n0:1\n2:1\n");
    Path predictions = write("pred.txt", "2 2147483647\n0:0.9\n2:0.5\n");

    int exitCode = run("evaluate", "--pred", predictions.toString(), "--truth", truth.toString(), "--train",
        truth.toString(), "--k", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains(predictions + ":1: the header declares 2147483647 labels but the ground truth"
        + " has 4"), err.toString());
  }

  @Test
  void truthWithoutLabelsIsRejected() throws IOException {
    Path truth = write("tst_X_Y.txt", "2 4\n\n\n");
    Path train = write("trn_X_Y.txt", "1 4\n0:1\n");
    Path predictions = write("pred.txt", "2 4\n0:0.9\n2:0.5\n");

    int exitCode = run("evaluate", "--pred", predictions.toString(), "--truth", truth.toString(), "--train",
        train.toString(), "--k", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains(truth + ": the ground truth has no label in any of its 2 rows"), err.toString());
  }

  @Test
  void shortRowsAreCountedInWords() throws IOException {
    int exitCode = run(baseArguments());

    assertEquals(0, exitCode, err.toString());
    String table = out.toString();
    assertTrue(table.contains("base: 1 document had fewer than 2 predictions (missing positions count as misses);"
        + " 0 filtered predictions removed"), table);
    assertTrue(table.contains("lever: 2 documents had fewer than 2 predictions"), table);
    // The third test document has no true label.
    assertTrue(table.contains("The ground truth has no label for 1 of 3 test documents."), table);
  }

  @Test
  void repositoryNamedFilterIsApplied() throws IOException {
    Path data = Files.createDirectory(folder.resolve("json-data"));
    Files.writeString(data.resolve("lbl.json"), "{\"title\": \"dog\"}\n{\"title\": \"cat\"}\n");
    Files.writeString(data.resolve("trn.json"), "{\"title\": \"puppy\", \"target_ind\": [0]}\n");
    Files.writeString(data.resolve("tst.json"), "{\"title\": \"kitten\", \"target_ind\": [1]}\n");
    Files.writeString(data.resolve("filter_labels_test.txt"), "0 0\n");
    // Label 0 ranks first but is a filter pair, so label 1, the true one, takes position 1.
    Path predictions = write("pred.txt", "1 2\n0:0.9 1:0.5\n");

    int exitCode = run("evaluate", "--pred", predictions.toString(), "--data", data.toString(), "--k", "1");

    assertEquals(0, exitCode, err.toString());
    assertTrue(out.toString().matches("(?s).*P@1\\s+100\\.00.*"), out.toString());
  }

  private String[] withOptions(String... options) throws IOException {
    String[] arguments = baseArguments();
    String[] extended = java.util.Arrays.copyOf(arguments, arguments.length + options.length);
    System.arraycopy(options, 0, extended, arguments.length, options.length);
    return extended;
  }

  @Test
  void comparePrintsPairedBootstrapInterval() throws IOException {
    int exitCode = run(baseArguments());

    assertEquals(0, exitCode, err.toString());
    String table = out.toString();
    assertTrue(table.contains("Paired bootstrap of lever - base: 1,000 resamples of the 3 test documents (seed 42)"),
        table);
    // Only document 1 differs at rank 1, so a resample's P@1 gain is (draws of document 1) / 3. It is
    // 0 with probability (2/3)^3 and 1 with probability 1/27, both above 2.5%.
    assertTrue(table.matches("(?s).*\\nP@1\\s+\\+33\\.33\\s+\\[\\+0\\.00, \\+100\\.00\\]\\s+no\\n.*"), table);
  }

  @Test
  void bootstrapZeroTurnsIntervalOff() throws IOException {
    assertEquals(0, run(withOptions("--bootstrap", "0")), err.toString());

    assertFalse(out.toString().contains("Paired bootstrap"), out.toString());
  }

  @Test
  void negativeBootstrapIsRejected() throws IOException {
    assertEquals(UserErrorHandler.INPUT_ERROR, run(withOptions("--bootstrap", "-5")));

    assertTrue(err.toString().contains("--bootstrap must be 0 (off) or 100 to 1000000 resamples, got -5"),
        err.toString());
  }

  @Test
  void hugeBootstrapIsRejected() throws IOException {
    assertEquals(UserErrorHandler.INPUT_ERROR, run(withOptions("--bootstrap", "1000001")));

    assertTrue(err.toString().contains("--bootstrap must be 0 (off) or 100 to 1000000 resamples, got 1000001"),
        err.toString());
  }

  @Test
  void tooFewBootstrapResamplesAreRejected() throws IOException {
    assertEquals(UserErrorHandler.INPUT_ERROR, run(withOptions("--bootstrap", "39")));

    assertTrue(err.toString().contains("--bootstrap must be 0 (off) or 100 to 1000000 resamples, got 39"),
        err.toString());
  }

  @Test
  void bootstrapThreadsDoNotChangeOutput() throws IOException {
    assertEquals(0, run(withOptions("--threads", "1")), err.toString());
    String oneThread = out.toString();
    out.getBuffer().setLength(0);

    assertEquals(0, run(withOptions("--threads", "2")), err.toString());

    assertEquals(oneThread, out.toString());
  }

  @Test
  void jsonHoldsPairedBootstrapComparison() throws IOException {
    Path json = folder.resolve("out.json");

    assertEquals(0, run(withOptions("--json", json.toString())), err.toString());

    JsonNode comparison = new ObjectMapper().readTree(json.toFile()).get("comparisons").get(0);
    assertEquals("base", comparison.get("first").asText());
    assertEquals("lever", comparison.get("second").asText());
    assertEquals(1000, comparison.get("resamples").asInt());
    JsonNode precision = comparison.get("differences").get("P@1");
    assertEquals(1.0 / 3, precision.get("difference").asDouble(), 1e-12);
    assertEquals(0.0, precision.get("lower").asDouble(), 0);
    assertEquals(1.0, precision.get("upper").asDouble(), 1e-12);
  }

  @Test
  void jsonHoldsFractionsForEachModel() throws IOException {
    Path json = folder.resolve("out.json");
    String[] arguments = baseArguments();
    String[] withJson = java.util.Arrays.copyOf(arguments, arguments.length + 2);
    withJson[arguments.length] = "--json";
    withJson[arguments.length + 1] = json.toString();

    assertEquals(0, run(withJson), err.toString());

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode lever = root.get("models").get(1);
    assertEquals("lever", lever.get("name").asText());
    assertEquals(2.0 / 3, lever.get("metrics").get("P@1").asDouble(), 1e-12);
    // Covered at rank 1: labels 1 and 2 of the 3 labels present in the truth, 4 in all.
    assertEquals(2.0 / 3, lever.get("metrics").get("C@1").asDouble(), 1e-12);
    assertEquals(0.5, lever.get("metrics").get("C@1_all").asDouble(), 1e-12);
    assertEquals(3, lever.get("n_docs").asInt());
    assertEquals(0.55, lever.get("propensity").get("A").asDouble(), 0);
    assertEquals(5, lever.get("bins").size());
    assertEquals(6, lever.get("buckets").size());
  }

  @Test
  void reportIsSelfContainedHtmlWithCharts() throws IOException {
    Path report = folder.resolve("report.html");
    String[] arguments = baseArguments();
    String[] withReport = java.util.Arrays.copyOf(arguments, arguments.length + 2);
    withReport[arguments.length] = "--report";
    withReport[arguments.length + 1] = report.toString();

    assertEquals(0, run(withReport), err.toString());

    String html = Files.readString(report);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertEquals(3, html.split("<svg ", -1).length - 1, "three charts");
    assertTrue(html.contains("<td>P@1</td><td>33.33</td><td>66.67</td><td>+33.33</td>"), html);
    assertTrue(html.contains("<td>P@1</td><td>+33.33</td><td>[+0.00, +100.00]</td><td>no</td>"), html);
    String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(withoutNamespace.contains("http://") || withoutNamespace.contains("https://"), "no network references");
    assertFalse(html.contains("<script"), "no scripts");
  }

  @Test
  void rowCountMismatchNamesFileAndLine() throws IOException {
    String[] arguments = baseArguments();
    Path wrong = write("wrong.txt", "2 4\n0:1\n\n");
    arguments[2] = wrong.toString();

    int exitCode = run(arguments);

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode);
    assertTrue(err.toString().contains(wrong + ":1: the header declares 2 rows but the ground truth has 3 documents"),
        err.toString());
  }

  @Test
  void wrongNameCountIsRejected() throws IOException {
    String[] arguments = baseArguments();
    arguments[10] = "onlyone";

    assertEquals(UserErrorHandler.INPUT_ERROR, run(arguments));
    assertTrue(err.toString().contains("--names lists 1 names but there are 2 prediction files"), err.toString());
  }

  @Test
  void unknownPropensityPresetIsRejected() throws IOException {
    String[] arguments = baseArguments();
    String[] withPreset = java.util.Arrays.copyOf(arguments, arguments.length + 2);
    withPreset[arguments.length] = "--propensity";
    withPreset[arguments.length + 1] = "amazn";

    assertEquals(UserErrorHandler.INPUT_ERROR, run(withPreset));
    assertTrue(err.toString().contains("invalid propensity constants 'amazn'"), err.toString());
  }

  @Test
  void reportOverTruthIsRejectedBeforeWriting() throws IOException {
    String[] arguments = withOptions("--report", folder.resolve("tst_X_Y.txt").toString());
    String truthBefore = Files.readString(folder.resolve("tst_X_Y.txt"));

    int exitCode = run(arguments);

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertEquals("lever evaluate: --report " + folder.resolve("tst_X_Y.txt") + " is the --truth file; writing it would"
        + " replace that input, so choose another path", err.toString().strip());
    assertEquals(truthBefore, Files.readString(folder.resolve("tst_X_Y.txt")));
  }

  @Test
  void jsonIntoMissingFolderIsRejectedBeforeEvaluating() throws IOException {
    Path json = folder.resolve("absent").resolve("metrics.json");

    int exitCode = run(withOptions("--json", json.toString()));

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertEquals("lever evaluate: --json: the folder " + json.getParent() + " of " + json + " does not exist; create it"
        + " or choose another path", err.toString().strip());
    assertEquals("", out.toString());
  }

  @Test
  void cutOffAboveLimitIsRejected() throws IOException {
    assertEquals(UserErrorHandler.INPUT_ERROR, run(withOptions("--k", "10001")));

    assertTrue(err.toString().contains("--k must list cut-offs between 1 and 10000, got 10001"), err.toString());
  }

  @Test
  void jsonAndReportOnOnePathAreRejected() throws IOException {
    Path same = folder.resolve("same.out");

    assertEquals(UserErrorHandler.INPUT_ERROR, run(withOptions("--json", same.toString(), "--report", same.toString())));

    assertTrue(err.toString().contains("--json and --report both name " + same), err.toString());
    assertFalse(Files.exists(same));
  }
}
