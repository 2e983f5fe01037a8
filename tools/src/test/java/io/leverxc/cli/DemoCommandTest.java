package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  void takenDefaultFolderGetsSuffix() throws Exception {
    Path base = folder.resolve("runs").resolve("demo-20261205-120000");

    Path first = DemoCommand.claimNewFolder(base);
    Files.writeString(first.resolve("metrics.json"), "{}");
    Path second = DemoCommand.claimNewFolder(base);
    Path third = DemoCommand.claimNewFolder(base);

    assertEquals(base, first);
    assertEquals(folder.resolve("runs").resolve("demo-20261205-120000-2"), second);
    assertEquals(folder.resolve("runs").resolve("demo-20261205-120000-3"), third);
    assertTrue(Files.isDirectory(second));
    assertTrue(Files.isDirectory(third));
    assertEquals("{}", Files.readString(first.resolve("metrics.json")), "the first run's output was touched");
  }

  @Test
  void runsFileIsNamed() throws Exception {
    Files.writeString(folder.resolve("runs"), "not a folder");

    IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DemoCommand.claimNewFolder(folder.resolve("runs").resolve("demo-20261205-120000")));

    assertTrue(error.getMessage().endsWith("runs exists and is not a folder; remove it or give --out"),
        error.getMessage());
  }

  @Test
  void badOptionRejectedBeforeOutputExists() {
    Path out = folder.resolve("demo-out");
    StringWriter err = new StringWriter();

    int exitCode = execute(err,
        "demo", "--data", folder.resolve("missing-data").toString(), "--out", out.toString(), "--title-ngrams", "yes");

    assertEquals(2, exitCode, err.toString());
    assertTrue(err.toString().contains("--title-ngrams must be auto, true or false, found 'yes'"), err.toString());
    assertFalse(Files.exists(out), "the output folder was created before the options were checked");
  }

  @Test
  void dataWithoutTestSplitLeavesNoOutput() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    Path out = folder.resolve("demo-out");
    StringWriter err = new StringWriter();

    int exitCode = execute(err, "demo", "--data", data.toString(), "--out", out.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains("has no test split (tst_X.txt and tst_X_Y.txt, or tst.json)"), err.toString());
    assertFalse(Files.exists(out), "the output folder was created for data the demo cannot use");
  }

  @Test
  void folderWithFilesIsRejected() throws Exception {
    Path out = Files.createDirectories(folder.resolve("demo-out"));
    Path earlier = Files.writeString(out.resolve("metrics.json"), "{}");
    StringWriter err = new StringWriter();

    int exitCode = execute(err, "demo", "--data", folder.resolve("missing-data").toString(), "--out", out.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains("--out " + out + " is not empty (it contains metrics.json, for one): give a"
        + " new folder, or remove this one"), err.toString());
    assertEquals("{}", Files.readString(earlier));
  }

  @Test
  void brokenLinkIsRejectedBeforeData() throws Exception {
    Path out = Files.createSymbolicLink(folder.resolve("demo-out"), folder.resolve("nowhere"));
    StringWriter err = new StringWriter();

    int exitCode = execute(err, "demo", "--data", folder.resolve("missing-data").toString(), "--out", out.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains("--out " + out + " is a symbolic link to a missing target"), err.toString());
  }

  @Test
  void fileIsRejectedAsOutput() throws Exception {
    Path out = Files.writeString(folder.resolve("demo-out"), "text");
    StringWriter err = new StringWriter();

    int exitCode = execute(err, "demo", "--data", folder.resolve("missing-data").toString(), "--out", out.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains("--out " + out + " exists and is not a folder"), err.toString());
    assertEquals("text", Files.readString(out));
  }

  @Test
  void labelsAblationNeedsLever() {
    Path out = folder.resolve("demo-out");
    StringWriter err = new StringWriter();

    int exitCode = execute(err,
        "demo", "--data", folder.toString(), "--out", out.toString(), "--distill", "none", "--labels-ablation");

    assertEquals(UserErrorHandler.INPUT_ERROR, exitCode, err.toString());
    assertTrue(err.toString().contains("--labels-ablation compares --distill labels with --distill lever, so it needs"
        + " --distill lever, got --distill none"), err.toString());
    assertFalse(Files.exists(out), "the output folder was created before the options were checked");
  }

  @Test
  void labelsAblationComparesThreeRuns() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 6);
    Files.copy(data.resolve("trn_X.txt"), data.resolve("tst_X.txt"));
    Files.copy(data.resolve("trn_X_Y.txt"), data.resolve("tst_X_Y.txt"));
    Path out = folder.resolve("demo-out");

    String printed = RetrainServeTest.run("demo", "--data", data.toString(), "--out", out.toString(),
        "--threads", "1", "--teacher-epochs", "1", "--classifier-epochs", "1", "--labels-ablation");

    assertTrue(printed.contains("Paired bootstrap of fused-lever - fused-none"), printed);
    assertTrue(printed.contains("Paired bootstrap of fused-labels - fused-none"), printed);
    assertTrue(printed.contains("Paired bootstrap of fused-lever - fused-labels"), printed);
    JsonNode comparisons = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("comparisons");
    assertEquals(6, comparisons.size());
    assertEquals("classifier-none", comparisons.get(0).get("first").asText());
    assertEquals("classifier-lever", comparisons.get(0).get("second").asText());
    assertEquals("fused-labels", comparisons.get(5).get("first").asText());
    assertEquals("fused-lever", comparisons.get(5).get("second").asText());
    assertTrue(Files.readString(out.resolve("report.html")).contains("fused-lever − fused-labels"));
  }

  /** Runs a lever command with its error output in {@code err} and returns the exit code. */
  private static int execute(StringWriter err, String... arguments) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(arguments);
  }
}
