package io.leverxc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseMatrixReaderTest {
  @TempDir Path folder;

  private Path write(String content) throws IOException {
    Path file = folder.resolve("trn_X_Y.txt");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void readsRowsAndSortsLabels() throws IOException {
    LabelMatrix matrix = SparseMatrixReader.read(write("3 5\n4:1.0 1:0.5\n\n0:1\n"));
    assertEquals(3, matrix.rows());
    assertEquals(5, matrix.columns());
    assertEquals(3, matrix.nonZeros());
    assertEquals(1, matrix.label(matrix.rowStart(0)));
    assertEquals(0.5f, matrix.value(matrix.rowStart(0)));
    assertEquals(4, matrix.label(matrix.rowStart(0) + 1));
    assertEquals(0, matrix.rowSize(1));
    assertTrue(matrix.contains(2, 0));
  }

  @Test
  void labelOutOfRangeNamesFileAndLine() throws IOException {
    Path file = write("2 3\n0:1\n3:1\n");
    DataFormatException error = assertThrows(DataFormatException.class, () -> SparseMatrixReader.read(file));
    assertEquals(3, error.line());
    assertTrue(error.getMessage().contains("label id 3 out of range"), error.getMessage());
    assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
  }

  @Test
  void rowCountDisagreeingWithHeaderIsRejected() throws IOException {
    Path file = write("3 3\n0:1\n");
    DataFormatException error = assertThrows(DataFormatException.class, () -> SparseMatrixReader.read(file));
    assertTrue(error.getMessage().contains("header declares 3 rows, found 1"), error.getMessage());
  }
}
