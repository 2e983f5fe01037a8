package io.leverxc.distill;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;

/**
 * Training targets after LEVER augmentation.
 *
 * @param targets soft targets, one row per training document followed (unless the mode is
 *     {@link DistillMode#NONE}) by one row per label document; every stored value is in (0, 1]
 * @param appendedInputs input embeddings of the appended label documents (the labels' teacher
 *     embeddings), with zero rows under {@link DistillMode#NONE}
 * @param originalRows number of training documents, the rows before the label documents
 * @param labelPairsAdded label-to-label pairs added to the label documents
 * @param documentPairsAdded (document, label) pairs added by the tail-label top-up
 */
public record AugmentedTrainingSet(
    LabelMatrix targets,
    DenseMatrix appendedInputs,
    int originalRows,
    int labelPairsAdded,
    int documentPairsAdded) {

  public AugmentedTrainingSet {
    if (targets.rows() != originalRows + appendedInputs.rows()) {
      throw new IllegalArgumentException(
          "targets have " + targets.rows() + " rows, expected " + originalRows + " documents + "
              + appendedInputs.rows() + " appended rows");
    }
  }

  /**
   * Returns the input embeddings of every target row: {@code documentEmbeddings} followed by the
   * appended rows, in a new matrix.
   *
   * @throws IllegalArgumentException if the document count or the dimension does not match
   */
  public DenseMatrix inputs(DenseMatrix documentEmbeddings) {
    if (documentEmbeddings.rows() != originalRows) {
      throw new IllegalArgumentException(
          "expected embeddings of " + originalRows + " documents, got " + documentEmbeddings.rows());
    }
    if (appendedInputs.rows() == 0) {
      return documentEmbeddings;
    }
    if (documentEmbeddings.columns() != appendedInputs.columns()) {
      throw new IllegalArgumentException(
          "document embeddings have dimension " + documentEmbeddings.columns() + ", label embeddings "
              + appendedInputs.columns());
    }
    int dimension = documentEmbeddings.columns();
    float[] stacked = new float[(originalRows + appendedInputs.rows()) * dimension];
    System.arraycopy(documentEmbeddings.data(), 0, stacked, 0, originalRows * dimension);
    System.arraycopy(appendedInputs.data(), 0, stacked, originalRows * dimension, appendedInputs.rows() * dimension);
    return new DenseMatrix(originalRows + appendedInputs.rows(), dimension, stacked);
  }
}
