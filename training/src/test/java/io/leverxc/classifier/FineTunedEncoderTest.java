package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the fine-tuning step against finite differences of a linear loss c · encode(row). */
class FineTunedEncoderTest {
  private static final int FEATURES = 6;
  private static final int DIMENSION = 5;

  private static DenseMatrix random(int rows, int columns, Random random, float scale) {
    DenseMatrix matrix = new DenseMatrix(rows, columns);
    for (int i = 0; i < matrix.data().length; i++) {
      matrix.data()[i] = (float) random.nextGaussian() * scale;
    }
    return matrix;
  }

  private static double loss(EmbeddingBagEncoder encoder, SparseVector features, float[] direction) {
    float[] out = new float[DIMENSION];
    encoder.encode(features, out);
    double sum = 0;
    for (int i = 0; i < DIMENSION; i++) {
      sum += direction[i] * out[i];
    }
    return sum;
  }

  @Test
  void updateFollowsNegativeGradient() {
    Random random = new Random(3);
    EmbeddingBagEncoder teacher =
        new EmbeddingBagEncoder(random(FEATURES, DIMENSION, random, 1f), random(DIMENSION, DIMENSION, random, 0.5f),
            random(1, DIMENSION, random, 0.1f));
    SparseVector features = SparseVector.of(new int[] {1, 4}, new float[] {0.6f, 0.8f});
    float[] direction = {0.3f, -1.2f, 0.7f, 0.1f, -0.4f};
    FineTunedEncoder trainable = new FineTunedEncoder(teacher, List.of(features));

    float[] embedding = new float[DIMENSION];
    float length = trainable.encode(0, embedding);
    DenseMatrix before = trainable.encoder().embeddings().copy();
    float learningRate = 1e-3f;
    trainable.update(0, embedding, length, direction, learningRate);
    float[] after = trainable.encoder().embeddings().data();

    double epsilon = 1e-3;
    for (int feature : new int[] {1, 4}) {
      for (int c = 0; c < DIMENSION; c++) {
        EmbeddingBagEncoder probe = new EmbeddingBagEncoder(before.copy(), teacher.blockWeights(), teacher.blockBias());
        int index = feature * DIMENSION + c;
        probe.embeddings().data()[index] += (float) epsilon;
        double plus = loss(probe, features, direction);
        probe.embeddings().data()[index] -= (float) (2 * epsilon);
        double minus = loss(probe, features, direction);
        double numeric = (plus - minus) / (2 * epsilon);
        double applied = (before.data()[index] - after[index]) / learningRate;
        assertEquals(numeric, applied, 2e-3, "feature " + feature + ", column " + c);
      }
    }
    assertEquals(before.data()[0], after[0], "features absent from the row must not move");
  }
}
