package io.leverxc.teacher;

import io.leverxc.bundle.FileDigests;
import io.leverxc.data.DataFormatException;
import io.leverxc.data.NpyReader;
import io.leverxc.vector.DenseMatrix;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Teacher embeddings computed outside Lever-XC, such as by the LEVER reference code or a
 * sentence-transformers pipeline, used in place of the built-in teacher for distillation. Only
 * validated matrices get here: one row per training document and per label, in data-set order,
 * of one shared dimension, every row finite and of unit Euclidean norm.
 *
 * <p>{@link NpyReader} checks each file's dtype, layout and shape; this class checks that the two
 * matrices fit the data set and each other.
 *
 * @param documentEmbeddings one row per training document, in {@code trn_X.txt} order
 * @param labelEmbeddings one row per label, in {@code Y.txt} order
 */
public record ImportedTeacher(DenseMatrix documentEmbeddings, DenseMatrix labelEmbeddings) {
  /** File name of the document embeddings in an import directory. */
  public static final String DOCUMENT_FILE = "trn_doc_embeddings.npy";

  /** File name of the label embeddings in an import directory. */
  public static final String LABEL_FILE = "lbl_embeddings.npy";

  /**
   * Largest accepted distance of a row's norm from 1. Rows normalised in float32 are within about
   * 1e-6 of unit norm, and this bound also admits most rows that passed through float16 on export.
   */
  public static final double NORM_TOLERANCE = 1e-3;

  /**
   * Reads {@value #DOCUMENT_FILE} and {@value #LABEL_FILE} from {@code directory} and checks them
   * as {@link #validate} does.
   *
   * @throws DataFormatException if a file is missing or is not a 2-D little-endian float32 array
   * @throws IllegalArgumentException if the matrices do not fit the data set or each other
   */
  public static ImportedTeacher read(Path directory, int trainDocuments, int labels) {
    Path documentFile = directory.resolve(DOCUMENT_FILE);
    Path labelFile = directory.resolve(LABEL_FILE);
    DenseMatrix documents = NpyReader.readMatrix(documentFile);
    DenseMatrix labelMatrix = NpyReader.readMatrix(labelFile);
    return validate(documents, documentFile.toString(), trainDocuments, labelMatrix, labelFile.toString(), labels);
  }

  /**
   * Returns the SHA-256 of {@value #DOCUMENT_FILE} and {@value #LABEL_FILE} in {@code directory},
   * by file name, so that a bundle's manifest names the exact embeddings it was trained with.
   *
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public static Map<String, String> digests(Path directory) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String name : List.of(DOCUMENT_FILE, LABEL_FILE)) {
      digests.put(name, FileDigests.sha256(directory.resolve(name)));
    }
    return digests;
  }

  /**
   * Checks imported embeddings against the data set they must describe.
   *
   * @param documentSource name of the documents' file, for messages
   * @param labelSource name of the labels' file, for messages
   * @throws IllegalArgumentException naming the file, row and value when a row count, the
   *     dimension, a value or a norm is wrong
   */
  public static ImportedTeacher validate(
      DenseMatrix documentEmbeddings,
      String documentSource,
      int trainDocuments,
      DenseMatrix labelEmbeddings,
      String labelSource,
      int labels) {
    checkRows(documentEmbeddings, documentSource, trainDocuments, "training documents");
    checkRows(labelEmbeddings, labelSource, labels, "labels");
    if (documentEmbeddings.columns() == 0) {
      throw new IllegalArgumentException(documentSource + " has 0 columns; embeddings need a positive dimension");
    }
    if (documentEmbeddings.columns() != labelEmbeddings.columns()) {
      throw new IllegalArgumentException(
          documentSource + " has dimension " + documentEmbeddings.columns() + " but " + labelSource + " has "
              + labelEmbeddings.columns() + "; both must come from the same encoder");
    }
    checkUnitRows(documentEmbeddings, documentSource);
    checkUnitRows(labelEmbeddings, labelSource);
    return new ImportedTeacher(documentEmbeddings, labelEmbeddings);
  }

  private static void checkRows(DenseMatrix matrix, String source, int expected, String what) {
    if (matrix.rows() != expected) {
      throw new IllegalArgumentException(
          source + " has " + matrix.rows() + " rows but the data set has " + expected + " " + what
              + "; export one row per item, in data-set order");
    }
  }

  private static void checkUnitRows(DenseMatrix matrix, String source) {
    float[] data = matrix.data();
    int columns = matrix.columns();
    for (int row = 0; row < matrix.rows(); row++) {
      int offset = row * columns;
      double squareSum = 0;
      for (int column = 0; column < columns; column++) {
        float value = data[offset + column];
        if (!Float.isFinite(value)) {
          throw new IllegalArgumentException(
              source + " row " + row + " column " + column + " is " + value + "; embeddings must be finite");
        }
        squareSum += (double) value * value;
      }
      double norm = Math.sqrt(squareSum);
      if (Math.abs(norm - 1) > NORM_TOLERANCE) {
        throw new IllegalArgumentException(String.format(
            Locale.ROOT,
            "%s row %d has norm %.6f, expected 1 within %.0e; L2-normalise the embeddings before export",
            source, row, norm, NORM_TOLERANCE));
      }
    }
  }
}
