package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeBenchCommandTest {
  @TempDir Path folder;

  private String run(String... options) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    String[] arguments = new String[options.length + 4];
    arguments[0] = "bench";
    arguments[1] = "serve";
    arguments[2] = "--model";
    arguments[3] = folder.resolve("absent").toString();
    System.arraycopy(options, 0, arguments, 4, options.length);
    int exitCode = commandLine.execute(arguments);
    return exitCode + " " + err.toString().strip();
  }

  @Test
  void kAboveServerLimitIsRejectedBeforeLoading() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench serve: -k must be at most 1000, the largest k the"
        + " benchmark's server accepts, got 100000", run("-k", "100000"));
  }

  @Test
  void tooManyConnectionsAreRejected() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench serve: --connections must be at most 1024, got 100000",
        run("--connections", "100000"));
  }
}
