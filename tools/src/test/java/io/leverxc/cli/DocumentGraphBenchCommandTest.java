package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.bundle.BundleReader;
import io.leverxc.model.BundleLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DocumentGraphBenchCommandTest {
  @TempDir Path folder;

  @Test
  void exactGraphFindsEveryVotingDocument() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 4);
    Path bundle = train(data, "5");
    assertTrue(BundleReader.open(bundle).has(BundleLayout.DOCUMENT_EMBEDDINGS), "the tuned fusion dropped the vote");

    StringWriter output = new StringWriter();
    int status = run(output, "bench", "document-graph", "--model", bundle.toString(), "--data", data.toString(),
        "--m", "8", "--ef-construction", "200", "--ef", "200", "--threads", "1");

    assertEquals(0, status, output.toString());
    // With a candidate list larger than the training set, the graph search is exhaustive.
    String line = output.toString().lines().filter(l -> l.startsWith("LUCENE")).findFirst().orElseThrow();
    String[] columns = line.trim().split("\\s+");
    assertEquals("200", columns[1], line);
    assertEquals("1.0000", columns[2], line);
    assertEquals("1.0000", columns[3], line);
  }

  @Test
  void bundleWithoutVoteIsRejected() throws Exception {
    Path data = RetrainServeTest.writeData(folder.resolve("data"), 4);
    Path bundle = train(data, "0");

    StringWriter output = new StringWriter();
    int status = run(output, "bench", "document-graph", "--model", bundle.toString(), "--data", data.toString());

    assertEquals(UserErrorHandler.INPUT_ERROR, status, output.toString());
    assertTrue(output.toString().contains("has no training-document embeddings"), output.toString());
  }

  @Test
  void outOfRangeSweepValueIsNamed() {
    StringWriter output = new StringWriter();
    int status = run(output, "bench", "document-graph", "--model", "unused", "--data", "unused", "--ef", "64,0");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, output.toString());
    assertTrue(output.toString().contains("--ef values must be in [1, 100000], got 0"), output.toString());
  }

  @Test
  void zeroThreadsRejectedBeforeLoading() {
    StringWriter output = new StringWriter();
    int status = run(output, "bench", "document-graph", "--model", "unused", "--data", "unused", "--threads", "0");

    assertEquals(UserErrorHandler.INPUT_ERROR, status, output.toString());
    assertEquals("lever bench document-graph: --threads must be at least 1, got 0", output.toString().trim());
  }

  private Path train(Path data, String neighbours) {
    Path bundle = folder.resolve("model");
    StringWriter output = new StringWriter();
    assertEquals(0, run(output, "train", "--data", data.toString(), "--out", bundle.toString(), "--threads", "1",
        "--dim", "16", "--teacher-epochs", "2", "--validation-fraction", "0.2", "--document-neighbours", neighbours,
        "--tune-for", "PRECISION_AT_1"), output.toString());
    return bundle;
  }

  private static int run(StringWriter output, String... arguments) {
    CommandLine commandLine = LeverCommand.commandLine();
    commandLine.setOut(new PrintWriter(output, true));
    commandLine.setErr(new PrintWriter(output, true));
    return commandLine.execute(arguments);
  }
}
