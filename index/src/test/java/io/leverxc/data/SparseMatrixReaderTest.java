package io.leverxc.data;

import static io.leverxc.data.FormatErrors.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
  void readsGzipCrlfAndByteOrderMark() throws IOException {
    Path file = FormatErrors.writeGzip(folder.resolve("tst_X_Y.txt.gz"), "\ufeff2 3\r\n2:1e-3\r\n0:1 1:2\r\n");
    LabelMatrix matrix = SparseMatrixReader.read(file);
    assertEquals(2, matrix.rows());
    assertEquals(0.001f, matrix.value(0));
    assertEquals(2, matrix.rowSize(1));
  }

  @Test
  void missingFinalEmptyRowIsAccepted() throws IOException {
    LabelMatrix matrix = SparseMatrixReader.read(write("2 3\n0:1\n"));
    assertEquals(2, matrix.rows());
    assertEquals(0, matrix.rowSize(1));
  }

  @Test
  void trailingBlankLinesAreIgnored() throws IOException {
    assertEquals(1, SparseMatrixReader.read(write("1 3\n0:1\n\n\n")).rows());
  }

  @Test
  void labelOutOfRangeIsRejected() throws IOException {
    Path file = write("2 3\n0:1\n1:1 3:1\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 3, 5,
        "label id 3 out of range: expected 0 to 2 because the header's num_cols is 3");
  }

  @Test
  void zeroLabelValueIsRejected() throws IOException {
    Path file = write("2 3\n0:1\n1:1 2:0\n");
    assertFails(() -> SparseMatrixReader.readLabels(file), file, 3, 0,
        "label 2 has a value of 0 or below (read as 0.0): expected a positive value");
  }

  @Test
  void negativeLabelValueIsRejected() throws IOException {
    Path file = write("1 3\n1:-1\n");
    assertFails(() -> SparseMatrixReader.readLabels(file), file, 2, 0, "label 1 has a value of 0 or below (read as -1.0)");
    assertEquals(-1f, SparseMatrixReader.read(file).value(0));
  }

  @Test
  void fewerRowsThanHeaderIsRejected() throws IOException {
    Path file = write("3 3\n0:1\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 1, 0,
        "header declares num_rows = 3, but the file has 1 rows (it ends at line 2)");
  }

  @Test
  void moreRowsThanHeaderIsRejected() throws IOException {
    Path file = write("1 3\n0:1\n2:1\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 3, 0,
        "row 2 found, but the header declares num_rows = 1: expected end of file");
  }

  @Test
  void headerWithWrongFieldCountIsRejected() throws IOException {
    Path file = write("3 3 3\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 1, 0,
        "expected header 'num_rows num_cols', found '3 3 3'");
  }

  @Test
  void nonNumericHeaderFieldIsRejected() throws IOException {
    Path file = write("3 x\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 1, 0,
        "header field num_cols: expected an integer from 0 to 2147483647, found 'x'");
  }

  @Test
  void headerCountBeyondIntIsRejected() throws IOException {
    Path file = write("99999999999 554\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 1, 0,
        "header field num_rows: expected an integer from 0 to 2147483647, found '99999999999'");
  }

  @Test
  void negativeHeaderFieldIsRejected() throws IOException {
    Path file = write("-1 3\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 1, 0,
        "header field num_rows: expected an integer from 0 to 2147483647, found '-1'");
  }

  @Test
  void nonNumericLabelIdIsRejected() throws IOException {
    Path file = write("1 3\n0:1 a:1\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 2, 5,
        "label id: expected a non-negative integer, found 'a'");
  }

  @Test
  void negativeLabelIdIsRejected() throws IOException {
    Path file = write("1 3\n-1:1\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 2, 1,
        "label id: expected a non-negative integer, found '-1'");
  }

  @Test
  void nonNumericValueIsRejected() throws IOException {
    Path file = write("1 3\n0:1 2:high\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 2, 7,
        "value: expected a finite decimal number, found 'high'");
  }

  @Test
  void nonFiniteAndJavaOnlyValuesAreRejected() throws IOException {
    for (String value : new String[] {"NaN", "Infinity", "1e99", "0x1p3", "1f", ""}) {
      Path file = write("1 3\n0:" + value + "\n");
      assertFails(() -> SparseMatrixReader.read(file), file, 2, 3,
          "value: expected a finite decimal number, found '" + value + "'");
    }
  }

  @Test
  void missingColonIsRejected() throws IOException {
    Path file = write("1 3\n0:1 2\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 2, 5, "expected 'label_id:value', found '2'");
  }

  @Test
  void duplicateLabelNamesBothColumns() throws IOException {
    Path file = write("1 9\n4:1 7:1 4:0.5\n");
    assertFails(() -> SparseMatrixReader.read(file), file, 2, 9,
        "duplicate label id 4 (first at column 1): expected each label id at most once per line");
  }

  @Test
  void missingFileIsRejected() {
    Path file = folder.resolve("absent.txt");
    assertFails(() -> SparseMatrixReader.read(file), file, 0, 0, "missing file");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    Path file = write("");
    assertFails(() -> SparseMatrixReader.read(file), file, 0, 0,
        "empty file: expected a header 'num_rows num_cols'");
  }

  @Test
  void invalidUtf8NamesLineAndByte() throws IOException {
    Path file = folder.resolve("latin1.txt");
    byte[] content = "1 3\n0:1 \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, content);
    assertFails(() -> SparseMatrixReader.read(file), file, 2, 5, "invalid UTF-8: byte sequence e9 at byte column 5");
  }

  @Test
  void truncatedGzipIsRejected() throws IOException {
    StringBuilder text = new StringBuilder("2000 10\n");
    for (int row = 0; row < 2000; row++) {
      text.append(row % 10).append(":1.0 ").append((row + 3) % 10).append(":0.5\n");
    }
    byte[] compressed = FormatErrors.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(folder.resolve("cut.txt.gz"), Arrays.copyOf(compressed, compressed.length / 2));
    DataFormatException error =
        org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class, () -> SparseMatrixReader.read(file));
    assertTrue(error.getMessage().startsWith(file + ":" + error.line() + ": truncated gzip data: the compressed"
        + " stream ends before its end marker"), error.getMessage());
    // The cut falls about halfway through the 2001 lines.
    assertTrue(error.line() > 1, error.getMessage());
    assertTrue(error.line() < 2001, error.getMessage());
  }
}
