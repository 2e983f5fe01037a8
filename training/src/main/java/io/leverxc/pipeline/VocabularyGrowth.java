package io.leverxc.pipeline;

import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.DenseMatrix;
import java.util.List;

/**
 * Grows a parent model's vocabulary to the texts of a retraining run. Parent features keep their
 * ids, so the parent's encoder rows stay valid, and words that reach the minimum document
 * frequency only in the grown data get new ids and new encoder rows.
 */
final class VocabularyGrowth {
  private VocabularyGrowth() {}

  /**
   * Returns the parent's featurizer extended by the features of a featurizer fitted with the
   * parent's settings on {@code texts}.
   *
   * @param texts every training text and label text of the grown data
   */
  static TfidfFeaturizer extend(TfidfFeaturizer parent, List<String> texts, int threads) {
    TfidfFeaturizer refit = TfidfFeaturizer.fit(parent.settings(), texts, threads);
    return parent.extendedWith(refit);
  }

  /**
   * Returns a copy of {@code encoder} whose embedding table has {@code featureDimension} rows: the
   * encoder's own rows, then rows copied from the same feature ids of {@code source}, or zero rows
   * when {@code source} is null. A zero row adds nothing to a text's bag of embeddings until
   * training moves it, but the text's known features still weigh less once new features share its
   * TF-IDF norm.
   *
   * @param source encoder of at least {@code featureDimension} features and the same dimension, or null
   * @throws IllegalArgumentException if {@code featureDimension} is below the encoder's feature
   *     count, or {@code source} is too small or of another dimension
   */
  static EmbeddingBagEncoder widen(EmbeddingBagEncoder encoder, int featureDimension, EmbeddingBagEncoder source) {
    int oldFeatures = encoder.featureDimension();
    int dimension = encoder.dimension();
    if (featureDimension < oldFeatures) {
      throw new IllegalArgumentException(
          "cannot shrink an encoder of " + oldFeatures + " features to " + featureDimension);
    }
    if (source != null && (source.featureDimension() < featureDimension || source.dimension() != dimension)) {
      throw new IllegalArgumentException(
          "the source encoder has " + source.featureDimension() + " features of dimension " + source.dimension()
              + ", expected at least " + featureDimension + " of dimension " + dimension);
    }
    DenseMatrix table = new DenseMatrix(featureDimension, dimension);
    System.arraycopy(encoder.embeddings().data(), 0, table.data(), 0, oldFeatures * dimension);
    if (source != null) {
      System.arraycopy(
          source.embeddings().data(), oldFeatures * dimension, table.data(), oldFeatures * dimension,
          (featureDimension - oldFeatures) * dimension);
    }
    return new EmbeddingBagEncoder(table, encoder.blockWeights().copy(), encoder.blockBias().copy());
  }
}
