package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class TeacherBenchCommandTest {
  private static final int LABELS = 6;

  @TempDir Path folder;

  // Six labels; label l's text and its documents share the words "topic<l>" and "kind<l>".
  private void writeDataSet() throws IOException {
    List<String> labelTexts = new ArrayList<>();
    List<String> trainTexts = new ArrayList<>();
    List<String> trainRows = new ArrayList<>();
    List<String> testTexts = new ArrayList<>();
    List<String> testRows = new ArrayList<>();
    for (int label = 0; label < LABELS; label++) {
      labelTexts.add("topic" + label + " kind" + label + " heading");
      for (int copy = 0; copy < 3; copy++) {
        trainTexts.add("a document about topic" + label + " of kind" + label + " number" + copy);
        trainRows.add(label + ":1.0");
      }
      testTexts.add("another document about topic" + label + " kind" + label);
      testRows.add(label + ":1.0");
    }
    Files.write(folder.resolve("Y.txt"), labelTexts);
    Files.write(folder.resolve("trn_X.txt"), trainTexts);
    Files.write(folder.resolve("tst_X.txt"), testTexts);
    trainRows.addFirst(trainTexts.size() + " " + LABELS);
    testRows.addFirst(testTexts.size() + " " + LABELS);
    Files.write(folder.resolve("trn_X_Y.txt"), trainRows);
    Files.write(folder.resolve("tst_X_Y.txt"), testRows);
  }

  private int run(StringWriter out, StringWriter err, String... args) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void benchPrintsThroughputAndBothScorers() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "teacher", "--data", folder.toString(), "--epochs", "2",
        "--dimension", "8", "--batch-size", "4", "--negatives", "2", "--cluster-size", "2", "--threads", "1");
    assertEquals(0, exitCode, err.toString());
    String output = out.toString();
    assertTrue(output.contains("teacher training: 2 epochs, 6 labels per epoch"), output);
    assertTrue(output.contains("split: test, 6 documents"), output);
    assertTrue(output.lines().anyMatch(line -> line.startsWith("tfidf-label ")), output);
    assertTrue(output.lines().anyMatch(line -> line.startsWith("teacher ")), output);
  }

  @Test
  void unknownSplitIsRejected() throws IOException {
    writeDataSet();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = run(out, err, "bench", "teacher", "--data", folder.toString(), "--split", "holdout");
    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode);
    assertTrue(err.toString().contains("--split must be 'test' or 'validation', got 'holdout'"), err.toString());
  }
}
