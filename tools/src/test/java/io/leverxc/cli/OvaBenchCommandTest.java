package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OvaBenchCommandTest {
  @TempDir Path folder;

  private int run(StringWriter err, String... args) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void dataWithoutTestSplitIsNamed() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    StringWriter err = new StringWriter();

    int exitCode = run(err, "bench", "ova", "--data", data.toString(), "--threads", "1");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains(data + " has no test split (tst_X.txt with tst_X_Y.txt, or tst.json)"),
        err.toString());
    assertTrue(!err.toString().contains("Exception"), err.toString());
  }

  @Test
  void zeroEpochsAreRejectedBeforeData() {
    StringWriter err = new StringWriter();

    int exitCode = run(err, "bench", "ova", "--data", folder.resolve("missing").toString(), "--epochs", "0");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains("--epochs must be at least 1, got 0"), err.toString());
  }
}
