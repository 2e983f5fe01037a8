package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

class ImportedTeacherTest {

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
