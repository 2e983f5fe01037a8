package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Input errors of {@code lever retrain}: one line on stderr and exit code 2, no stack trace. */
class RetrainCommandTest {
  @TempDir Path folder;

  private record Outcome(int exitCode, String errors) {}

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Outcome(exitCode, err.toString());
  }

  @Test
  void missingParentBundleRejected() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 4);
    Path missing = folder.resolve("no-such-model");

    Outcome outcome = run("retrain", "--model", missing.toString(), "--data", data.toString(), "--out",
        folder.resolve("out").toString(), "--threads", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, outcome.exitCode());
    assertTrue(outcome.errors().startsWith("lever retrain: invalid --model: " + missing), outcome.errors());
    assertTrue(outcome.errors().contains("does not exist"), outcome.errors());
  }

  @Test
  void replayFractionOutOfRangeRejected() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 4);

    Outcome outcome = run("retrain", "--model", folder.resolve("model").toString(), "--data", data.toString(), "--out",
        folder.resolve("out").toString(), "--threads", "1", "--replay-fraction", "1.5");

    assertEquals(UserErrorHandler.INPUT_ERROR, outcome.exitCode());
    assertTrue(
        outcome.errors().startsWith("lever retrain: --replay-fraction must be in [0, 1], got 1.5"), outcome.errors());
    assertTrue(Files.notExists(folder.resolve("out")));
  }

  @Test
  void swappedLabelLinesRejected() throws Exception {
    Path parentData = RetrainServeTest.writeData(folder.resolve("parent-data"), 4);
    Path parent = trainParent(parentData);
    Path grown = RetrainServeTest.writeData(folder.resolve("grown"), 6);
    List<String> labels = new ArrayList<>(Files.readAllLines(grown.resolve("Y.txt")));
    labels.set(0, labels.get(1));
    labels.set(1, Files.readAllLines(parentData.resolve("Y.txt")).get(0));
    Files.write(grown.resolve("Y.txt"), labels);

    Outcome outcome = run("retrain", "--model", parent.toString(), "--data", grown.toString(), "--out",
        folder.resolve("out").toString(), "--threads", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, outcome.exitCode());
    assertTrue(outcome.errors().startsWith("lever retrain: " + grown.resolve("Y.txt") + ":1: label 0 changed"), outcome.errors());
    assertTrue(Files.notExists(folder.resolve("out")));
  }

  @Test
  void insertedLabelLineNamedBeforeHeaderMismatch() throws Exception {
    Path parentData = RetrainServeTest.writeData(folder.resolve("parent-data"), 4);
    Path parent = trainParent(parentData);
    Path grown = RetrainServeTest.writeData(folder.resolve("grown"), 6);
    List<String> labels = new ArrayList<>(Files.readAllLines(grown.resolve("Y.txt")));
    // An extra line makes Y.txt one label longer than the headers of trn_X_Y.txt and tst_X_Y.txt.
    labels.add(2, "an inserted label");
    Files.write(grown.resolve("Y.txt"), labels);

    Outcome outcome = run("retrain", "--model", parent.toString(), "--data", grown.toString(), "--out",
        folder.resolve("out").toString(), "--threads", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, outcome.exitCode());
    assertTrue(outcome.errors().startsWith("lever retrain: " + grown.resolve("Y.txt") + ":3: label 2 changed"),
        outcome.errors());
  }

  /** Trains a small parent bundle on {@code data}, as fast as the settings allow. */
  private Path trainParent(Path data) {
    Path parent = folder.resolve("parent");
    assertEquals(0, run("train", "--data", data.toString(), "--out", parent.toString(), "--threads", "1",
        "--dim", "16", "--teacher-epochs", "2", "--classifier-epochs", "2").exitCode());
    return parent;
  }
}
