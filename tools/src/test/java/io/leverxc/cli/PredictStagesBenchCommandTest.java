package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PredictStagesBenchCommandTest {
  @TempDir Path folder;

  private static int run(StringWriter output, String... args) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output));
    commandLine.setErr(new PrintWriter(output));
    return commandLine.execute(args);
  }

  @Test
  void stagesTablePrintsLaterRounds() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 4);
    Path bundle = folder.resolve("model");
    StringWriter training = new StringWriter();
    assertEquals(0, run(training, "train", "--data", data.toString(), "--out", bundle.toString(), "--threads", "1",
        "--dim", "16", "--teacher-epochs", "2", "--validation-fraction", "0.1"), training.toString());
    Path queries = folder.resolve("queries.txt");
    Files.write(queries, List.of("apple banana cherry", "truck engine", "", "rain storm thunder"));
    StringWriter output = new StringWriter();

    int exit = run(output, "bench", "predict-stages", "--model", bundle.toString(), "--queries", queries.toString(),
        "-k", "3", "--rounds", "4");

    assertEquals(0, exit, output.toString());
    List<String> lines = output.toString().lines().toList();
    assertTrue(lines.getFirst().contains("4 texts, k = 3"), lines.getFirst());
    assertEquals(List.of("round", "features", "encoder", "cls", "encoder", "rest", "predict"),
        List.of(lines.get(1).trim().split(" +")));
    // Rounds 1 and 2 warm up, and rounds 3 and 4 are printed with five timings each.
    assertEquals(4, lines.size(), output.toString());
    for (int row = 2; row < 4; row++) {
      String[] cells = lines.get(row).trim().split(" +");
      assertEquals(String.valueOf(row + 1), cells[0]);
      assertEquals(6, cells.length, lines.get(row));
      for (int cell = 1; cell < cells.length; cell++) {
        Double.parseDouble(cells[cell]);
      }
    }
  }

  @Test
  void tooFewRoundsRejected() {
    StringWriter output = new StringWriter();

    int exit = run(output, "bench", "predict-stages", "--model", folder.toString(), "--queries",
        folder.resolve("none.txt").toString(), "--rounds", "1");

    assertTrue(exit != 0);
    assertTrue(output.toString().contains("--rounds at least 2"), output.toString());
  }
}
