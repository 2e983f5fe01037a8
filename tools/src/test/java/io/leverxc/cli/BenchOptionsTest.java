package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Benchmark options checked before any work, with errors that name the option. */
class BenchOptionsTest {
  @TempDir Path folder;

  private String run(String... arguments) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(arguments);
    return exitCode + " " + err.toString().strip();
  }

  @Test
  void featuresRejectNaNSeconds() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench features: --chars must be at least 1, --warmup-seconds in"
        + " [0, 3600] and --seconds in (0, 3600], found 100, 5.0 and NaN", run("bench", "features", "--seconds", "NaN"));
  }

  @Test
  void featuresErrorNamesOption() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench features: --hash-bits must be in [1, 26], found 40",
        run("bench", "features", "--indexing", "HASHING", "--hash-bits", "40"));
  }

  @Test
  void featuresRejectTooManyFitThreads() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench features: --fit-threads must be in [1, 1024], got 100000",
        run("bench", "features", "--fit-threads", "100000"));
  }

  @Test
  void teacherErrorNamesOption() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench teacher: --batch-size must be in [2, 1048576], got 1",
        run("bench", "teacher", "--batch-size", "1"));
  }

  @Test
  void dataRejectsMatrixBeyondHeap() {
    String result = run("bench", "data", "--data", folder.toString(), "--rows", "2000000000", "--dim", "1000");

    assertEquals(true, result.startsWith(UserErrorHandler.INPUT_ERROR + " lever bench data: --rows 2000000000 x --dim"
        + " 1000 is a "), result);
    assertEquals(true, result.endsWith("; lower --rows or --dim"), result);
  }

  @Test
  void kernelRejectsZeroSeconds() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench kernel: --iterations and --seconds must be at least 1, got 3"
        + " and 0", run("bench", "kernel", "--seconds", "0"));
  }

  @Test
  void graphUpdateRejectsZeroQueries() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench graph-update: --queries and --k must be at least 1, got 0"
        + " and 100", run("bench", "graph-update", "--model", folder.resolve("absent").toString(), "--queries", "0"));
  }

  @Test
  void indexRejectsNaNSpread() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench index: --spread must be a number of at least 0, got NaN",
        run("bench", "index", "--spread", "NaN", "--out", folder.toString()));
  }

  @Test
  void evaluateRejectsZeroCutOff() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench evaluate: --k must list positive cut-offs, got 0",
        run("bench", "evaluate", "--k", "0", "--dir", folder.resolve("data").toString()));
    assertEquals(false, Files.exists(folder.resolve("data")));
  }

  @Test
  void evaluateSummarisesOtherCutOffs() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(new StringWriter()));

    int exitCode = commandLine.execute(
        "bench", "evaluate", "--docs", "20", "--labels", "50", "--top", "10", "--k", "3,10", "--dir",
        folder.resolve("data").toString());

    assertEquals(0, exitCode, out.toString());
    org.junit.jupiter.api.Assertions.assertTrue(out.toString().matches("(?s).*P@3 [0-9.]+, PSP@10 [0-9.]+.*"),
        out.toString());
  }

  @Test
  void indexRejectsFileAsOutputFolder() throws Exception {
    Path file = Files.writeString(folder.resolve("results"), "keep");

    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench index: --out " + file + " is a file: expected a folder"
        + " for the result files", run("bench", "index", "--out", file.toString()));
    assertEquals("keep", Files.readString(file));
  }

  @Test
  void serveRejectsZeroThreads() {
    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench serve: --threads must be in [1, 1024], got 0",
        run("bench", "serve", "--model", folder.resolve("absent").toString(), "--threads", "0"));
  }

  @Test
  void predictStagesRejectsEmptyQueries() throws Exception {
    Path empty = Files.writeString(folder.resolve("empty.txt"), "");

    assertEquals(UserErrorHandler.INPUT_ERROR + " lever bench predict-stages: " + empty + " contains no query text; give a"
        + " file of one text per line",
        run("bench", "predict-stages", "--model", folder.resolve("absent").toString(), "--queries", empty.toString()));
  }
}
