package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IndexCommandTest {
  @TempDir Path folder;

  @Test
  void outOfRangeGraphOptionsAreNamed() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 4);
    Path bundle = folder.resolve("model");
    StringWriter output = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output, true));
    commandLine.setErr(new PrintWriter(output, true));
    assertEquals(0, commandLine.execute("train", "--data", data.toString(), "--out", bundle.toString(), "--threads", "1",
        "--dim", "16", "--teacher-epochs", "2", "--validation-fraction", "0.1"), output.toString());

    assertRejected(bundle, "--document-ef", "0", "--document-ef must be in [1, 100000], got 0");
    assertRejected(bundle, "--document-m", "1", "--document-m must be in [2, 512], got 1");
    assertRejected(bundle, "--document-ef-construction", "4000", "--document-ef-construction must be in [2, 3200], got 4000");
    assertRejected(bundle, "--m", "600", "--m must be in [2, 512], got 600");
    assertRejected(bundle, "--threads", "0", "--threads must be in [1, 1024], got 0");

    StringWriter rebuilt = new StringWriter();
    CommandLine again = LeverCommand.commandLine();
    again.setOut(new PrintWriter(rebuilt, true));
    again.setErr(new PrintWriter(rebuilt, true));
    assertEquals(0, again.execute("index", "--model", bundle.toString(), "--threads", "1", "--ef", "30", "--document-ef", "40"),
        rebuilt.toString());
    assertTrue(rebuilt.toString().contains("m=16, efConstruction=100, ef=30)"), rebuilt.toString());

    StringWriter exact = new StringWriter();
    CommandLine exactRun = LeverCommand.commandLine();
    exactRun.setOut(new PrintWriter(exact, true));
    exactRun.setErr(new PrintWriter(exact, true));
    assertEquals(0, exactRun.execute("index", "--model", bundle.toString(), "--threads", "1", "--backend", "exact",
        "--ef", "30"), exact.toString());
    assertTrue(exact.toString().contains("lever index: the exact backend searches without a graph, so --m,"
        + " --ef-construction, --ef and the --document-* options have no effect"), exact.toString());
  }

  private static void assertRejected(Path bundle, String option, String value, String message) {
    StringWriter errors = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(errors, true));
    int status = commandLine.execute("index", "--model", bundle.toString(), option, value);
    assertEquals(UserErrorHandler.INPUT_ERROR, status, errors.toString());
    assertEquals("lever index: " + message, errors.toString().strip());
  }
}
