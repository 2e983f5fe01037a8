package io.leverxc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.DataFormatException;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionFileTest {
  @TempDir Path folder;

  private static final LabelMatrix TRUTH =
      EvaluationTest.matrix(7, new int[] {0, 2}, new int[] {}, new int[] {3, 4, 5}, new int[] {1});

  private Path write(String content) throws IOException {
    Path file = folder.resolve("predictions.txt");
    Files.writeString(file, content);
    return file;
  }

  private static Propensity weights() {
    return Propensity.fromTrainLabels(TRUTH, PropensityConstants.DEFAULT);
  }

  private DataFormatException evaluateFailure(String content) throws IOException {
    Path file = write(content);
    return assertThrows(DataFormatException.class,
        () -> Evaluation.evaluateFile(file, TRUTH, weights(), FilterPairs.none(), new int[] {1, 3}));
  }

  @Test
  void fileAndMemoryPathsAgree() throws IOException {
    // The same rankings as the in-memory arrays below, written in scrambled order with scores.
    Path file = write("4 7\n0:0.1 2:0.9 1:0.5\n3:0.2 1:0.7\n4:1e-3\n1:0.25 5:0.5\n");
    int[][] ranked = {{2, 1, 0}, {1, 3}, {4}, {5, 1}};

    EvaluationResult fromFile = Evaluation.evaluateFile(file, TRUTH, weights(), FilterPairs.none(), new int[] {1, 3});
    EvaluationResult fromMemory = Evaluation.evaluate(TRUTH, ranked, weights(), FilterPairs.none(), new int[] {1, 3});

    assertEquals(fromMemory.metrics(), fromFile.metrics());
    assertEquals(fromMemory.bins(), fromFile.bins());
    assertEquals(fromMemory.buckets(), fromFile.buckets());
    assertEquals(0.5, fromFile.metric("P@1"), 1e-12);
  }

  @Test
  void readerParsesScoresExactly() throws IOException {
    String[] scores = {"0.1", "-2.5", "3", "1e-3", "0.30000000000000004", "12345678901234567890", "+7.", "0.000001"};
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < scores.length; i++) {
      row.append(i).append(':').append(scores[i]).append(i % 2 == 0 ? " " : "\t ");
    }
    Path file = write("1 8\n" + row + "\r\n");

    try (PredictionReader reader = PredictionReader.open(file)) {
      assertTrue(reader.next());
      assertEquals(8, reader.size());
      for (int i = 0; i < scores.length; i++) {
        assertEquals(Double.parseDouble(scores[i]), reader.scores()[i], 0.0, scores[i]);
        assertEquals(i, reader.labels()[i]);
      }
      assertFalse(reader.next());
    }
  }

  @Test
  void gzipFileIsRead() throws IOException {
    Path file = folder.resolve("predictions.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("2 3\n2:0.5\n\n".getBytes(StandardCharsets.US_ASCII));
    }
    try (PredictionReader reader = PredictionReader.open(file)) {
      assertTrue(reader.next());
      assertEquals(2, reader.labels()[0]);
      assertTrue(reader.next());
      assertEquals(0, reader.size());
      assertFalse(reader.next());
    }
  }

  @Test
  void truncatedGzipFileIsNamed() throws IOException {
    StringBuilder rows = new StringBuilder("2000 3\n");
    for (int row = 0; row < 2000; row++) {
      rows.append(row % 3).append(":0.").append(row).append('\n');
    }
    java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      out.write(rows.toString().getBytes(StandardCharsets.US_ASCII));
    }
    byte[] whole = compressed.toByteArray();
    Path file = Files.write(folder.resolve("predictions.txt.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));

    DataFormatException error = assertThrows(DataFormatException.class, () -> {
      try (PredictionReader reader = PredictionReader.open(file)) {
        while (reader.next()) {
          // Reads until the stream ends early.
        }
      }
    });

    assertTrue(error.getMessage().startsWith(file + ":"), error.getMessage());
    assertTrue(error.getMessage().contains("truncated gzip data"), error.getMessage());
  }

  @Test
  void byteOrderMarkBeforeHeaderIsSkipped() throws IOException {
    Path file = write("\ufeff2 3\n2:0.5\n\n");

    try (PredictionReader reader = PredictionReader.open(file)) {
      assertTrue(reader.next());
      assertEquals(2, reader.labels()[0]);
      assertTrue(reader.next());
      assertFalse(reader.next());
    }
  }

  @Test
  void rowCountMismatchNamesHeaderLine() throws IOException {
    DataFormatException error = evaluateFailure("5 7\n");
    assertEquals(1, error.line());
    assertTrue(error.getMessage().contains("declares 5 rows but the ground truth has 4 documents"), error.getMessage());
  }

  @Test
  void smallerLabelSpaceCoversFirstIds() throws IOException {
    // Five of the ground truth's seven labels, as a model has before a retrain appends two.
    Path file = write("4 5\n0:0.1 2:0.9 1:0.5\n3:0.2 1:0.7\n4:1e-3\n1:0.25\n");
    int[][] ranked = {{2, 1, 0}, {1, 3}, {4}, {1}};

    EvaluationResult fromFile = Evaluation.evaluateFile(file, TRUTH, weights(), FilterPairs.none(), new int[] {1, 3});
    EvaluationResult fromMemory = Evaluation.evaluate(TRUTH, ranked, weights(), FilterPairs.none(), new int[] {1, 3});

    assertEquals(fromMemory.metrics(), fromFile.metrics());
  }

  @Test
  void labelSpaceMismatchNamesHeaderLine() throws IOException {
    DataFormatException error = evaluateFailure("4 9\n");
    assertEquals(1, error.line());
    assertTrue(error.getMessage().contains("declares 9 labels but the ground truth has 7"), error.getMessage());
  }

  @Test
  void nonNumericScoreNamesLineAndColumn() throws IOException {
    DataFormatException error = evaluateFailure("4 7\n0:1\n1:0.5 2:high\n\n\n");
    assertEquals(3, error.line());
    assertEquals(9, error.column());
    assertTrue(error.getMessage().contains(":3:9: score: expected a finite number, found 'high'"), error.getMessage());
  }

  @Test
  void infiniteScoreIsRejected() throws IOException {
    DataFormatException error = evaluateFailure("4 7\n0:Infinity\n\n\n\n");
    assertEquals(2, error.line());
  }

  @Test
  void labelOutOfRangeIsRejected() throws IOException {
    DataFormatException error = evaluateFailure("4 7\n\n7:0.5\n\n\n");
    assertEquals(3, error.line());
    assertTrue(error.getMessage().contains("label id 7 out of range"), error.getMessage());
  }

  @Test
  void repeatedLabelOnLineIsRejected() throws IOException {
    DataFormatException error = evaluateFailure("4 7\n1:0.5 1:0.4\n\n\n\n");
    assertEquals(2, error.line());
    assertTrue(error.getMessage().contains("label 1 appears twice"), error.getMessage());
  }

  @Test
  void missingColonIsRejected() throws IOException {
    DataFormatException error = evaluateFailure("4 7\n1 0.5\n\n\n\n");
    assertTrue(error.getMessage().contains("expected 'label:score'"), error.getMessage());
  }

  @Test
  void missingRowsAreRejected() throws IOException {
    DataFormatException error = evaluateFailure("4 7\n1:0.5\n");
    assertTrue(error.getMessage().contains("declares 4 rows but the file ends after 1"), error.getMessage());
  }

  @Test
  void extraRowIsRejected() throws IOException {
    DataFormatException error = evaluateFailure("4 7\n\n\n\n\n1:0.5\n");
    assertEquals(6, error.line());
    assertTrue(error.getMessage().contains("more rows than the header's 4"), error.getMessage());
  }

  @Test
  void malformedHeaderIsRejected() throws IOException {
    DataFormatException error = evaluateFailure("four 7\n");
    assertEquals(1, error.line());
    assertTrue(error.getMessage().contains("num_rows"), error.getMessage());
  }

  @Test
  void writerOutputReadsBack() throws IOException {
    Path target = folder.resolve("written.txt");
    try (PredictionWriter writer = PredictionWriter.open(target, 3, 5)) {
      writer.writeRow(new int[] {4, 1}, new float[] {0.75f, 0.125f}, 2);
      writer.writeRow(new int[] {}, new float[] {}, 0);
      writer.writeRow(java.util.List.of(new io.leverxc.model.LabelPredictor.ScoredLabel(3, 0.5f)));
    }
    assertEquals("3 5\n4:0.75 1:0.125\n\n3:0.5\n", Files.readString(target));
    try (var files = Files.list(folder)) {
      assertEquals(1, files.count(), "the temporary file must be renamed, not left behind");
    }
  }

  @Test
  void unfinishedWriterLeavesNoFile() {
    Path target = folder.resolve("unfinished.txt");
    PredictionWriter writer = PredictionWriter.open(target, 3, 5);
    writer.writeRow(new int[] {1}, new float[] {1f}, 1);

    IllegalStateException error = assertThrows(IllegalStateException.class, writer::close);

    assertTrue(error.getMessage().contains("only 1 of 3 rows"), error.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void writerRejectsFolderTarget() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PredictionWriter.open(folder, 1, 5));

    assertEquals(folder + " is a folder; give a file path for the predictions", error.getMessage());
  }

  @Test
  void writerRejectsMissingFolder() {
    Path target = folder.resolve("absent").resolve("p.txt");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PredictionWriter.open(target, 1, 5));

    assertEquals(
        "the folder " + folder.resolve("absent") + " of " + target + " does not exist; create it or choose another path",
        error.getMessage());
  }

  @Test
  void failedRenameLeavesNoTemporaryFile() throws IOException {
    Path target = folder.resolve("taken");
    PredictionWriter writer = PredictionWriter.open(target, 1, 5);
    writer.writeRow(new int[] {1}, new float[] {1f}, 1);
    // A folder with a file in it now has the target's name, so the rename cannot replace it.
    Files.createDirectories(target);
    Files.writeString(target.resolve("inside.txt"), "x");

    assertThrows(UncheckedIOException.class, writer::close);

    try (var files = Files.list(folder)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void writerRejectsLabelOutsideSpace() {
    try (PredictionWriter writer = PredictionWriter.open(folder.resolve("bad.txt"), 1, 5)) {
      assertThrows(IllegalArgumentException.class, () -> writer.writeRow(new int[] {5}, new float[] {1f}, 1));
      writer.writeRow(new int[] {4}, new float[] {1f}, 1);
    }
  }
}
