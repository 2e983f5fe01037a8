package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.DataFormatException;
import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportedTeacherTest {
  @TempDir Path folder;

  // Writes a matrix as a version 1.0 .npy file of little-endian float32 in C order.
  private static void writeNpy(Path file, DenseMatrix matrix) throws IOException {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + matrix.rows() + ", "
        + matrix.columns() + "), }";
    int unpadded = 10 + header.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    header = header + " ".repeat(padding) + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer = ByteBuffer.allocate(10 + headerBytes.length + matrix.data().length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    buffer.putShort((short) headerBytes.length).put(headerBytes);
    for (float value : matrix.data()) {
      buffer.putFloat(value);
    }
    Files.write(file, buffer.array());
  }

  @Test
  void readLoadsAndChecksBothFiles() throws IOException {
    DenseMatrix documents = unitRows(3, 4);
    DenseMatrix labels = unitRows(2, 4);
    writeNpy(folder.resolve(ImportedTeacher.DOCUMENT_FILE), documents);
    writeNpy(folder.resolve(ImportedTeacher.LABEL_FILE), labels);
    ImportedTeacher teacher = ImportedTeacher.read(folder, 3, 2);
    assertArrayEquals(documents.data(), teacher.documentEmbeddings().data());
    assertArrayEquals(labels.data(), teacher.labelEmbeddings().data());

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> ImportedTeacher.read(folder, 4, 2));
    assertTrue(error.getMessage().startsWith(folder.resolve(ImportedTeacher.DOCUMENT_FILE) + " has 3 rows"),
        error.getMessage());
  }

  @Test
  void readWithoutLabelFileFails() throws IOException {
    writeNpy(folder.resolve(ImportedTeacher.DOCUMENT_FILE), unitRows(3, 4));
    DataFormatException error =
        assertThrows(DataFormatException.class, () -> ImportedTeacher.read(folder, 3, 2));
    assertTrue(error.getMessage().contains(ImportedTeacher.LABEL_FILE), error.getMessage());
  }

  private static DenseMatrix unitRows(int rows, int columns) {
    DenseMatrix matrix = new DenseMatrix(rows, columns);
    for (int row = 0; row < rows; row++) {
      matrix.set(row, row % columns, 1f);
    }
    return matrix;
  }

  private static IllegalArgumentException rejected(DenseMatrix documents, DenseMatrix labels) {
    return assertThrows(
        IllegalArgumentException.class,
        () -> ImportedTeacher.validate(documents, ImportedTeacher.DOCUMENT_FILE, 3, labels, ImportedTeacher.LABEL_FILE, 2));
  }

  @Test
  void matchingEmbeddingsAreAccepted() {
    DenseMatrix documents = unitRows(3, 4);
    DenseMatrix labels = new DenseMatrix(2, 4, new float[] {0.6f, 0.8f, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f});
    ImportedTeacher teacher =
        ImportedTeacher.validate(documents, "docs.npy", 3, labels, "labels.npy", 2);
    assertSame(documents, teacher.documentEmbeddings());
    assertSame(labels, teacher.labelEmbeddings());
  }

  @Test
  void wrongDocumentCountNamesFileAndCounts() {
    IllegalArgumentException error = rejected(unitRows(4, 4), unitRows(2, 4));
    assertEquals(
        "trn_doc_embeddings.npy has 4 rows but the data set has 3 training documents; export one row per item,"
            + " in data-set order",
        error.getMessage());
  }

  @Test
  void wrongLabelCountIsRejected() {
    IllegalArgumentException error = rejected(unitRows(3, 4), unitRows(5, 4));
    assertTrue(error.getMessage().startsWith("lbl_embeddings.npy has 5 rows but the data set has 2 labels"),
        error.getMessage());
  }

  @Test
  void differentDimensionsAreRejected() {
    IllegalArgumentException error = rejected(unitRows(3, 4), unitRows(2, 3));
    assertTrue(error.getMessage().contains("has dimension 4 but lbl_embeddings.npy has 3"), error.getMessage());
  }

  @Test
  void rowOffUnitNormNamesRowAndNorm() {
    DenseMatrix labels = unitRows(2, 4);
    labels.set(1, 1, 0.5f);
    IllegalArgumentException error = rejected(unitRows(3, 4), labels);
    assertTrue(error.getMessage().startsWith("lbl_embeddings.npy row 1 has norm 0.500000"), error.getMessage());
  }

  @Test
  void nonFiniteValueIsRejected() {
    DenseMatrix documents = unitRows(3, 4);
    documents.set(2, 3, Float.NaN);
    IllegalArgumentException error = rejected(documents, unitRows(2, 4));
    assertEquals("trn_doc_embeddings.npy row 2 column 3 is NaN; embeddings must be finite", error.getMessage());
  }
}
