package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBenchCommandTest {
  @TempDir Path folder;

  private int run(StringWriter output, String... args) {
    picocli.CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output));
    return commandLine.execute(args);
  }

  @Test
  void syntheticSweepWritesTable() throws IOException {
    StringWriter output = new StringWriter();
    Path out = folder.resolve("out");
    Path raw = folder.resolve("raw");

    int exit = run(output, "bench", "index", "--rows", "400", "--dim", "8", "--query-count", "30",
        "--centres", "10", "--ef", "20,40", "-k", "10", "--threads", "1",
        "--out", out.toString(), "--export", raw.toString());

    assertEquals(0, exit, output.toString());
    List<String> csv = Files.readAllLines(out.resolve("index-bench.csv"));
    // Header, the exact baseline, then 2 backends x 2 ef values.
    assertEquals(6, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(1).startsWith("EXACT,0,1.00000,1.00000,"), csv.get(1));
    assertTrue(Files.size(out.resolve("index-bench.json")) > 0);
    assertEquals(400L * 8 * 4, Files.size(raw.resolve("vectors.f32")));
    assertEquals(30L * 10 * 4, Files.size(raw.resolve("truth.i32")));
  }

  @Test
  void invalidSizesNameTheOption() {
    String[][] cases = {
      {"--dim", "0", "--dim must be at least 1, got 0"},
      {"--rows", "0", "--rows must be at least 1, got 0"},
      {"--query-count", "-3", "--query-count must be at least 1, got -3"},
      {"--noise-rank", "300", "--noise-rank must be in [0, --dim = 256], got 300"},
      {"--threads", "0", "--threads must be at least 1, got 0"},
    };
    for (String[] row : cases) {
      StringWriter err = new StringWriter();
      picocli.CommandLine commandLine = LeverCommand.commandLine();
      commandLine.setOut(new PrintWriter(new StringWriter()));
      commandLine.setErr(new PrintWriter(err));

      int exit = commandLine.execute("bench", "index", "--out", folder.toString(), row[0], row[1]);

      assertEquals(UserErrorHandler.INPUT_ERROR, exit, row[0]);
      assertEquals("lever bench index: " + row[2], err.toString().trim());
    }
  }

  @Test
  void kAboveRowCountIsRejected() {
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("bench", "index", "--out", folder.toString(), "--rows", "10", "--dim", "8");

    assertEquals(UserErrorHandler.INPUT_ERROR, exit, err.toString());
    assertEquals("lever bench index: -k 100 is more than the 10 indexed vectors; give -k at most the row count",
        err.toString().trim());
  }

  @Test
  void rawVectorFilesWithTruth() throws IOException {
    StringWriter output = new StringWriter();
    Path raw = folder.resolve("raw");
    exportRawVectors(output, raw);
    Path out = folder.resolve("second");

    int exit = run(output, "bench", "index", "--vectors", raw.resolve("vectors.f32").toString(),
        "--queries", raw.resolve("queries.f32").toString(), "--truth", raw.resolve("truth.i32").toString(),
        "--dim", "4", "--ef", "20", "-k", "10", "--backends", "LUCENE", "--threads", "1",
        "--out", out.toString());

    assertEquals(0, exit, output.toString());
    List<String> csv = Files.readAllLines(out.resolve("index-bench.csv"));
    assertEquals(3, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(1).startsWith("EXACT,0,1.00000,1.00000,"), csv.get(1));
  }

  @Test
  void truthShorterThanKIsRejected() throws IOException {
    StringWriter output = new StringWriter();
    Path raw = folder.resolve("raw");
    exportRawVectors(output, raw);
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("bench", "index", "--vectors", raw.resolve("vectors.f32").toString(),
        "--queries", raw.resolve("queries.f32").toString(), "--truth", raw.resolve("truth.i32").toString(),
        "--dim", "4", "--ef", "20", "-k", "20", "--backends", "LUCENE", "--threads", "1",
        "--out", folder.resolve("second").toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, exit, err.toString());
    assertEquals("lever bench index: --truth " + raw.resolve("truth.i32") + " has 10 ids per query, fewer than -k 20;"
        + " export it with at least -k ids or lower -k", err.toString().trim());
  }

  /** Runs a small synthetic sweep that exports its vectors, queries and top-10 truth to {@code raw}. */
  private void exportRawVectors(StringWriter output, Path raw) {
    run(output, "bench", "index", "--rows", "300", "--dim", "4", "--query-count", "12",
        "--centres", "5", "--ef", "20", "-k", "10", "--backends", "LUCENE", "--threads", "1",
        "--out", folder.resolve("first").toString(), "--export", raw.toString());
  }
}
