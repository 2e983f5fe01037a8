package io.leverxc.pipeline;

import io.leverxc.ann.VectorIndex;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.model.XcModel;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.DenseMatrix;
import java.util.List;

/** Writes the model parts that training and retraining both store in a bundle. */
final class ModelParts {
  private ModelParts() {}

  /**
   * Puts the featurizer, both encoders, label embeddings, classifiers and label texts; the
   * classifier encoder is stored only when it differs from the teacher's.
   */
  static void put(
      BundleWriter writer,
      TfidfFeaturizer featurizer,
      EmbeddingBagEncoder encoder,
      EmbeddingBagEncoder classifierEncoder,
      DenseMatrix labelEmbeddings,
      OvaClassifiers classifiers,
      List<String> labelTexts) {
    writer.putBytes(BundleLayout.FEATURIZER, featurizer.toBytes());
    writer.putBytes(BundleLayout.ENCODER, encoder.toBytes());
    if (classifierEncoder != encoder) {
      writer.putBytes(BundleLayout.CLASSIFIER_ENCODER, classifierEncoder.toBytes());
    }
    writer.putMatrix(BundleLayout.LABEL_EMBEDDINGS, labelEmbeddings);
    writer.putMatrix(BundleLayout.CLASSIFIER_WEIGHTS, classifiers.weights());
    writer.putFloats(BundleLayout.CLASSIFIER_BIASES, classifiers.biases());
    writer.putBytes(BundleLayout.LABEL_TEXTS, XcModel.joinLines(labelTexts));
  }

  /** Puts the voting training documents: their unit embeddings, their labels and the graph over the embeddings. */
  static void putDocumentNeighbours(
      BundleWriter writer, DenseMatrix embeddings, LabelMatrix labels, VectorIndex index) {
    writer.putMatrix(BundleLayout.DOCUMENT_EMBEDDINGS, embeddings);
    writer.putLabelMatrix(BundleLayout.DOCUMENT_LABELS, labels);
    writer.putBytes(BundleLayout.DOCUMENT_INDEX, index.toBytes());
  }
}
