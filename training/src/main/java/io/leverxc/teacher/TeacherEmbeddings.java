package io.leverxc.teacher;

import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.List;

/** Encodes many texts at once, for the label-embedding table of a bundle and for evaluation. */
public final class TeacherEmbeddings {
  private TeacherEmbeddings() {}

  /** Returns one unit-norm row per feature vector (zero rows for empty ones), using {@code threads} threads. */
  public static DenseMatrix encodeAll(EmbeddingBagEncoder encoder, List<SparseVector> features, int threads) {
    try (RangeWorkers parallel = new RangeWorkers(threads, "teacher-encode")) {
      return encodeAll(encoder, features, parallel);
    }
  }

  static DenseMatrix encodeAll(EmbeddingBagEncoder encoder, List<SparseVector> features, RangeWorkers parallel) {
    int dimension = encoder.dimension();
    DenseMatrix embeddings = new DenseMatrix(features.size(), dimension);
    float[] data = embeddings.data();
    parallel.forEachRange(features.size(), (worker, from, to) -> {
      float[] out = new float[dimension];
      for (int row = from; row < to; row++) {
        encoder.encode(features.get(row), out);
        System.arraycopy(out, 0, data, row * dimension, dimension);
      }
    });
    return embeddings;
  }
}
