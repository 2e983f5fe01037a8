package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path folder;

  @Test
  void badOptionRejectedBeforeOutputExists() {
    Path out = folder.resolve("demo-out");
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));

    int exitCode = commandLine.execute(
        "demo", "--data", folder.resolve("missing-data").toString(), "--out", out.toString(), "--title-ngrams", "yes");

    assertEquals(2, exitCode, err.toString());
    assertTrue(err.toString().contains("--title-ngrams must be auto, true or false, found 'yes'"), err.toString());
    assertFalse(Files.exists(out), "the output folder was created before the options were checked");
  }
}
