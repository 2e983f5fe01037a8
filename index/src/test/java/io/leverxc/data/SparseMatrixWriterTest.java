package io.leverxc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseMatrixWriterTest {
  @TempDir Path folder;

  private static LabelMatrix sample() {
    return new LabelMatrix.Builder(6)
        .addRow(new int[] {5, 1}, new float[] {0.5f, 1f}, 2)
        .addRow(new int[0], new float[0], 0)
        .addRow(new int[] {0}, new float[] {-1.25e-7f}, 1)
        .build();
  }

  @Test
  void writesXcSparseText() throws IOException {
    Path file = folder.resolve("pred.txt");
    SparseMatrixWriter.write(file, sample());
    assertEquals("3 6\n1:1.0 5:0.5\n\n0:-1.25E-7\n", Files.readString(file));
  }

  @Test
  void gzipNameIsCompressedAndReadsBack() {
    Path file = folder.resolve("pred.txt.gz");
    SparseMatrixWriter.write(file, sample());
    LabelMatrix read = SparseMatrixReader.read(file);
    assertEquals(sample().row(0), read.row(0));
    assertEquals(0, read.rowSize(1));
    assertEquals(sample().row(2), read.row(2));
  }

  @Test
  void replacesExistingFileAndLeavesNoTemporary() throws IOException {
    Path file = Files.writeString(folder.resolve("pred.txt"), "old content");
    SparseMatrixWriter.write(file, sample());
    assertTrue(Files.readString(file).startsWith("3 6\n"));
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void emptyLastRowReadsBack() {
    Path file = folder.resolve("pred.txt");
    LabelMatrix matrix = new LabelMatrix.Builder(2).addRow(new int[] {1}, new float[] {1f}, 1)
        .addRow(new int[0], new float[0], 0).build();
    SparseMatrixWriter.write(file, matrix);
    assertEquals(2, SparseMatrixReader.read(file).rows());
  }
}
