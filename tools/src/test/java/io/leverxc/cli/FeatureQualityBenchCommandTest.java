package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.classifier.ValidationSplit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeatureQualityBenchCommandTest {
  private static final int SHARED_LABELS = 5;
  private static final int COPIES = 4;
  /** The last label's documents each have a word of their own, so only the document itself finds them. */
  private static final int SOLO_LABEL = SHARED_LABELS;
  private static final int DOCUMENTS = (SHARED_LABELS + 1) * COPIES;

  @TempDir Path folder;

  // Row r has label r / COPIES. The documents of a shared label are identical texts, and those of
  // the solo label share no word with any other text.
  private void writeDataSet() throws IOException {
    List<String> labelTexts = new ArrayList<>();
    List<String> trainTexts = new ArrayList<>();
    List<String> trainRows = new ArrayList<>();
    for (int label = 0; label <= SOLO_LABEL; label++) {
      labelTexts.add("heading" + label);
      for (int copy = 0; copy < COPIES; copy++) {
        trainTexts.add(label == SOLO_LABEL ? "solo" + copy : "topic" + label + " kind" + label);
        trainRows.add(label + ":1.0");
      }
    }
    Files.write(folder.resolve("Y.txt"), labelTexts);
    Files.write(folder.resolve("trn_X.txt"), trainTexts);
    Files.write(folder.resolve("tst_X.txt"), List.of("topic0 kind0", "solo0"));
    trainRows.addFirst(DOCUMENTS + " " + (SOLO_LABEL + 1));
    Files.write(folder.resolve("trn_X_Y.txt"), trainRows);
    Files.write(folder.resolve("tst_X_Y.txt"), List.of("2 " + (SOLO_LABEL + 1), "0:1.0", SOLO_LABEL + ":1.0"));
  }

  private int run(StringWriter out, StringWriter err, String... args) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void heldOutQueriesAreNotSearched() throws IOException {
    writeDataSet();
    ValidationSplit split = ValidationSplit.carve(DOCUMENTS, 0.25, 2);
    // A held-out document is a hit when its label is shared and some document of that label was
    // kept. Were the held-out documents still searched, the solo ones would find themselves.
    int hits = 0;
    for (int row : split.validationRows()) {
      int label = row / COPIES;
      boolean labelKept = false;
      for (int other : split.trainRows()) {
        labelKept |= other / COPIES == label;
      }
      hits += label != SOLO_LABEL && labelKept ? 1 : 0;
    }
    assertTrue(hits < split.validationRows().length, "seed 2 holds out a solo document, so a leak would show");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "feature-quality", "--data", folder.toString(), "--validation-fraction",
        "0.25", "--seed", "2", "--min-df", "1", "--bigrams", "false", "--threads", "1");

    assertEquals(0, exitCode, err.toString());
    String expected = String.format(Locale.ROOT,
        "10-NN over 18 training documents, 6 validation documents: P@1 %.4f", hits / 6.0);
    assertTrue(out.toString().contains(expected), out + " lacks " + expected);
  }

  @Test
  void testSplitSearchesEveryTrainingDocument() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "feature-quality", "--data", folder.toString(), "--split", "Test",
        "--min-df", "1", "--bigrams", "false", "--threads", "1");

    assertEquals(0, exitCode, err.toString());
    // The split name ignores case. Both test documents have an identical training text with their label.
    assertTrue(out.toString().contains("10-NN over 24 training documents, 2 test documents: P@1 1.0000"), out.toString());
  }

  @Test
  void neighbourCountCappedAtTrainingDocuments() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "feature-quality", "--data", folder.toString(), "--split", "test",
        "--min-df", "1", "--bigrams", "false", "--threads", "1", "--neighbours", "500");

    assertEquals(0, exitCode, err.toString());
    assertTrue(out.toString().contains("24-NN over 24 training documents, 2 test documents"), out.toString());
  }

  @Test
  void documentsOptionIsAnUpperBound() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // Six held-out documents, at most four evaluated: every second one, so three.
    int exitCode = run(out, err, "bench", "feature-quality", "--data", folder.toString(), "--validation-fraction",
        "0.25", "--seed", "2", "--documents", "4", "--min-df", "1", "--threads", "1");

    assertEquals(0, exitCode, err.toString());
    assertTrue(out.toString().contains("over 18 training documents, 3 validation documents"), out.toString());
  }

  @Test
  void fractionOutsideTheUnitIntervalIsRejected() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "feature-quality", "--data", folder.toString(), "--validation-fraction", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode);
    assertTrue(err.toString().contains("--validation-fraction must be in (0, 0.5], got 1.0"), err.toString());
  }

  @Test
  void emptyBooleanValueIsRejected() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "feature-quality", "--data", folder.toString(), "--bigrams", "",
        "--threads", "1");

    assertEquals(2, exitCode, out.toString());
    assertTrue(err.toString().contains("--bigrams"), err.toString());
    assertTrue(err.toString().contains("--bigrams must be true or false, found ''"), err.toString());
  }

  @Test
  void booleanValueIgnoresCase() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "feature-quality", "--data", folder.toString(), "--title-ngrams", "TRUE",
        "--min-df", "1", "--threads", "1", "--split", "test");

    assertEquals(0, exitCode, err.toString());
    assertTrue(out.toString().contains("titleCharNgrams=true"), out.toString());
  }
}
