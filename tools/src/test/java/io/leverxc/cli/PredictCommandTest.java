package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.model.XcModel;
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
}
