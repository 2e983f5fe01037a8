package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir Path folder;

  @Test
  void outOfRangeDocumentNeighboursNameTheOption() {
    for (String value : new String[] {"-1", "1001"}) {
      StringWriter err = new StringWriter();
      CommandLine commandLine = LeverCommand.commandLine();
      commandLine.setOut(new PrintWriter(new StringWriter()));
      commandLine.setErr(new PrintWriter(err));
      Path out = folder.resolve("model-" + value);

      int exitCode = commandLine.execute(
          "train", "--data", folder.resolve("no-data").toString(), "--out", out.toString(),
          "--document-neighbours", value);

      assertEquals(UserErrorHandler.INPUT_ERROR, exitCode);
      assertEquals("lever train: --document-neighbours must be in [0, 1000], got " + value, err.toString().trim());
      assertFalse(Files.exists(out));
    }
  }
}
