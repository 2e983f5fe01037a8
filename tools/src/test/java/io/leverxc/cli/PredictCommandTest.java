package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.model.XcModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PredictCommandTest {
  @TempDir Path folder;

  @Test
  void textsWithoutKnownWordsAreCounted() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 4);
    Path bundle = folder.resolve("model");
    StringWriter training = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(training));
    commandLine.setErr(new PrintWriter(training));
    assertEquals(0, commandLine.execute("train", "--data", data.toString(), "--out", bundle.toString(), "--threads", "1",
        "--dim", "16", "--teacher-epochs", "2", "--validation-fraction", "0.1"), training.toString());
    Path predictions = folder.resolve("out.txt");

    int unlabelled;
    try (XcModel model = XcModel.load(bundle)) {
      unlabelled = PredictCommand.predictAll(
          model, List.of("apple banana cherry", "", "zzzz qqqq", "rain storm thunder"), 3, 1, predictions);
    }

    // The empty text and the one made of unknown words get no label and an empty line.
    assertEquals(2, unlabelled);
    List<String> lines = Files.readAllLines(predictions);
    assertEquals(5, lines.size());
    assertEquals("", lines.get(2));
    assertEquals("", lines.get(3));
  }

  @Test
  void invalidThreadsAreNamedBeforeLoading() {
    for (String threads : new String[] {"0", "100000"}) {
      StringWriter output = new StringWriter();

      int status = runWithoutModel(output, "--input", "in.txt", "--threads", threads);

      assertEquals(UserErrorHandler.INPUT_ERROR, status, threads);
      assertEquals("lever predict: --threads must be in [1, 1024], got " + threads, output.toString().strip());
    }
  }

  @Test
  void missingInputIsNamedBeforeLoading() {
    StringWriter output = new StringWriter();
    Path input = folder.resolve("absent.txt");

    int status = runWithoutModel(output, "--input", input.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, status);
    assertEquals("lever predict: " + input + ": missing file: it does not exist", output.toString().strip());
  }

  /** Runs lever predict with {@code options} on a model folder that does not exist. */
  private int runWithoutModel(StringWriter output, String... options) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output));
    commandLine.setErr(new PrintWriter(output));
    List<String> arguments =
        new java.util.ArrayList<>(List.of("predict", "--model", folder.resolve("absent").toString(), "--out", "out.txt"));
    arguments.addAll(List.of(options));
    return commandLine.execute(arguments.toArray(new String[0]));
  }

  @Test
  void invalidManifestJsonNamesFileAndPosition() throws Exception {
    Path bundle = Files.createDirectories(folder.resolve("model"));
    Path manifest = bundle.resolve("manifest.json");
    Files.writeString(manifest, "{\"formatVersion\": 1,\n \"bundleId\": \"x\"\n");
    Path input = Files.writeString(folder.resolve("texts.txt"), "dog\n");
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));

    int exitCode = commandLine.execute(
        "predict", "--model", bundle.toString(), "--input", input.toString(), "--out", folder.resolve("out.txt").toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertEquals("lever predict: " + manifest + ": invalid JSON at line 3, column 1: the object is not closed",
        err.toString().strip());
  }

  @Test
  void outputInsideBundleIsRejected() throws IOException {
    Path bundle = Files.createDirectories(folder.resolve("model"));
    Path manifest = Files.writeString(bundle.resolve("manifest.json"), "{}");
    Path input = Files.writeString(folder.resolve("texts.txt"), "dog\n");
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));

    int exitCode = commandLine.execute(
        "predict", "--model", bundle.toString(), "--input", input.toString(), "--out", manifest.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertEquals("lever predict: --out " + manifest + " is inside the model bundle " + bundle.toAbsolutePath()
        + "; a file written there could replace one of the bundle's, so choose another folder", err.toString().strip());
    assertEquals("{}", Files.readString(manifest));
  }

  /** Runs predict on a one-line input with a model that does not exist, so only the --out checks run. */
  private String[] predictTo(Path input, String out) {
    StringWriter output = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output));
    commandLine.setErr(new PrintWriter(output));
    int status = commandLine.execute(
        "predict", "--model", folder.resolve("absent").toString(), "--input", input.toString(), "--out", out);
    return new String[] {Integer.toString(status), output.toString().strip()};
  }

  @Test
  void outputOverInputIsRejected() throws IOException {
    Path input = Files.writeString(folder.resolve("texts.txt"), "dog\n");

    String[] result = predictTo(input, input.toString());

    assertEquals(Integer.toString(UserErrorHandler.INPUT_ERROR), result[0]);
    assertEquals("lever predict: --out " + input + " is the --input file; writing it would replace that input, so"
        + " choose another path", result[1]);
    assertEquals("dog\n", Files.readString(input));
  }

  @Test
  void fifoOutputIsRejected() throws Exception {
    Path input = Files.writeString(folder.resolve("texts.txt"), "dog\n");
    Path fifo = folder.resolve("predictions.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());

    String[] result = predictTo(input, fifo.toString());

    assertEquals(Integer.toString(UserErrorHandler.INPUT_ERROR), result[0]);
    assertTrue(result[1].startsWith("lever predict: --out " + fifo + " is not a regular file (a device, FIFO or"
        + " socket)"), result[1]);
    assertTrue(Files.exists(fifo));
    assertFalse(Files.isRegularFile(fifo), "the FIFO is still there");
  }

  @Test
  void emptyOutputIsRejected() throws IOException {
    Path input = Files.writeString(folder.resolve("texts.txt"), "dog\n");

    String[] result = predictTo(input, "");

    assertEquals(Integer.toString(UserErrorHandler.INPUT_ERROR), result[0]);
    assertEquals("lever predict: --out is empty; give a file path", result[1]);
  }
}
