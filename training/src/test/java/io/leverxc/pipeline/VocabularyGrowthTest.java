package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

class VocabularyGrowthTest {
  private static EmbeddingBagEncoder encoder(int features, float first) {
    DenseMatrix table = new DenseMatrix(features, 2);
    for (int i = 0; i < table.data().length; i++) {
      table.data()[i] = first + i;
    }
    DenseMatrix block = new DenseMatrix(2, 2);
    block.data()[1] = 0.5f;
    return new EmbeddingBagEncoder(table, block, new DenseMatrix(1, 2));
  }

  @Test
  void widenAppendsZeroRows() {
    EmbeddingBagEncoder widened = VocabularyGrowth.widen(encoder(2, 1f), 4, null);

    assertEquals(4, widened.featureDimension());
    assertArrayEquals(new float[] {1, 2, 3, 4, 0, 0, 0, 0}, widened.embeddings().data());
    assertEquals(0.5f, widened.blockWeights().data()[1]);
  }

  @Test
  void widenCopiesNewRowsFromSource() {
    EmbeddingBagEncoder widened = VocabularyGrowth.widen(encoder(2, 1f), 3, encoder(3, 100f));

    assertArrayEquals(new float[] {1, 2, 3, 4, 104, 105}, widened.embeddings().data());
  }

  @Test
  void widenLeavesTheInputUnchanged() {
    EmbeddingBagEncoder original = encoder(2, 1f);

    VocabularyGrowth.widen(original, 3, null).embeddings().data()[0] = -1f;

    assertEquals(1f, original.embeddings().data()[0]);
  }

  @Test
  void widenRejectsShrinkingAndSmallSource() {
    assertThrows(IllegalArgumentException.class, () -> VocabularyGrowth.widen(encoder(3, 0f), 2, null));
    assertThrows(IllegalArgumentException.class, () -> VocabularyGrowth.widen(encoder(2, 0f), 4, encoder(3, 0f)));
  }
}
