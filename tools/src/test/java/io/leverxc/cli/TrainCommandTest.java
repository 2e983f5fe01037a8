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

  @Test
  void optionsWithoutEffectAreWarnedAbout() {
    String[][] cases = {
      {"--validation-fraction", "0", "--tune-for", "PRECISION_AT_1",
          "--tune-for has no effect with --validation-fraction 0"},
      {"--lever-label-neighbours", "0", "--lever-label-threshold", "0.3",
          "--lever-label-threshold has no effect with --lever-label-neighbours 0"},
      {"--lever-top-up", "0", "--lever-document-threshold", "0.2",
          "--lever-document-threshold has no effect with --lever-top-up 0"},
    };
    for (String[] row : cases) {
      java.io.PrintStream originalErr = System.err;
      java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
      CommandLine commandLine = LeverCommand.commandLine();
      commandLine.setOut(new PrintWriter(new StringWriter()));
      commandLine.setErr(new PrintWriter(new StringWriter()));
      try {
        // The options are checked before the data is read, so the missing folder ends the run after the warning.
        commandLine.execute("train", "--data", folder.resolve("no-data").toString(), "--out",
            folder.resolve("model").toString(), row[0], row[1], row[2], row[3]);
      } finally {
        System.setErr(originalErr);
      }

      String printed = log.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(printed.contains(row[4]), row[0] + " " + row[2] + ": " + printed);
    }
  }

  @Test
  void outOfRangeLeverLimitsNameTheOption() {
    String[][] cases = {
      {"--lever-label-neighbours", "-1", "--lever-label-neighbours must be in [0, 9999], got -1"},
      {"--lever-label-neighbours", "10000", "--lever-label-neighbours must be in [0, 9999], got 10000"},
      {"--lever-top-up", "10001", "--lever-top-up must be in [0, 10000], got 10001"},
      {"--lever-label-threshold", "1.5", "--lever-label-threshold must be a teacher score in [0, 1], got 1.5"},
      {"--lever-document-threshold", "-0.1", "--lever-document-threshold must be a teacher score in [0, 1], got -0.1"},
      {"--dim", "0", "--dim must be in [1, 4096], got 0"},
      {"--teacher-epochs", "0", "--teacher-epochs must be in [1, 100000], got 0"},
      {"--classifier-epochs", "-2", "--classifier-epochs must be in [1, 10000], got -2"},
      {"--validation-fraction", "0.9", "--validation-fraction must be in [0, 0.5], got 0.9"},
      {"--lever-lambda", "1.5", "--lever-lambda must be in [0, 1], got 1.5"},
      {"--lever-added-target", "soft", "invalid --lever-added-target 'soft'; expected mixed or teacher"},
      {"--label-cooccurrence", "1.5", "--label-cooccurrence must be in [0, 1], got 1.5"},
      {"--encoder-learning-rate", "-0.1",
          "--encoder-learning-rate must be a finite number >= 0 (0 keeps the teacher's embeddings), got -0.1"},
      {"--threads", "2000", "--threads must be in [1, 1024], got 2000"},
    };
    for (String[] row : cases) {
      StringWriter err = new StringWriter();
      CommandLine commandLine = LeverCommand.commandLine();
      commandLine.setOut(new PrintWriter(new StringWriter()));
      commandLine.setErr(new PrintWriter(err));
      Path out = folder.resolve("model");

      int exitCode = commandLine.execute(
          "train", "--data", folder.resolve("no-data").toString(), "--out", out.toString(), row[0], row[1]);

      assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, row[0]);
      assertEquals("lever train: " + row[2], err.toString().trim());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void leverLimitsReachTheSettings() {
    TrainingOptions options = new TrainingOptions();
    new CommandLine(options).parseArgs(
        "--lever-label-neighbours", "15", "--lever-label-threshold", "0.7", "--lever-top-up", "0",
        "--lever-document-threshold", "0.9");

    io.leverxc.distill.DistillSettings distill = options.toSettings().distill();

    assertEquals(15, distill.labelNeighbourCap());
    assertEquals(0.7f, distill.labelThreshold());
    assertEquals(0, distill.documentTopUpCount());
    assertEquals(0.9f, distill.documentThreshold());
    assertEquals(16, distill.candidateCount(), "the label itself and its 15 neighbours");
    assertEquals(0.5f, distill.lambda());
    assertEquals(io.leverxc.distill.AddedPairTarget.MIXED, distill.addedPairTarget());

    new CommandLine(options).parseArgs("--lever-lambda", "0.33", "--lever-added-target", "teacher");
    assertEquals(0.33f, options.toSettings().distill().lambda());
    assertEquals(io.leverxc.distill.AddedPairTarget.TEACHER, options.toSettings().distill().addedPairTarget());

    new CommandLine(options).parseArgs("--lever-label-neighbours", "150", "--lever-top-up", "300");
    assertEquals(300, options.toSettings().distill().candidateCount());
  }

  @Test
  void leverOptionGivenAtDefaultIsNoticed() {
    CommandLine commandLine = LeverCommand.commandLine();
    CommandLine.ParseResult parsed = commandLine.parseArgs(
        "train", "--data", "d", "--out", "o", "--distill", "none", "--lever-top-up", "5");
    TrainCommand train = (TrainCommand) parsed.subcommand().commandSpec().userObject();

    // 5 is the default top-up, yet the user named the option, so it is reported as unused.
    assertEquals(java.util.List.of("--lever-top-up"),
        train.training.leverOptionsUsed(io.leverxc.distill.AddedPairTarget.MIXED));

    CommandLine other = LeverCommand.commandLine();
    TrainCommand plain = (TrainCommand) other.parseArgs("train", "--data", "d", "--out", "o", "--distill", "none")
        .subcommand().commandSpec().userObject();
    assertTrue(plain.training.leverOptionsUsed(io.leverxc.distill.AddedPairTarget.MIXED).isEmpty());
  }
}
